/**
 * Generating a 1,500-student demo school (the size of a large Latvian
 * school) into a fresh SQLite file: how long it takes and how big the file
 * gets. Baseline: creating and migrating an empty file of the same kind.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, openTempDatabase, type TempDir } from '../src-main/db/testing/temp-db';
import { generateDemoData, type DemoDataSummary } from '../src-main/services/demo-data/demo-data';
import { loadRiskCatalogue } from '../src-main/services/school/risk-catalogue-service';
import { mib, ms, ratio, time, type BenchResult } from './measure';

const STUDENTS = 1_500;
const TODAY = '2025-11-28';

export async function benchDemoData(): Promise<BenchResult> {
  const riskCatalogue = await loadRiskCatalogue(join(import.meta.dirname, '..', 'resources'));
  const dirs: TempDir[] = [];
  const freshDir = async () => {
    const dir = await makeTempDir('pumpurs-bench-demo-');
    dirs.push(dir);
    return dir;
  };
  try {
    const empty = await time(3, async () => {
      const db = await openTempDatabase((await freshDir()).dir);
      await db.close();
    });
    let summary: DemoDataSummary | undefined;
    let file = '';
    const generate = await time(3, async () => {
      const dir = await freshDir();
      const db = await openTempDatabase(dir.dir);
      summary = await generateDemoData(db.db, { students: STUDENTS, seed: 2025, today: TODAY, riskCatalogue });
      db.raw.pragma('wal_checkpoint(TRUNCATE)');
      await db.close();
      file = join(dir.dir, 'pumpurs.sqlite');
    });
    const size = (await stat(file)).size;
    const s = summary!;
    return {
      name: `demo data: ${STUDENTS} students`,
      lines: [
        `generate (median of 3): ${ms(generate.medianMs)}  vs empty database: ${ms(empty.medianMs)}  (${ratio(generate.medianMs, empty.medianMs)})`,
        `database file: ${mib(size)}`,
        `rows: ${s.atRisk} at risk, ${s.screenings} screenings, ${s.plans} plans, ${s.measures} measures, ${s.deliveries} deliveries, ${s.staff} staff`,
      ],
    };
  } finally {
    for (const dir of dirs) await dir.remove();
  }
}
