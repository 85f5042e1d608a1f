/**
 * The reader against valid and hostile packages: one test (at least) per
 * refusal code, each asserting the exact code. Container-level attacks (ZIP
 * structure, limits) are in strict-zip.test.ts; random mutations in
 * reader.property.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src-shared/ipc/result';
import { fixedClock } from '../ports/clock';
import { canonicalBytes } from './canonical-json';
import { ENTRY, dataEntryName, type PackageLimits } from './format';
import { sha256Hex } from './keys';
import { readPackage, type ReadPackageOptions, type ReadPackageResult } from './reader';
import { replayDecision } from './replay';
import {
  NOW,
  SCHEMA_VERSION,
  makeParty,
  manifestOf,
  packageInput,
  readerOptions,
  sampleRecords,
  sealCustom,
  sealCustomEntries,
  type Party,
} from './test-support/fixtures';
import { entryLayout, withByteFlipped } from './test-support/zip-layout';
import { buildRawZip } from './test-support/raw-zip';
import { writePackage, zipPackageEntries, type WritePackageInput } from './writer';

let school: Party;
let otherSchool: Party;
let municipality: Party;
let otherMunicipality: Party;
let workDir: string;

beforeAll(async () => {
  school = await makeParty('4312900123', 'school');
  otherSchool = await makeParty('4312900456', 'school');
  municipality = await makeParty('RIGA', 'municipality');
  otherMunicipality = await makeParty('CESIS', 'municipality');
  workDir = await mkdtemp(join(tmpdir(), 'pumpurs-reader-test-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function expectRefused(result: ReadPackageResult, code: ErrorCode, detail?: string): void {
  if (result.ok) throw new Error(`expected ${code}, but the package was accepted`);
  expect(result.refusal.code).toBe(code);
  if (detail !== undefined) expect(result.refusal.detail).toBe(detail);
}

function expectAccepted(result: ReadPackageResult): asserts result is Extract<ReadPackageResult, { ok: true }> {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code} ${result.refusal.detail}`);
}

/** A package from the school to the municipality, read by the municipality. */
async function schoolPackage(overrides: Partial<WritePackageInput> = {}): Promise<{ input: WritePackageInput; bytes: Buffer }> {
  const input = packageInput(school, [municipality], overrides);
  return { input, bytes: await writePackage(input) };
}

const readAsMunicipality = (bytes: Buffer, overrides: Partial<ReadPackageOptions> = {}) =>
  readPackage({ bytes }, readerOptions(municipality, [school, otherSchool], overrides));

/** The school's manifest for `input`, with changes, as a plain object. */
function schoolManifest(input: WritePackageInput, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...manifestOf(input, school.keys.signing.keyId), ...changes };
}

describe('round trip', () => {
  it('reads back exactly what was written, with the sums hash of SHA256SUMS', async () => {
    const records = sampleRecords(40);
    const { input, bytes } = await schoolPackage({
      files: [
        { name: 'records', records },
        { name: 'measures', records: [] },
      ],
    });
    const result = await readAsMunicipality(bytes);
    expectAccepted(result);
    expect(result.value.manifest).toEqual(manifestOf(input, school.keys.signing.keyId));
    expect(result.value.files).toEqual({ records, measures: [] });
    expect(result.value.signerKeyId).toBe(school.keys.signing.keyId);
    expect(result.value.warnings).toEqual([]);
    const sums = bytes.subarray(entryLayout(bytes, ENTRY.sums).dataStart, entryLayout(bytes, ENTRY.sums).dataEnd);
    expect(result.value.sumsHash).toBe(sha256Hex(sums));
  });

  it('reads from a path as well as from bytes', async () => {
    const { bytes } = await schoolPackage();
    const path = join(workDir, 'package.pumpurs');
    await writeFile(path, bytes);
    expectAccepted(await readPackage({ path }, readerOptions(municipality, [school])));
  });

  it('lets every listed recipient read a package for several', async () => {
    const input = packageInput(municipality, [school, otherSchool], { kind: 'decisions' });
    const bytes = await writePackage(input);
    expectAccepted(await readPackage({ bytes }, readerOptions(school, [municipality])));
    expectAccepted(await readPackage({ bytes }, readerOptions(otherSchool, [municipality])));
    expectRefused(await readPackage({ bytes }, readerOptions(otherMunicipality, [municipality])), 'NOT_FOR_THIS_RECIPIENT');
  });

  it('accepts a newer format minor with a warning, ignoring fields it does not know', async () => {
    const input = packageInput(school, [municipality]);
    const bytes = await sealCustom({
      signer: school,
      recipients: [municipality],
      manifest: schoolManifest(input, { formatVersion: '1.1', futureField: 'x' }),
      dataFiles: [{ name: 'records', header: { futureHeaderField: 1 } }],
      formatVersion: '1.1',
    });
    const result = await readAsMunicipality(bytes);
    expectAccepted(result);
    expect(result.value.warnings).toEqual([{ code: 'UNSUPPORTED_FORMAT', detail: 'format-minor-newer' }]);
    expect(result.value.manifest).not.toHaveProperty('futureField');
  });

  it('accepts a createdAt slightly ahead of our clock (skew), not further', async () => {
    const soon = new Date(Date.parse(NOW) + 10 * 60 * 1000).toISOString();
    expectAccepted(await readAsMunicipality((await schoolPackage({ createdAt: soon })).bytes));
    const later = new Date(Date.parse(NOW) + 20 * 60 * 1000).toISOString();
    expectRefused(await readAsMunicipality((await schoolPackage({ createdAt: later })).bytes), 'MANIFEST_INVALID', 'created-in-future');
  });
});

