// Summarise a .cpuprofile: self time by function and by package/file.
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const self = new Map();
const byFile = new Map();
const dt = new Map();
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
let total = 0;
for (const n of p.nodes) {
  const t = (dt.get(n.id) ?? 0) / 1000;
  total += t;
  const cf = n.callFrame;
  const file = cf.url.replace(/^.*node_modules\//, 'nm:').replace(/^.*\/perf\//, '');
  const key = `${cf.functionName || '(anon)'} ${file}:${cf.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + t);
  const fk = file.startsWith('nm:')
    ? file
        .split('/')
        .slice(0, file.includes('@') ? 2 : 1)
        .join('/')
    : file || cf.functionName;
  byFile.set(fk, (byFile.get(fk) ?? 0) + t);
}
const top = (m, n) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${v.toFixed(0).padStart(7)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(
  `total ${total.toFixed(0)} ms\n-- by file/package\n${top(byFile, Number(process.argv[3] ?? 25))}\n-- by function\n${top(self, Number(process.argv[3] ?? 25))}`,
);
