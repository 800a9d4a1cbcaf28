// docs/market-model.md#string-order: usernames compare by UTF-16 code units (`a < b`), never with localeCompare.
export function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

export function byUsername(a: { username: string }, b: { username: string }): number {
  return compareCodeUnits(a.username, b.username);
}