describe('tampering with one byte in each region', () => {
  it('mimetype -> CONTAINER_INVALID', async () => {
    const { bytes } = await schoolPackage();
    expectRefused(await readAsMunicipality(withByteFlipped(bytes, entryLayout(bytes, ENTRY.mimetype).dataStart + 3)), 'CONTAINER_INVALID');
  });

  it('manifest -> INTEGRITY_MISMATCH', async () => {
    const { bytes } = await schoolPackage();
    const at = entryLayout(bytes, ENTRY.manifest).dataStart + 20;
    expectRefused(await readAsMunicipality(withByteFlipped(bytes, at)), 'INTEGRITY_MISMATCH', 'entry-hash');
  });

  it('encrypted data -> INTEGRITY_MISMATCH, before anything is decrypted', async () => {
    const { bytes } = await schoolPackage();
    const layout = entryLayout(bytes, dataEntryName('records'));
    for (const at of [layout.dataStart, (layout.dataStart + layout.dataEnd) >> 1, layout.dataEnd - 1]) {
      expectRefused(await readAsMunicipality(withByteFlipped(bytes, at)), 'INTEGRITY_MISMATCH', 'entry-hash');
    }
  });

  it('a hash in SHA256SUMS -> SIGNATURE_INVALID', async () => {
    const { bytes } = await schoolPackage();
    const layout = entryLayout(bytes, ENTRY.sums);
    const secondLine = bytes.indexOf(0x0a, layout.dataStart) + 1;
    expectRefused(await readAsMunicipality(withByteFlipped(bytes, secondLine + 5, 0x02)), 'SIGNATURE_INVALID', 'signature');
  });

  it('the signer key id in SHA256SUMS -> SIGNER_UNKNOWN', async () => {
    const { bytes } = await schoolPackage();
    const lastKeyIdChar = bytes.indexOf(0x0a, entryLayout(bytes, ENTRY.sums).dataStart) - 1;
    const changed = Buffer.from(bytes);
    changed[lastKeyIdChar] = changed[lastKeyIdChar] === 0x30 ? 0x31 : 0x30; // another hex digit
    expectRefused(await readAsMunicipality(changed), 'SIGNER_UNKNOWN', 'not-enrolled');
  });

  it('the signature -> SIGNATURE_INVALID', async () => {
    const { bytes } = await schoolPackage();
    expectRefused(await readAsMunicipality(withByteFlipped(bytes, entryLayout(bytes, ENTRY.signature).dataStart + 10)), 'SIGNATURE_INVALID');
  });

  it('an entry name in a local header -> CONTAINER_INVALID', async () => {
    const { bytes } = await schoolPackage();
    const at = entryLayout(bytes, dataEntryName('records')).nameStart + 6;
    expectRefused(await readAsMunicipality(withByteFlipped(bytes, at)), 'CONTAINER_INVALID', 'local-header-mismatch');
  });

  it('the central directory and the end record -> CONTAINER_INVALID', async () => {
    const { bytes } = await schoolPackage();
    const central = bytes.indexOf(Buffer.from('PK\x01\x02', 'latin1'));
    expectRefused(await readAsMunicipality(withByteFlipped(bytes, central + 46 + 2)), 'CONTAINER_INVALID'); // first name
    expectRefused(await readAsMunicipality(withByteFlipped(bytes, central + 42)), 'CONTAINER_INVALID'); // local header offset
    const eocd = bytes.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
    expectRefused(await readAsMunicipality(withByteFlipped(bytes, eocd + 16)), 'CONTAINER_INVALID'); // central directory offset
  });

  it('truncation anywhere -> CONTAINER_INVALID', async () => {
    const { bytes } = await schoolPackage();
    for (const length of [0, 10, 100, bytes.length >> 1, bytes.length - 30, bytes.length - 1]) {
      expectRefused(await readAsMunicipality(bytes.subarray(0, length)), 'CONTAINER_INVALID');
    }
  });
});

