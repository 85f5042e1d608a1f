/**
 * The auditor's recipe from docs/package-format.md, run verbatim with the
 * stock tools (unzip, sha256sum, openssl, jq, bc, age) on a real package.
 * The block is read from the document itself, so the spec and this test
 * cannot drift apart. Also: the same tools must reject tampered packages.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY, dataEntryName } from './format';
import { encodeSignedStatement, fingerprintOf, makeKeyCard } from './keys';
import { readPackage } from './reader';
import { makeParty, packageInput, readerOptions, sampleRecords, type Party } from './test-support/fixtures';
import { entryLayout, withByteFlipped } from './test-support/zip-layout';
import { writePackage } from './writer';

const SPEC = fileURLToPath(new URL('../../docs/package-format.md', import.meta.url));

async function auditorRecipe(): Promise<string> {
  const spec = await readFile(SPEC, 'utf8');
  const match = /<!-- auditor-recipe:begin -->\n```sh\n([\s\S]*?)```\n<!-- auditor-recipe:end -->/.exec(spec);
  if (match?.[1] === undefined) throw new Error('auditor recipe block not found in docs/package-format.md');
  return match[1];
}

let school: Party;
let municipality: Party;
let dirs: string[] = [];

beforeAll(async () => {
  school = await makeParty('4312900123', 'school');
  municipality = await makeParty('RIGA', 'municipality');
});

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

/** An empty directory with the three files the recipe expects. */
async function auditDir(pkg: Buffer, sender: Party = school, recipient: Party = municipality): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pumpurs-audit-'));
  dirs.push(dir);
  const card = makeKeyCard({
    org: { kind: sender.kind, id: sender.id, name: sender === school ? 'Rīgas 1. vidusskola' : 'Rīga' },
    keys: sender.keys,
    createdAt: '2026-01-05T08:00:00.000Z',
  });
  await writeFile(join(dir, 'package.pumpurs'), pkg);
  await writeFile(join(dir, 'sender.card.json'), encodeSignedStatement(card));
  await writeFile(join(dir, 'identity.txt'), `${recipient.keys.age.identity}\n`, { mode: 0o600 });
  return dir;
}

