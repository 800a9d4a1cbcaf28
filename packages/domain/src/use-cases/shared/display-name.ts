// Display names are compared as people read them (docs/api.md#validation): `ADMIN`, fullwidth `Ａｄｍｉｎ` and `admin`
// are one name. The key is NFKC (compatibility forms such as fullwidth letters fold to their plain letters) followed
// by case folding; upper- then lower-casing folds the characters plain lower-casing keeps apart (`ß` and `SS`).
export function displayNameKey(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/** Names that would pass a user off as the site or its staff; nobody may take one, compared by key. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(
  ['admin', 'administrator', 'moderator', 'mod', 'system', 'operator', 'root', 'staff', 'socialpredict'].map(displayNameKey),
);

export function isReservedDisplayName(name: string): boolean {
  return RESERVED_KEYS.has(displayNameKey(name));
}

export const RESERVED = 'is reserved';