describe('integrity of the entry set', () => {
  it('missing entry -> INTEGRITY_MISMATCH', async () => {
    const input = packageInput(school, [municipality], {
      files: [
        { name: 'a', records: [] },
        { name: 'b', records: [] },
      ],
    });
    const entries = await sealCustomEntries({
      signer: school,
      recipients: [municipality],
      manifest: schoolManifest(input),
      dataFiles: [{ name: 'a' }, { name: 'b' }],
    });
    const bytes = await zipPackageEntries(entries.filter((e) => e.name !== dataEntryName('b')));
    expectRefused(await readAsMunicipality(bytes), 'INTEGRITY_MISMATCH', 'entry-missing');
  });

  it('extra unlisted entry -> INTEGRITY_MISMATCH', async () => {
    const input = packageInput(school, [municipality]);
    const entries = await sealCustomEntries({ signer: school, recipients: [municipality], manifest: schoolManifest(input), dataFiles: [{ name: 'records' }] });
    const extra = { name: dataEntryName('extra'), bytes: Buffer.from('smuggled'), compress: false };
    // in its place in the documented order (data/extra before data/records), so only the listing can refuse it
    const bytes = await zipPackageEntries([...entries.slice(0, 2), extra, ...entries.slice(2)]);
    expectRefused(await readAsMunicipality(bytes), 'INTEGRITY_MISMATCH', 'entry-unlisted');
  });

  it('a data file swapped for another one of the same package -> INTEGRITY_MISMATCH', async () => {
    const input = packageInput(school, [municipality]);
    const entries = await sealCustomEntries({
      signer: school,
      recipients: [municipality],
      manifest: schoolManifest(input),
      dataFiles: [{ name: 'a' }, { name: 'b' }],
    });
    const a = entries.find((e) => e.name === dataEntryName('a'));
    const b = entries.find((e) => e.name === dataEntryName('b'));
    if (a === undefined || b === undefined) throw new Error('fixture');
    const swapped = entries.map((e) => (e === a ? { ...a, bytes: b.bytes } : e === b ? { ...b, bytes: a.bytes } : e));
    expectRefused(await readAsMunicipality(await zipPackageEntries(swapped)), 'INTEGRITY_MISMATCH', 'entry-hash');
  });

  it('SHA256SUMS or its signature missing -> CONTAINER_INVALID', async () => {
    const input = packageInput(school, [municipality]);
    const entries = await sealCustomEntries({ signer: school, recipients: [municipality], manifest: schoolManifest(input), dataFiles: [{ name: 'records' }] });
    expectRefused(await readAsMunicipality(await zipPackageEntries(entries.filter((e) => e.name !== ENTRY.sums))), 'CONTAINER_INVALID', 'sums-missing');
    expectRefused(
      await readAsMunicipality(await zipPackageEntries(entries.filter((e) => e.name !== ENTRY.signature))),
      'CONTAINER_INVALID',
      'signature-missing',
    );
  });

  it('a signed entry that format 1 does not define -> CONTAINER_INVALID', async () => {
    const input = packageInput(school, [municipality]);
    const entries = await sealCustomEntries({ signer: school, recipients: [municipality], manifest: schoolManifest(input), dataFiles: [{ name: 'records' }] });
    // re-seal with an extra listed entry
    const { sealPackageEntries } = await import('./writer');
    const manifest = entries.find((e) => e.name === ENTRY.manifest);
    const data = entries.filter((e) => e.name.startsWith('data/'));
    if (manifest === undefined) throw new Error('fixture');
    const resealed = sealPackageEntries({
      manifestBytes: manifest.bytes,
      dataFiles: [...data, { name: 'notes.txt', bytes: Buffer.from('hello') }],
      signingKey: school.keys.signing.privateKey,
      formatVersion: '1.0',
    });
    expectRefused(await readAsMunicipality(await zipPackageEntries(resealed)), 'CONTAINER_INVALID', 'layout-unknown-entry');
  });
});

