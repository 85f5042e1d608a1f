/**
 * META-INF/SHA256SUMS: the signed list of every other entry, in exactly the
 * format `sha256sum` writes and `sha256sum -c` reads, plus one comment line
 * first (sha256sum ignores lines starting with '#'):
 *
 *   # pumpurs-package 1.0 signer-key-id <64 hex>
 *   <64 hex>  META-INF/manifest.json
 *   <64 hex>  data/records.ndjson.age
 *   <64 hex>  mimetype
 *
 * The comment line is how a reader learns which enrolled key to verify with
 * before it trusts anything else in the package: it is covered by the
 * signature, and it is only ever used as a lookup key (a forged id finds no
 * key, or a key the signature does not verify with).
 */
import { FORMAT_MAJOR, FORMAT_NAME, SAFE_ENTRY_NAME } from './format';
import { refuse } from './refusal';
import { parseFormatVersion } from './manifest';

export interface SumsHeader {
  formatVersion: string;
  major: number;
  minor: number;
  signerKeyId: string;
}

const HEADER_PREFIX = `# ${FORMAT_NAME} `;
const VERSION_PROBE = /^(\d{1,3})\.(\d{1,3})(?: |$)/;
const HEADER_LINE = new RegExp(`^# ${FORMAT_NAME} (\\d{1,3}\\.\\d{1,3}) signer-key-id ([0-9a-f]{64})$`);
const LISTING_LINE = /^([0-9a-f]{64}) {2}(.+)$/;

export function sumsHeaderLine(formatVersion: string, signerKeyId: string): string {
  return `${HEADER_PREFIX}${formatVersion} signer-key-id ${signerKeyId}\n`;
}

const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Lines sorted by path in byte order (paths are ASCII), one '\n' after each. */
export function encodeSums(formatVersion: string, signerKeyId: string, entries: ReadonlyArray<{ path: string; sha256: string }>): Buffer {
  const lines = [...entries].sort(byPath).map((e) => `${e.sha256}  ${e.path}\n`);
  return Buffer.from(sumsHeaderLine(formatVersion, signerKeyId) + lines.join(''), 'ascii');
}

function firstLine(bytes: Buffer): string | null {
  const end = bytes.indexOf(0x0a);
  return end < 0 ? null : bytes.subarray(0, end).toString('latin1');
}

/**
 * Read BEFORE the signature is checked, so it decides nothing but which key
 * to look up, and whether this app can read the format at all (a package from
 * an app with a newer major format is "update the app", even if everything
 * after this line changed).
 */
export function readSumsHeader(bytes: Buffer): SumsHeader {
  const line = firstLine(bytes);
  if (line === null || !line.startsWith(HEADER_PREFIX)) refuse('CONTAINER_INVALID', 'sums-header-missing');
  const probe = VERSION_PROBE.exec(line.slice(HEADER_PREFIX.length));
  if (probe === null) refuse('CONTAINER_INVALID', 'sums-header-malformed');
  if (Number(probe[1]) !== FORMAT_MAJOR) refuse('UNSUPPORTED_FORMAT', 'format-major');
  const match = HEADER_LINE.exec(line);
  const version = match?.[1] === undefined ? null : parseFormatVersion(match[1]);
  if (match?.[1] === undefined || match[2] === undefined || version === null) refuse('CONTAINER_INVALID', 'sums-header-malformed');
  return { formatVersion: match[1], major: version.major, minor: version.minor, signerKeyId: match[2] };
}

/**
 * Read AFTER the signature verified: the path -> hash listing. Strict, so the
 * signed bytes have one meaning: every line ends in '\n', paths are safe
 * names, sorted, unique.
 */
export function parseSumsListing(bytes: Buffer): Map<string, string> {
  const text = bytes.toString('latin1');
  if (!text.endsWith('\n')) refuse('CONTAINER_INVALID', 'sums-not-terminated');
  const lines = text.slice(0, -1).split('\n').slice(1);
  const listing = new Map<string, string>();
  let previous = '';
  for (const line of lines) {
    const match = LISTING_LINE.exec(line);
    const hash = match?.[1];
    const path = match?.[2];
    if (hash === undefined || path === undefined || !SAFE_ENTRY_NAME.test(path)) refuse('CONTAINER_INVALID', 'sums-line-malformed');
    if (path <= previous) refuse('CONTAINER_INVALID', 'sums-not-sorted');
    listing.set(path, hash);
    previous = path;
  }
  return listing;
}
