// The API's V8 CPU profile (`--cpu-prof`, written when the process exits) summarised as the functions with the most
// self time: the profile behind the figures (docs/performance.md#load-figures). Open the .cpuprofile file itself in
// Chrome DevTools or speedscope for the call trees.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

export interface HotFunction {
  name: string;
  location: string;
  /** share of the sampled time spent in this function itself */
  selfShare: number;
}

export async function summariseProfiles(folder: string, root: string, top = 15): Promise<{ file: string; functions: HotFunction[] }[]> {
  const files = (await readdir(folder)).filter((file) => file.endsWith('.cpuprofile'));
  return Promise.all(
    files.map(async (file) => {
      const profile = JSON.parse(await readFile(join(folder, file), 'utf8')) as CpuProfile;
      const self = new Map<string, { name: string; location: string; hits: number }>();
      let total = 0;
      for (const node of profile.nodes) {
        const hits = node.hitCount ?? 0;
        total += hits;
        const { functionName, url, lineNumber } = node.callFrame;
        const location = url === '' ? '(native)' : `${url.startsWith('file://') ? relative(root, new URL(url).pathname) : url}:${lineNumber + 1}`;
        const key = `${functionName}@${location}`;
        const entry = self.get(key) ?? { name: functionName === '' ? '(anonymous)' : functionName, location, hits: 0 };
        entry.hits += hits;
        self.set(key, entry);
      }
      const functions = [...self.values()]
        .sort((a, b) => b.hits - a.hits)
        .slice(0, top)
        .map(({ name, location, hits }) => ({ name, location, selfShare: total === 0 ? 0 : hits / total }));
      return { file: join(folder, file), functions };
    }),
  );
}