describe('signer', () => {
  it('key not enrolled -> SIGNER_UNKNOWN', async () => {
    const { bytes } = await schoolPackage();
    expectRefused(await readPackage({ bytes }, readerOptions(municipality, [otherSchool])), 'SIGNER_UNKNOWN', 'not-enrolled');
  });

  it('enrolment returning a key that is not the one asked for -> SIGNER_UNKNOWN', async () => {
    const { bytes } = await schoolPackage();
    const options = readerOptions(municipality, [school], {
      lookupSigner: () => ({ senderId: school.id, publicKeyPem: otherSchool.keys.signing.publicKeyPem }),
    });
    expectRefused(await readPackage({ bytes }, options), 'SIGNER_UNKNOWN', 'enrolled-key-id-mismatch');
  });

  it('signed by another key than the one SHA256SUMS names -> SIGNATURE_INVALID', async () => {
    const { bytes } = await schoolPackage();
    const forged = await writePackage(packageInput(otherSchool, [municipality]));
    // put otherSchool's signature in place of the school's: same length, same position
    const sig = entryLayout(bytes, ENTRY.signature);
    const otherSig = entryLayout(forged, ENTRY.signature);
    const spliced = Buffer.from(bytes);
    forged.copy(spliced, sig.dataStart, otherSig.dataStart, otherSig.dataEnd);
    // the CRC in the headers no longer matches, but the signature is checked first
    expectRefused(await readAsMunicipality(spliced), 'SIGNATURE_INVALID', 'signature');
  });

  it("a sender signing in another organisation's name -> SIGNER_SENDER_MISMATCH", async () => {
    const input = packageInput(school, [municipality]);
    const manifest = { ...manifestOf(input, otherSchool.keys.signing.keyId) }; // claims to be the school
    const bytes = await sealCustom({ signer: otherSchool, recipients: [municipality], manifest, dataFiles: [{ name: 'records' }] });
    expectRefused(await readAsMunicipality(bytes), 'SIGNER_SENDER_MISMATCH');
  });

  it('key revoked before this seq -> SIGNER_REVOKED; up to it, accepted', async () => {
    const { bytes, input } = await schoolPackage({ seq: 12 });
    const revokedAt = (after: number) =>
      readerOptions(municipality, [school], {
        lookupSigner: () => ({ senderId: school.id, publicKeyPem: school.keys.signing.publicKeyPem, revokedAfterSeq: after }),
      });
    expectRefused(await readPackage({ bytes }, revokedAt(input.seq - 1)), 'SIGNER_REVOKED', 'seq-after-revocation');
    expectAccepted(await readPackage({ bytes }, revokedAt(input.seq)));
    // a broken revocation mark fails closed
    expectRefused(await readPackage({ bytes }, revokedAt(Number.NaN)), 'SIGNER_REVOKED', 'revocation-mark-invalid');
    expectRefused(await readPackage({ bytes }, revokedAt(-1)), 'SIGNER_REVOKED', 'revocation-mark-invalid');
  });

  it('the lookup failing -> INTERNAL, not a throw', async () => {
    const { bytes } = await schoolPackage();
    const options = readerOptions(municipality, [school], {
      lookupSigner: () => {
        throw new Error('database is locked');
      },
    });
    expectRefused(await readPackage({ bytes }, options), 'INTERNAL', 'signer-lookup');
  });
});

