/** Where each entry's bytes sit inside a package, for tests that flip bytes in one region. */
export interface LocalEntryLayout {
  name: string;
  headerStart: number;
  nameStart: number;
  dataStart: number;
  dataEnd: number;
}

export function zipLayout(zip: Buffer): { entries: LocalEntryLayout[]; centralStart: number; eocdStart: number } {
  const entries: LocalEntryLayout[] = [];
  let p = 0;
  while (zip.readUInt32LE(p) === 0x04034b50) {
    const compressedSize = zip.readUInt32LE(p + 18);
    const nameLength = zip.readUInt16LE(p + 26);
    const extraLength = zip.readUInt16LE(p + 28);
    const dataStart = p + 30 + nameLength + extraLength;
    entries.push({
      name: zip.toString('latin1', p + 30, p + 30 + nameLength),
      headerStart: p,
      nameStart: p + 30,
      dataStart,
      dataEnd: dataStart + compressedSize,
    });
    p = dataStart + compressedSize;
  }
  return { entries, centralStart: p, eocdStart: zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) };
}

export function entryLayout(zip: Buffer, name: string): LocalEntryLayout {
  const found = zipLayout(zip).entries.find((e) => e.name === name);
  if (found === undefined) throw new Error(`no entry ${name}`);
  return found;
}

export function withByteFlipped(bytes: Buffer, at: number, mask = 0x01): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ mask;
  return copy;
}
