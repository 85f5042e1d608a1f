/**
 * `npm run bench`: every benchmark, each printing its numbers next to a
 * baseline measured in the same run. Pass names to run only some:
 * `npm run bench -- insert`.
 */
import { spawnSync } from 'node:child_process';
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
const chosen = Object.entries(benches).filter(([key]) => only.length === 0 || only.includes(key));
if (chosen.length === 1 || process.env.PUMPURS_BENCH_CHILD === '1') {
  for (const [, bench] of chosen) {
    const result = await bench();
    console.log(`\n== ${result.name}`);
    for (const line of result.lines) console.log(`   ${line}`);
  }
} else {
  // Several benches: each in a process of its own, with this one's Node flags, so none measures what an earlier one
  // left in memory (the import's peak RSS read 1,006 MiB after the register and export benches, 264 MiB alone).
  for (const [key] of chosen) {
    const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, key], {
      stdio: 'inherit',
      env: { ...process.env, PUMPURS_BENCH_CHILD: '1' },
    });
    if (child.status !== 0) {
      console.error(`bench ${key} failed (exit ${child.status ?? child.signal})`);
      process.exitCode = 1;
    }
  }
}