describe('manifest', () => {
  async function withManifest(manifest: Record<string, unknown> | Buffer, formatVersion = '1.0'): Promise<ReadPackageResult> {
    const bytes = await sealCustom({ signer: school, recipients: [municipality], manifest, dataFiles: [{ name: 'records' }], formatVersion });
    return readAsMunicipality(bytes);
  }

  it('not in canonical form -> MANIFEST_INVALID', async () => {
    const manifest = schoolManifest(packageInput(school, [municipality]));
    expectRefused(await withManifest(Buffer.from(JSON.stringify(manifest, null, 2))), 'MANIFEST_INVALID', 'not-canonical-json');
  });

  it('duplicate keys -> MANIFEST_INVALID', async () => {
    const manifest = canonicalBytes(schoolManifest(packageInput(school, [municipality])));
    const duplicated = Buffer.concat([Buffer.from('{"seq":1,'), manifest.subarray(1)]);
    expectRefused(await withManifest(duplicated), 'MANIFEST_INVALID', 'not-canonical-json');
  });

  it('an unknown field in the same format version -> MANIFEST_INVALID', async () => {
    const manifest = schoolManifest(packageInput(school, [municipality]), { studentCount: 1500 });
    expectRefused(await withManifest(manifest), 'MANIFEST_INVALID', 'schema');
  });

  it('a field out of its grammar -> MANIFEST_INVALID', async () => {
    const input = packageInput(school, [municipality]);
    for (const changes of [
      { packageId: 'not-a-uuid' },
      { seq: 0 },
      { period: { schoolYear: '2025/27', semester: 1 } },
      { createdAt: '2026-02-10' },
      { createdAt: '0000-01-01T00:00:00.000Z' },
    ]) {
      expectRefused(await withManifest(schoolManifest(input, changes)), 'MANIFEST_INVALID', 'schema');
    }
  });

  it('a signer key id other than the one SHA256SUMS names -> MANIFEST_INVALID', async () => {
    const manifest = schoolManifest(packageInput(school, [municipality]), { signerKeyId: otherSchool.keys.signing.keyId });
    expectRefused(await withManifest(manifest), 'MANIFEST_INVALID', 'signer-key-id-differs-from-sums');
  });

  it('createdAt in the future -> MANIFEST_INVALID', async () => {
    const manifest = schoolManifest(packageInput(school, [municipality]), { createdAt: '2026-03-01T00:00:00.000Z' });
    expectRefused(await withManifest(manifest), 'MANIFEST_INVALID', 'created-in-future');
  });

  it('format from the future (major) -> UNSUPPORTED_FORMAT, also when only SHA256SUMS says so', async () => {
    const input = packageInput(school, [municipality]);
    expectRefused(await withManifest(schoolManifest(input, { formatVersion: '2.0' }), '2.0'), 'UNSUPPORTED_FORMAT', 'format-major');
    expectRefused(await withManifest(schoolManifest(input), '2.0'), 'UNSUPPORTED_FORMAT', 'format-major');
    expectRefused(await withManifest(schoolManifest(input, { formatVersion: '2.0' }), '1.0'), 'UNSUPPORTED_FORMAT', 'format-major');
  });

  it('format versions that disagree between manifest and SHA256SUMS -> MANIFEST_INVALID', async () => {
    const input = packageInput(school, [municipality]);
    expectRefused(await withManifest(schoolManifest(input, { formatVersion: '1.1' }), '1.0'), 'MANIFEST_INVALID', 'format-version-differs-from-sums');
  });

  it('schema from the future -> SCHEMA_FROM_FUTURE', async () => {
    const { bytes } = await schoolPackage({ schemaVersion: SCHEMA_VERSION + 1 });
    expectRefused(await readAsMunicipality(bytes), 'SCHEMA_FROM_FUTURE');
  });
});

describe('recipient', () => {
  it('a package for someone else -> NOT_FOR_THIS_RECIPIENT', async () => {
    const bytes = await writePackage(packageInput(school, [otherMunicipality]));
    expectRefused(await readAsMunicipality(bytes), 'NOT_FOR_THIS_RECIPIENT', 'not-a-recipient');
  });

  it('for us, but to a key we no longer hold -> NOT_FOR_THIS_RECIPIENT', async () => {
    const { bytes } = await schoolPackage();
    const rotated = await makeParty(municipality.id, 'municipality');
    expectRefused(await readPackage({ bytes }, readerOptions(rotated, [school])), 'NOT_FOR_THIS_RECIPIENT', 'encrypted-to-other-key');
  });
});

