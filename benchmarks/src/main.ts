import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchSuite, ResultRow } from './harness.js';

// Every file in suites/ is one suite, so adding a benchmark never means editing this runner.
const suitesDir = fileURLToPath(new URL('./suites/', import.meta.url));
const only = process.argv.slice(2);

const files = (await readdir(suitesDir)).filter((file) => file.endsWith('.ts')).sort();
const rows: ResultRow[] = [];
for (const file of files) {
  const suite = ((await import(new URL(`./suites/${file}`, import.meta.url).href)) as { default: BenchSuite })
    .default;
  if (only.length > 0 && !only.some((name) => suite.name.includes(name))) continue;
  process.stdout.write(`running ${suite.name}…\n`);
  rows.push(...(await suite.run()));
}

const format = (ops: number) => Math.round(ops).toLocaleString('en-US');
console.log(`\nnode ${process.version}, ${process.platform}/${process.arch}\n`);
console.log('| benchmark | ours | ops/s | peer | ops/s | ratio | target | met |');
console.log('|---|---|---:|---|---:|---:|---|---|');
for (const row of rows) {
  console.log(
    `| ${row.benchmark} | ${row.ours} | ${format(row.oursOpsPerSec)} | ${row.peer} | ${format(row.peerOpsPerSec)} | ${row.ratio.toFixed(2)}× | ${row.target} | ${row.met ? 'yes' : 'NO'} |`,
  );
}
if (rows.length === 0) console.log('(no suites matched)');
