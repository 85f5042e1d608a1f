/**
 * Kysely batch insert against raw prepared statements, for the same rows in
 * the same kind of database: what the query builder costs us on the writes
 * that matter (imports, demo data).
 */
import { join } from 'node:path';
import { makeTempDir, openTempDatabase } from '../src-main/db/testing/temp-db';
import { ms, ratio, time, type BenchResult } from './measure';

const ROWS = 20_000;
const BATCH = 500;

function rows(prefix: string) {
  return Array.from({ length: ROWS }, (_, i) => ({
    id: `${prefix}-${i}`,
    first_name: `Vārds${i}`,
    last_name: `Uzvārds${i}`,
    personal_code: `${prefix}${String(i).padStart(11, '0')}`,
    birth_date: '2010-01-01',
    gender: i % 2 ? ('male' as const) : ('female' as const),
    education_level: 'general' as const,
    grade: (i % 12) + 1,
    class_label: 'a',
    programme: '',
    enrolled_on: null,
    left_on: null,
    created_at: '2025-09-01T00:00:00Z',
    updated_at: '2025-09-01T00:00:00Z',
  }));
}

export async function benchInsert(): Promise<BenchResult> {
  const tmp = await makeTempDir('pumpurs-bench-');
  try {
    const kyselyDb = await openTempDatabase(join(tmp.dir));
    let run = 0;
    const kyselyTime = await time(3, async () => {
      const data = rows(`k${run++}`);
      await kyselyDb.db.transaction().execute(async (trx) => {
        for (let i = 0; i < data.length; i += BATCH)
          await trx
            .insertInto('student')
            .values(data.slice(i, i + BATCH))
            .execute();
      });
    });
    const raw = kyselyDb.raw;
    const insert = raw.prepare(
      `INSERT INTO student (id, first_name, last_name, personal_code, birth_date, gender, education_level, grade, class_label, programme, enrolled_on, left_on, created_at, updated_at)
       VALUES (@id, @first_name, @last_name, @personal_code, @birth_date, @gender, @education_level, @grade, @class_label, @programme, @enrolled_on, @left_on, @created_at, @updated_at)`,
    );
    const insertAll = raw.transaction((data: ReturnType<typeof rows>) => {
      for (const row of data) insert.run(row);
    });
    const rawTime = await time(3, () => insertAll(rows(`r${run++}`)));
    await kyselyDb.close();
    return {
      name: `insert ${ROWS} students (one transaction)`,
      lines: [
        `kysely, batches of ${BATCH}: ${ms(kyselyTime.medianMs)}`,
        `raw prepared statement:   ${ms(rawTime.medianMs)}`,
        `ratio kysely / raw:       ${ratio(kyselyTime.medianMs, rawTime.medianMs)}`,
      ],
    };
  } finally {
    await tmp.remove();
  }
}
