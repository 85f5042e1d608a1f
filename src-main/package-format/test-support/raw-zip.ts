/**
 * A deliberately naive ZIP writer for tests: it writes whatever it is told
 * (duplicate or hostile names, symlink attributes, lying sizes, comments),
 * which yazl rightly refuses to do. Never used outside tests.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string | Buffer;
  data: Buffer;
  method?: 0 | 8;
  /** Unix mode << 16 | DOS attributes; default a regular 0644 file. */
  externalAttributes?: number;
  flags?: number;
  /** Written instead of the real uncompressed size (central and local). */
  declaredUncompressedSize?: number;
  /** Written instead of the real CRC-32 (central and local). */
  crc32?: number;
  extra?: Buffer;
  comment?: Buffer;
  /** Written in the local header instead of `name`. */
  localName?: Buffer;
}

const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01

export function buildRawZip(entries: readonly RawEntry[], options: { comment?: Buffer; prefix?: Buffer } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = options.prefix?.length ?? 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const method = e.method ?? 0;
    const body = method === 8 ? deflateRawSync(e.data) : e.data;
    const crc = e.crc32 ?? crc32(e.data);
    const usize = e.declaredUncompressedSize ?? e.data.length;
    const extra = e.extra ?? Buffer.alloc(0);
    const comment = e.comment ?? Buffer.alloc(0);
    const flags = e.flags ?? 0;
    const localName = e.localName ?? name;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(usize, 22);
    local.writeUInt16LE(localName.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const localBlock = Buffer.concat([local, localName, extra, body]);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 63, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(usize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt16LE(comment.length, 32);
    central.writeUInt16LE(0, 34);
    central.writeUInt16LE(0, 36);
    central.writeUInt32LE((e.externalAttributes ?? 0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(Buffer.concat([central, name, extra, comment]));

    locals.push(localBlock);
    offset += localBlock.length;
  }
  const cd = Buffer.concat(centrals);
  const zipComment = options.comment ?? Buffer.alloc(0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  eocd.writeUInt16LE(zipComment.length, 20);
  return Buffer.concat([options.prefix ?? Buffer.alloc(0), ...locals, cd, eocd, zipComment]);
}