describe('decryption and binding', () => {
  const base = () => packageInput(school, [municipality]);

  it('data encrypted to another key than the manifest says -> DECRYPTION_FAILED', async () => {
    const bytes = await sealCustom({ signer: school, recipients: [otherMunicipality], manifest: schoolManifest(base()), dataFiles: [{ name: 'records' }] });
    expectRefused(await readAsMunicipality(bytes), 'DECRYPTION_FAILED', 'age');
  });

  it('signed garbage instead of age -> DECRYPTION_FAILED', async () => {
    const bytes = await sealCustom({
      signer: school,
      recipients: [municipality],
      manifest: schoolManifest(base()),
      dataFiles: [{ name: 'records', ciphertext: Buffer.from('age-encryption.org/v1\n-> X25519 AAAA\nnonsense\n') }],
    });
    expectRefused(await readAsMunicipality(bytes), 'DECRYPTION_FAILED', 'age');
  });

  it('our own identity not matching our key id -> DECRYPTION_FAILED', async () => {
    const { bytes } = await schoolPackage();
    const options = readerOptions(municipality, [school]);
    options.self = { ...options.self, ageIdentity: otherMunicipality.keys.age.identity };
    expectRefused(await readPackage({ bytes }, options), 'DECRYPTION_FAILED', 'own-identity-not-self-key');
  });

  it("a data file spliced from another sender's package -> INNER_BINDING_MISMATCH", async () => {
    // The other school is enrolled too and re-packs the school's ciphertext under its own signature.
    const victim = await writePackage(packageInput(school, [municipality]));
    const layout = entryLayout(victim, dataEntryName('records'));
    const stolen = Buffer.from(victim.subarray(layout.dataStart, layout.dataEnd));
    const thiefInput = packageInput(otherSchool, [municipality]);
    const bytes = await sealCustom({
      signer: otherSchool,
      recipients: [municipality],
      manifest: manifestOf(thiefInput, otherSchool.keys.signing.keyId),
      dataFiles: [{ name: 'records', ciphertext: stolen }],
    });
    expectRefused(await readAsMunicipality(bytes), 'INNER_BINDING_MISMATCH', 'data-header-package-id');
  });

  it('a data file moved into a later package of the same sender -> INNER_BINDING_MISMATCH', async () => {
    const first = await writePackage(packageInput(school, [municipality], { seq: 1 }));
    const layout = entryLayout(first, dataEntryName('records'));
    const old = Buffer.from(first.subarray(layout.dataStart, layout.dataEnd));
    const bytes = await sealCustom({
      signer: school,
      recipients: [municipality],
      manifest: schoolManifest(base(), { seq: 2 }),
      dataFiles: [{ name: 'records', ciphertext: old }],
    });
    expectRefused(await readAsMunicipality(bytes), 'INNER_BINDING_MISMATCH');
  });

  it('each header field that disagrees -> INNER_BINDING_MISMATCH', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ packageId: randomUUID() }, 'data-header-package-id'],
      [{ sender: { id: otherSchool.id, kind: 'school' } }, 'data-header-sender'],
      [{ sender: { id: school.id, kind: 'municipality' } }, 'data-header-sender'],
      [{ seq: 8 }, 'data-header-seq'],
      [{ recipients: [{ id: otherMunicipality.id, keyId: otherMunicipality.keys.age.keyId }] }, 'data-header-recipients'],
      [{ file: 'other' }, 'data-header-file'],
      [{ kind: 'something-else' }, 'data-header-malformed'],
      [{ extra: true }, 'data-header-malformed'],
    ];
    for (const [header, detail] of cases) {
      const bytes = await sealCustom({
        signer: school,
        recipients: [municipality],
        manifest: schoolManifest(base()),
        dataFiles: [{ name: 'records', header }],
      });
      expectRefused(await readAsMunicipality(bytes), 'INNER_BINDING_MISMATCH', detail);
    }
  });

  it('no header line, or a header not in canonical form -> INNER_BINDING_MISMATCH', async () => {
    const manifest = schoolManifest(base());
    const header = {
      kind: 'pumpurs-data-header',
      packageId: manifest.packageId,
      sender: manifest.sender,
      seq: manifest.seq,
      recipients: manifest.recipients,
      file: 'records',
    };
    const plaintexts = [
      Buffer.from(''),
      Buffer.from('{"trailer":true,"count":0}'),
      Buffer.from(`${JSON.stringify(header, null, 1)}\n{"count":0,"trailer":true}\n`),
    ];
    for (const plaintext of plaintexts) {
      const bytes = await sealCustom({ signer: school, recipients: [municipality], manifest, dataFiles: [{ name: 'records', plaintext }] });
      expectRefused(await readAsMunicipality(bytes), 'INNER_BINDING_MISMATCH');
    }
  });

  it('trailer count that does not match -> RECORD_INVALID', async () => {
    const manifest = schoolManifest(base());
    const header = canonicalBytes({
      kind: 'pumpurs-data-header',
      packageId: manifest.packageId,
      sender: manifest.sender,
      seq: manifest.seq,
      recipients: manifest.recipients,
      file: 'records',
    });
    const body = (lines: string[]) => Buffer.concat([header, Buffer.from(`\n${lines.join('\n')}\n`)]);
    const cases: Array<[Buffer, string]> = [
      [body(['{"a":1}', '{"a":2}', '{"count":3,"trailer":true}']), 'trailer-count-mismatch'],
      [body(['{"a":1}', '{"a":2}', '{"count":1,"trailer":true}']), 'trailer-count-mismatch'],
      [body(['{"a":1}', '{"a":2}']), 'trailer-missing'],
      [body(['{"a":1}', '[1,2]', '{"count":2,"trailer":true}']), 'record-not-object'],
      [body(['{"a":1}', '', '{"count":2,"trailer":true}']), 'record-not-json'],
      [Buffer.concat([header, Buffer.from('\n{"a":"\xff"}\n{"count":1,"trailer":true}\n', 'latin1')]), 'data-not-utf8'],
      [Buffer.concat([header, Buffer.from('\n{"count":0,"trailer":true}')]), 'data-not-terminated'],
    ];
    for (const [plaintext, detail] of cases) {
      const bytes = await sealCustom({ signer: school, recipients: [municipality], manifest, dataFiles: [{ name: 'records', plaintext }] });
      expectRefused(await readAsMunicipality(bytes), 'RECORD_INVALID', detail);
    }
  });

  it('a record line over the line cap -> LIMIT_EXCEEDED', async () => {
    const { bytes } = await schoolPackage({ files: [{ name: 'records', records: [{ id: 'x', text: 'a'.repeat(2000) }] }] });
    expectRefused(await readAsMunicipality(bytes, { limits: { maxRecordLineBytes: 1000 } }), 'LIMIT_EXCEEDED', 'record-line-too-long');
  });
});

