/**
 * A child process of benchImport (exchange.bench.ts): makes the school
 * packages of the import bench and their key cards, so that making them
 * (keys, synthetic records, encryption, hundreds of megabytes allocated and
 * freed) leaves nothing behind in the memory of the process whose peak RSS
 * the bench reports while it imports. Prints one JSON line: the ledger.
 *
 *   node --import tsx bench/make-import-packages.ts <input JSON>
 *   input: { dir, schools, recipient: { id, ageRecipient, keyId }, factors }
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXCHANGE_SCHEMA_VERSION, RECORD_FILES, RECORD_TYPES, SCHOOL_REPORT_KIND } from '../src-shared/domain/exchange';
import { encodeSignedStatement, generateInstallationKeys, makeKeyCard, writePackageWithReceipt } from '../src-main/package-format/index';
import { canonicalJson } from '../src-main/package-format/canonical-json';
import { schoolSizes, syntheticReport, type MadePackage } from './exchange.bench';

interface Input {
  dir: string;
  schools: number;
  createdAt: string;
  recipient: { id: string; ageRecipient: string; keyId: string };
  factors: Array<{ id: string; group: string; lv: string; en: string }>;
}

const input = JSON.parse(process.argv[2] ?? '') as Input;
const made: MadePackage[] = [];
for (const [i, size] of schoolSizes(input.schools).entries()) {
  const regNo = String(4_000_000_000 + i);
  const keys = await generateInstallationKeys();
  const cardPath = join(input.dir, `${regNo}.card.json`);
  await writeFile(
    cardPath,
    encodeSignedStatement(makeKeyCard({ org: { kind: 'school', id: regNo, name: `Skola ${i + 1}` }, keys, createdAt: input.createdAt })),
  );
  const report = syntheticReport(i, size.students, size.plans, input.factors);
  const packageId = randomUUID();
  const written = await writePackageWithReceipt({
    sender: { id: regNo, kind: 'school', signingKey: keys.signing.privateKey },
    recipients: [input.recipient],
    kind: SCHOOL_REPORT_KIND,
    period: { schoolYear: '2025/26', semester: 2 },
    seq: 1,
    prevSums: null,
    packageId,
    createdAt: input.createdAt,
    appVersion: '0.1.0',
    schemaVersion: EXCHANGE_SCHEMA_VERSION,
    // Each record's line its canonical JSON, keys sorted: what a school's export writes (school-report.ts).
    files: RECORD_TYPES.map((t) => ({ name: RECORD_FILES[t], records: report[t], lines: report[t].map((r) => canonicalJson(r)) })),
  });
  const path = join(input.dir, `${regNo}.pumpurs`);
  await writeFile(path, written.bytes);
  made.push({ sender: regNo, packageId, sumsHash: written.sumsHash, signer: keys.signing.keyId, cardPath, path, bytes: written.bytes.length });
}
process.stdout.write(`${JSON.stringify(made)}\n`);
