/**
 * How a folder is read (import-shell.ts). The order it imports in
 * (orderForImport): by sender and seq, read from each package's manifest at
 * the head of the file; files whose manifest cannot be read keep their
 * relative order at the end. The strict reader judges every file
 * afterwards; the order only decides which comes first. And the file after
 * the one being imported is read from disk ahead of its turn
 * (FileReadAhead).
 */
import { readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileReadAhead, orderForImport } from './import-shell';
import { ACTOR, link, makeAuthority, makeSchool, movableClock, type Installation } from './testing/exchange-fixture';

const clock = movableClock('2026-02-10T10:00:00.000Z');
let school: Installation;
let muni: Installation;
/** The school's packages, seq 1, 2, 3. */
const packages: string[] = [];

beforeAll(async () => {
  school = await makeSchool(clock, { students: 10, today: '2026-02-10' });
  muni = await makeAuthority(clock);
  await link(school, muni);
  const semesters = (school.raw.prepare("SELECT id FROM semester WHERE starts_on <= '2026-02-10' ORDER BY starts_on").all() as { id: string }[]).map(
    (s) => s.id,
  );
  for (const [i, semesterId] of semesters.slice(-3).entries()) {
    const path = join(school.tmp.dir, `z-${3 - i}.pumpurs`);
    await school.app.services.exchange.exporter.export(ACTOR, { path, semesterId });
    packages.push(path);
  }
});
afterAll(async () => {
  await school.close();
  await muni.close();
});

it('orders a school’s packages by seq, whatever order the files are given in', async () => {
  const [one, two, three] = packages as [string, string, string];
  expect(await orderForImport([three, one, two])).toEqual([one, two, three]);
  expect(await orderForImport([two, three, one, two])).toEqual([one, two, three]);
});

it('puts files whose manifest cannot be read at the end, in the order given', async () => {
  const [one, two, three] = packages as [string, string, string];
  const bytes = await readFile(two);
  const garbage = join(school.tmp.dir, 'a-garbage.pumpurs');
  await writeFile(garbage, 'not a package');
  // Cut inside the manifest: the head holds no whole manifest, and the file is no ZIP either.
  const truncated = join(school.tmp.dir, 'a-truncated.pumpurs');
  await writeFile(truncated, bytes.subarray(0, 120));
  // The manifest's local header claims a data descriptor: not the layout the head peek reads, and the strict ZIP refuses it too.
  const descriptor = join(school.tmp.dir, 'a-descriptor.pumpurs');
  const changed = Buffer.from(bytes);
  const manifestAt = 30 + 'mimetype'.length + 35;
  expect(changed.readUInt32LE(manifestAt)).toBe(0x04034b50);
  changed.writeUInt16LE(changed.readUInt16LE(manifestAt + 6) | 0x0008, manifestAt + 6);
  await writeFile(descriptor, changed);
  const missing = join(school.tmp.dir, 'a-missing.pumpurs');
  expect(await orderForImport([garbage, three, truncated, missing, one, descriptor, two])).toEqual([one, two, three, garbage, truncated, missing, descriptor]);
});

it('reads the manifest from the head of the file, without opening the whole file as a ZIP', async () => {
  // A copy of seq 1 with 64 KiB of zeros appended is no valid package (the strict ZIP refuses bytes after its end
  // record), but its head is the package's own: it is ordered by its manifest, before seq 2.
  const [one, two] = packages as [string, string];
  const padded = join(school.tmp.dir, 'z-padded.pumpurs');
  await writeFile(padded, Buffer.concat([await readFile(one), Buffer.alloc(64 * 1024)]));
  expect(await orderForImport([two, padded])).toEqual([padded, two]);
});

describe('reading the next file ahead', () => {
  it('gives each file the bytes read while the file before it was taken; the first is read by the reader', async () => {
    const [one, two, three] = packages as [string, string, string];
    const ahead = new FileReadAhead([one, two, three]);
    expect(await ahead.take(one)).toBeNull();
    expect(await ahead.take(two)).toEqual(await readFile(two));
    expect(await ahead.take(three)).toEqual(await readFile(three));
  });

  it('gives nothing for a file taken out of turn, and drops what it read for another', async () => {
    const [one, two, three] = packages as [string, string, string];
    const ahead = new FileReadAhead([one, two, three]);
    await ahead.take(one);
    expect(await ahead.take(three)).toBeNull();
    expect(await ahead.take(two)).toBeNull();
    expect(await ahead.take(three)).toEqual(await readFile(three));
  });

  it('leaves to the reader a file it cannot read ahead: missing, or over its size cap', async () => {
    const [one] = packages as [string];
    const gone = join(school.tmp.dir, 'gone.pumpurs');
    await writeFile(gone, await readFile(one));
    const large = join(school.tmp.dir, 'large.pumpurs');
    await writeFile(large, '');
    await truncate(large, 16 * 1024 * 1024 + 1);
    const ahead = new FileReadAhead([one, gone, large]);
    await rm(gone);
    await ahead.take(one);
    expect(await ahead.take(gone)).toBeNull();
    expect(await ahead.take(large)).toBeNull();
  });
});