describe('replay rules through the reader', () => {
  it('maps each decision of replayDecision to its code, before decrypting', async () => {
    const { bytes, input } = await schoolPackage({ seq: 5, prevSums: 'a'.repeat(64) });
    const first = await readAsMunicipality(bytes);
    expectAccepted(first);
    const { sumsHash } = first.value;
    const withLedger = (ledger: Parameters<typeof replayDecision>[2]) => readAsMunicipality(bytes, { replayCheck: (m, h) => replayDecision(m, h, ledger) });

    expectRefused(await withLedger({ samePackageId: { packageId: input.packageId, seq: 5, sumsHash }, newestFromSender: null }), 'ALREADY_IMPORTED');
    expectRefused(
      await withLedger({ samePackageId: { packageId: input.packageId, seq: 5, sumsHash: 'b'.repeat(64) }, newestFromSender: null }),
      'PACKAGE_ID_CONFLICT',
    );
    expectRefused(await withLedger({ samePackageId: null, newestFromSender: { packageId: randomUUID(), seq: 6, sumsHash: 'c'.repeat(64) } }), 'STALE_REPLAY');
    const gap = await withLedger({ samePackageId: null, newestFromSender: { packageId: randomUUID(), seq: 3, sumsHash: 'a'.repeat(64) } });
    expectAccepted(gap);
    expect(gap.value.warnings).toEqual([{ code: 'SEQUENCE_GAP', detail: 'seq-skipped' }]);
    const next = await withLedger({ samePackageId: null, newestFromSender: { packageId: randomUUID(), seq: 4, sumsHash: 'a'.repeat(64) } });
    expectAccepted(next);
    expect(next.value.warnings).toEqual([]);
  });

  it('a failing replay check -> INTERNAL', async () => {
    const { bytes } = await schoolPackage();
    const result = await readAsMunicipality(bytes, {
      replayCheck: () => {
        throw new Error('ledger unavailable');
      },
    });
    expectRefused(result, 'INTERNAL', 'replay-check');
  });
});

