/**
 * Random damage to a valid school package, imported for real into a
 * municipality (100 runs, each from the same saved database).
 *
 * Properties:
 * 1. the import never throws, and every refused file carries a stable code;
 * 2. never a partial import: afterwards the municipality's database is
 *    either exactly as before (refused; except the one alert row a flagged
 *    refusal writes), or exactly as after importing the undamaged package.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src-shared/ipc/result';
import { mutate, mutationOf } from '../../package-format/test-support/mutations';
import { ACTOR, dumpDatabase, link, makeAuthority, makeSchool, movableClock, openAppAt, type Installation } from './testing/exchange-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
let school: Installation;
let muni: Installation;
let original: Buffer;
let baseFile: string;
let before: Record<string, unknown[]>;
let imported: Record<string, unknown[]>;
let work: string;

/** The municipality exactly as saved in `baseFile`. */
async function restoreMunicipality(): Promise<void> {
  await muni.app.close();
  for (const suffix of ['', '-wal', '-shm']) await rm(join(muni.dataDir, `pumpurs.sqlite${suffix}`), { force: true });
  await copyFile(baseFile, join(muni.dataDir, 'pumpurs.sqlite'));
  muni.app = await openAppAt(clock, muni.dataDir);
}

async function importBytes(bytes: Buffer) {
  const path = join(work, 'package.pumpurs');
  await writeFile(path, bytes);
  return muni.app.services.exchange.importer.commit(ACTOR, [path]);
}

beforeAll(async () => {
  school = await makeSchool(clock, { students: 40, today: '2026-02-10' });
  muni = await makeAuthority(clock);
  await link(school, muni);
  work = join(muni.tmp.dir, 'work');
  await mkdir(work);
  const path = join(work, 'original.pumpurs');
  await school.app.services.exchange.exporter.export(ACTOR, { path });
  original = await readFile(path);
  baseFile = join(muni.tmp.dir, 'base.sqlite');
  await muni.app.database.copyTo(baseFile);
  before = dumpDatabase(muni.raw);
  const result = await importBytes(original);
  expect(result.files[0]?.status).toBe('imported');
  imported = dumpDatabase(muni.raw);
  expect(imported).not.toEqual(before);
}, 60_000);

afterAll(async () => {
  await school.close();
  await muni.close();
});

describe('importing damaged packages', () => {
  it('never crashes and never imports part of a package', async () => {
    const codes = new Set<string>(ERROR_CODES);
    await fc.assert(
      fc.asyncProperty(fc.array(mutationOf(original, 8), { minLength: 1, maxLength: 3 }), async (mutations) => {
        await restoreMunicipality();
        const damaged = mutations.reduce((bytes, m) => mutate(bytes, m), original);
        const result = await importBytes(damaged);
        const file = result.files[0]!;
        const after = dumpDatabase(muni.raw);
        if (file.status === 'imported') {
          expect(after).toEqual(imported);
          return;
        }
        expect(file.status).toBe('refused');
        expect(codes.has(file.code ?? '')).toBe(true);
        const { exchange_alert: alerts, ...rest } = after;
        const { exchange_alert: alertsBefore, ...restBefore } = before;
        expect(rest).toEqual(restBefore);
        expect((alerts?.length ?? 0) - (alertsBefore?.length ?? 0)).toBe(
          ['PACKAGE_ID_CONFLICT', 'SIGNER_SENDER_MISMATCH', 'INNER_BINDING_MISMATCH'].includes(file.code ?? '') ? 1 : 0,
        );
      }),
      { numRuns: 100 },
    );
  }, 300_000);
});
