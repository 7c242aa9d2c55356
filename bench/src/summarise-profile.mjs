// Reads the .cpuprofile files Node wrote (`--cpu-prof`) and sums self time per function, keeping
// the frames of this repository's packages (their built `dist/` files) and the biggest others.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function summariseProfile(directory, repositoryRoot, top = 12) {
  const self = new Map();
  let total = 0;
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(directory, file), 'utf8'));
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const deltas = profile.timeDeltas;
    profile.samples.forEach((id, index) => {
      const node = byId.get(id);
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url.replace(`file://${repositoryRoot}/`, '').replace(/^.*node_modules\//, '');
      const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
      const micros = deltas[index] ?? 0;
      total += micros;
      self.set(key, (self.get(key) ?? 0) + micros);
    });
  }
  const rows = [...self.entries()]
    .map(([frame, micros]) => ({ frame, share: micros / total }))
    .sort((a, b) => b.share - a.share);
  const ours = rows.filter((row) => /(^| )packages\//.test(row.frame));
  const byPackage = {};
  for (const row of ours) {
    const name = /packages\/([^/]+)\//.exec(row.frame)[1];
    byPackage[name] = (byPackage[name] ?? 0) + row.share;
  }
  return { ours: ours.slice(0, top), all: rows.slice(0, top), byPackage };
}