describe('files', () => {
  it('a path that does not exist, or is a directory -> IO_ERROR', async () => {
    const options = readerOptions(municipality, [school]);
    expectRefused(await readPackage({ path: join(workDir, 'missing.pumpurs') }, options), 'IO_ERROR', 'open');
    expectRefused(await readPackage({ path: workDir }, options), 'IO_ERROR');
  });

  it.skipIf(process.platform === 'win32')('a FIFO -> IO_ERROR, without hanging', async () => {
    const fifo = join(workDir, 'fifo.pumpurs');
    execFileSync('mkfifo', [fifo]);
    expectRefused(await readPackage({ path: fifo }, readerOptions(municipality, [school])), 'IO_ERROR', 'not-a-file');
  });

  it('a file over the package cap -> LIMIT_EXCEEDED, from bytes and from a path', async () => {
    const { bytes } = await schoolPackage();
    const path = join(workDir, 'big.pumpurs');
    await writeFile(path, bytes);
    const options = readerOptions(municipality, [school], { limits: { maxPackageBytes: bytes.length - 1 } });
    expectRefused(await readPackage({ bytes }, options), 'LIMIT_EXCEEDED', 'package-size');
    expectRefused(await readPackage({ path }, options), 'LIMIT_EXCEEDED', 'package-size');
  });

  it("works on a private copy: changing the caller's buffer afterwards changes nothing", async () => {
    const { bytes } = await schoolPackage();
    const pending = readAsMunicipality(bytes);
    bytes.fill(0);
    expectAccepted(await pending);
  });
});

describe('options fail closed', () => {
  it('an unusable limit override keeps the default', async () => {
    const { bytes } = await schoolPackage();
    expectRefused(await readAsMunicipality(bytes, { limits: { maxPackageBytes: 100, maxEntries: Number.NaN } }), 'LIMIT_EXCEEDED', 'package-size');
    const broken = { maxPackageBytes: undefined, maxManifestBytes: -1, maxEntries: Number.POSITIVE_INFINITY } as unknown as Partial<PackageLimits>;
    expectAccepted(await readAsMunicipality(bytes, { limits: broken }));
  });

  it('an unusable clock skew keeps the default; an unusable schema version refuses', async () => {
    const { bytes } = await schoolPackage({ createdAt: '2026-03-01T00:00:00.000Z' });
    expectRefused(await readAsMunicipality(bytes, { maxClockSkewMs: Number.NaN }), 'MANIFEST_INVALID', 'created-in-future');
    const ok = await schoolPackage();
    expectRefused(await readAsMunicipality(ok.bytes, { supported: { schemaVersion: Number.NaN } }), 'INTERNAL', 'supported-schema-version-invalid');
  });
});

describe('clock', () => {
  it('uses the injected clock', async () => {
    const { bytes } = await schoolPackage({ createdAt: '2030-01-01T00:00:00.000Z' });
    expectRefused(await readAsMunicipality(bytes), 'MANIFEST_INVALID', 'created-in-future');
    expectAccepted(await readAsMunicipality(bytes, { clock: fixedClock('2030-01-01T00:00:00.000Z') }));
  });
});

describe('test baseline', () => {
  it('raw-zip builds what the reader accepts (the hostile tests start from a valid baseline)', async () => {
    const input = packageInput(school, [municipality]);
    const entries = await sealCustomEntries({ signer: school, recipients: [municipality], manifest: schoolManifest(input), dataFiles: [{ name: 'records' }] });
    const raw = buildRawZip(entries.map((e) => ({ name: e.name, data: e.bytes })));
    expectAccepted(await readAsMunicipality(raw));
  });
});