function runRecipe(dir: string, recipe: string): string {
  return execFileSync('/bin/bash', ['-c', recipe], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('auditor recipe with stock tools', () => {
  it('verifies, lists and decrypts a real package exactly as the spec says', async () => {
    const records = sampleRecords(25);
    const input = packageInput(school, [municipality], { files: [{ name: 'records', records }] });
    const pkg = await writePackage(input);
    const dir = await auditDir(pkg);

    const out = runRecipe(dir, await auditorRecipe());

    const keyId = school.keys.signing.keyId;
    const fingerprint = fingerprintOf(keyId);
    expect(out).toContain(`key id: ${keyId}\n`);
    expect(out).toContain(`fingerprint (hex): ${fingerprint.hex}\n`);
    expect(out).toContain(`fingerprint (digits): ${fingerprint.digits}\n`);
    expect(out).toContain('mimetype\napplication/vnd.pumpurs.package+zip\n');
    expect(out).toContain(`# pumpurs-package 1.0 signer-key-id ${keyId}\nsigner key id: matches\n`);
    expect(out).toContain('Signature Verified Successfully\n');
    expect(out).toContain('META-INF/manifest.json: OK\ndata/records.ndjson.age: OK\nmimetype: OK\n');
    expect(out).toContain('entry set: matches\n');
    expect(out).toContain('manifest signer: matches\n');
    expect(out).toContain('binding: matches\n');
    expect(out).toContain(`{"count":${records.length},"trailer":true}\nrecord count: matches trailer\n`);

    // what age decrypted is what the app reads
    const decrypted = (await readFile(join(dir, 'records.ndjson'), 'utf8')).trimEnd().split('\n');
    expect(decrypted.slice(1, -1).map((line) => JSON.parse(line) as unknown)).toEqual(records);
  });

  it('checks a decisions package (municipality to one school, four data files) with the same recipe', async () => {
    const files = ['decisions', 'payments', 'settings', 'youth-projects'].map((name, i) => ({ name, records: sampleRecords(i + 1, name) }));
    const input = packageInput(municipality, [school], { kind: 'decisions', schemaVersion: 1, seq: 1, files });
    const dir = await auditDir(await writePackage(input), municipality, school);

    const out = runRecipe(dir, await auditorRecipe());

    expect(out).toContain(`key id: ${municipality.keys.signing.keyId}\n`);
    expect(out).toContain('Signature Verified Successfully\n');
    expect(out).toContain('"kind": "decisions"');
    expect(out.match(/binding: matches\n/g)).toHaveLength(4);
    expect(out.match(/file name: matches\n/g)).toHaveLength(4);
    for (const f of files) expect(out).toContain(`{"count":${f.records.length},"trailer":true}\nrecord count: matches trailer\n`);
    const decrypted = (await readFile(join(dir, 'payments.ndjson'), 'utf8')).trimEnd().split('\n');
    expect(decrypted.slice(1, -1).map((line) => JSON.parse(line) as unknown)).toEqual(files[1]?.records);
  });

  it('the same tools refuse a tampered data file and a tampered SHA256SUMS', async () => {
    const pkg = await writePackage(packageInput(school, [municipality]));
    const data = entryLayout(pkg, dataEntryName('records'));
    const sums = entryLayout(pkg, ENTRY.sums);

    // unzip checks the CRC too; -o overwrite, and ignore its exit code to reach sha256sum
    const dataDir = await auditDir(withByteFlipped(pkg, data.dataStart + 100));
    execFileSync('/bin/bash', ['-c', 'mkdir pkg && cd pkg && (unzip -q ../package.pumpurs || true)'], { cwd: dataDir, stdio: 'ignore' });
    expect(() => execFileSync('sha256sum', ['--strict', '-c', 'META-INF/SHA256SUMS'], { cwd: join(dataDir, 'pkg'), stdio: 'pipe' })).toThrow();

    const sumsDir = await auditDir(withByteFlipped(pkg, sums.dataEnd - 2));
    execFileSync(
      '/bin/bash',
      ['-c', 'mkdir pkg && cd pkg && (unzip -q ../package.pumpurs || true) && jq -r .statement.signingPublicKeyPem ../sender.card.json > ../sender.pub.pem'],
      {
        cwd: sumsDir,
        stdio: 'ignore',
      },
    );
    const verify = [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      '../sender.pub.pem',
      '-rawin',
      '-in',
      'META-INF/SHA256SUMS',
      '-sigfile',
      'META-INF/SHA256SUMS.sig',
    ];
    expect(() => execFileSync('openssl', verify, { cwd: join(sumsDir, 'pkg'), stdio: 'pipe' })).toThrow();
  });

  it('a package re-zipped by Info-ZIP (documented order, all stored) still reads: the signature covers contents, not the container', async () => {
    const input = packageInput(school, [municipality]);
    const dir = await auditDir(await writePackage(input));
    execFileSync(
      '/bin/bash',
      [
        '-c',
        'mkdir pkg && cd pkg && unzip -q ../package.pumpurs && zip -q -X -0 -D ../rezipped.pumpurs mimetype META-INF/manifest.json data/*.ndjson.age META-INF/SHA256SUMS META-INF/SHA256SUMS.sig',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    const result = await readPackage({ path: join(dir, 'rezipped.pumpurs') }, readerOptions(municipality, [school]));
    expect(result.ok).toBe(true);
    // Re-zipped the way zip does by default (deflated, directory order), it is not this format any more.
    execFileSync('/bin/bash', ['-c', 'cd pkg && zip -q -X -0 ../deflated.pumpurs mimetype && zip -q -X -D -r ../deflated.pumpurs META-INF data'], {
      cwd: dir,
      stdio: 'ignore',
    });
    const deflated = await readPackage({ path: join(dir, 'deflated.pumpurs') }, readerOptions(municipality, [school]));
    expect(deflated.ok ? 'accepted' : deflated.refusal.code).toBe('CONTAINER_INVALID');
  });
});
