/**
 * Packages arriving out of order (issue 9, item 8): a school's packages for
 * four semesters (seq 1-4, one stream) are delivered to its municipality in
 * every one of the 24 orders. Every package is imported, and the
 * municipality ends with exactly what in-order delivery gives. Replays stay
 * refused: the same package again is ALREADY_IMPORTED, and an older package
 * of the same semester after a newer one is STALE_REPLAY.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR, link, makeAuthority, makeSchool, movableClock, type Installation } from './testing/exchange-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
let school: Installation;
let muni: Installation;
const packages: string[] = [];

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** What the municipality holds from the school (timestamps of the import itself left out). */
function held(): unknown {
  return {
    records: muni.raw
      .prepare(
        'SELECT sender_id, period, record_type, record_id, version, updated_at, record, package_id, withdrawn_package_id FROM imported_record ORDER BY sender_id, period, record_type, record_id',
      )
      .all(),
    ledger: muni.raw.prepare('SELECT package_id, sender_id, seq, period, sums_hash, summary FROM exchange_import ORDER BY seq').all(),
  };
}

/** Forgets every import (records first: they name their packages), so the next order starts from nothing. */
function forget(): void {
  muni.raw.exec('DELETE FROM imported_record; DELETE FROM exchange_import;');
}

beforeAll(async () => {
  school = await makeSchool(clock, { students: 20, today: '2026-02-10' });
  muni = await makeAuthority(clock);
  await link(school, muni);
  const semesters = (school.raw.prepare("SELECT id FROM semester WHERE starts_on <= '2026-02-10' ORDER BY starts_on").all() as { id: string }[]).map(
    (s) => s.id,
  );
  expect(semesters.length).toBeGreaterThanOrEqual(4);
  for (const [i, semesterId] of semesters.slice(-4).entries()) {
    const path = join(school.tmp.dir, `report-${i + 1}.pumpurs`);
    await school.app.services.exchange.exporter.export(ACTOR, { path, semesterId });
    packages.push(path);
  }
});
afterAll(async () => {
  await school.close();
  await muni.close();
});

async function deliver(order: readonly string[]) {
  const statuses: string[] = [];
  for (const path of order) {
    const result = await muni.app.services.exchange.importer.commit(ACTOR, [path]);
    statuses.push(`${result.files[0]?.status} ${result.files[0]?.code ?? ''}`.trim());
  }
  return statuses;
}

describe('packages of one stream in any order', () => {
  it('every order imports every package and ends in the in-order state', async () => {
    forget();
    expect(await deliver(packages)).toEqual(packages.map(() => 'imported'));
    const inOrder = held();
    // Each package of a semester shows up once: four periods, one ledger row each.
    expect((inOrder as { ledger: unknown[] }).ledger).toHaveLength(4);
    const orders = permutations(packages);
    expect(orders).toHaveLength(24);
    for (const order of orders) {
      forget();
      const statuses = await deliver(order);
      expect(statuses, order.map((p) => p.slice(-10)).join(' ')).toEqual(order.map(() => 'imported'));
      expect(held()).toEqual(inOrder);
    }
  });

  it('replays are still refused: the same package, or an older one of the same semester', async () => {
    forget();
    await deliver(packages);
    expect(await deliver(packages)).toEqual(packages.map(() => 'alreadyImported ALREADY_IMPORTED'));
    // A newer package for the last semester, then the older one for it arrives again after a reset of that row only.
    const last = packages[packages.length - 1] as string;
    const semesterId = (muni.raw.prepare('SELECT period FROM exchange_import ORDER BY seq DESC LIMIT 1').get() as { period: string }).period;
    const newer = join(school.tmp.dir, 'report-5.pumpurs');
    await school.app.services.exchange.exporter.export(ACTOR, { path: newer, semesterId });
    forget();
    expect(await deliver([newer])).toEqual(['imported']);
    expect(await deliver([last])).toEqual(['refused STALE_REPLAY']);
    // Packages of other semesters still import after it.
    expect(await deliver(packages.slice(0, -1))).toEqual(['imported', 'imported', 'imported']);
  });
});
