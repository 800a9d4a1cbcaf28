// Economics settings for a run: the domain's defaults (docs/market-model.md#economics) with numeric overrides named by
// their key (`initialMarketSubsidization`) or their path in setup.yaml (`marketcreation.initialMarketSubsidization`).
import { DEFAULT_ECONOMICS, type EconomicsConfig } from '@socialpredict/domain';

export type EconomicsOverrides = Readonly<Record<string, number>>;

type Tree = { [key: string]: number | Tree };

/** Every numeric setting as `path → value`, in the order of the defaults. */
export function economicsPaths(economics: EconomicsConfig = DEFAULT_ECONOMICS): Map<string, number> {
  const paths = new Map<string, number>();
  const walk = (node: Tree, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'number') paths.set(`${prefix}${key}`, value);
      else walk(value, `${prefix}${key}.`);
    }
  };
  walk(economics as unknown as Tree, '');
  return paths;
}

/** The full path of a setting named by key or path, or null if no setting has that name. */
export function resolveSettingName(name: string): string | null {
  const paths = [...economicsPaths().keys()];
  return paths.find((path) => path === name) ?? paths.find((path) => path.endsWith(`.${name}`)) ?? null;
}

export class UnknownSettingError extends Error {}

/** The defaults with `overrides` applied; an unknown name or a non-finite value is the caller's mistake. */
export function economicsWith(overrides: EconomicsOverrides): EconomicsConfig {
  const result = JSON.parse(JSON.stringify(DEFAULT_ECONOMICS)) as Tree;
  for (const [name, value] of Object.entries(overrides)) {
    const path = resolveSettingName(name);
    if (path === null) throw new UnknownSettingError(`unknown economics setting "${name}"`);
    if (!Number.isFinite(value)) throw new UnknownSettingError(`setting "${name}" must be a finite number`);
    const keys = path.split('.');
    let node = result;
    for (const key of keys.slice(0, -1)) node = node[key] as Tree;
    node[keys.at(-1) as string] = value;
  }
  return result as unknown as EconomicsConfig;
}
