/**
 * `npm run bench`: every benchmark, each printing its numbers next to a
 * baseline measured in the same run. Pass names to run only some:
 * `npm run bench -- insert`.
 */
import { benchDecisionQueue } from './decisions.bench';
import { benchDemoData } from './demo-data.bench';
import { benchEncryption } from './encryption.bench';
import { benchExport, benchImport } from './exchange.bench';
import { benchInsert } from './insert.bench';
import { benchJournal } from './journal.bench';
import { benchRegister } from './register.bench';
import { benchStateImport } from './state.bench';
import { benchStatistics } from './statistics.bench';
import type { BenchResult } from './measure';

const benches: Record<string, () => Promise<BenchResult>> = {
  insert: benchInsert,
  'demo-data': benchDemoData,
  register: benchRegister,
  'exchange-export': benchExport,
  'exchange-import': benchImport,
  'state-import': benchStateImport,
  'decision-queue': benchDecisionQueue,
  journal: benchJournal,
  encryption: benchEncryption,
  statistics: benchStatistics,
};

const only = process.argv.slice(2);
for (const [key, bench] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(key)) continue;
  const result = await bench();
  console.log(`\n== ${result.name}`);
  for (const line of result.lines) console.log(`   ${line}`);
}
