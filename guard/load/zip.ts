// Reads one file out of a zip archive (stored or deflated) with node's zlib: enough to read the route table a
// Lambda authorizer bundle carries, without a dependency. Returns undefined when the entry is absent.
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function readZipEntry(zipPath: string, entryName: string): string | undefined {
  return zipEntry(readFileSync(zipPath), entryName)?.toString("utf8");
}

/** One central-directory record: the entry's name, how it is stored, and where its local header is. */
interface CentralRecord {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  readonly local: number;
}

/** The central directory of an archive in memory, in archive order; throws on a corrupt archive. */
function centralDirectory(buf: Buffer): CentralRecord[] {
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip archive (no end-of-central-directory record)");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: CentralRecord[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== CENTRAL) throw new Error("corrupt zip central directory");
    const nameLen = buf.readUInt16LE(p + 28);
    out.push({
      name: buf.toString("utf8", p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      local: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

/** The bytes of one entry (stored or deflated); throws on a corrupt local header or another compression method. */
function entryData(buf: Buffer, r: CentralRecord): Buffer {
  if (buf.readUInt32LE(r.local) !== LOCAL) throw new Error("corrupt zip local header");
  const start = r.local + 30 + buf.readUInt16LE(r.local + 26) + buf.readUInt16LE(r.local + 28);
  const data = buf.subarray(start, start + r.compressed);
  if (r.method === 0) return data;
  if (r.method === 8) return inflateRawSync(data);
  throw new Error(`unsupported zip compression method ${r.method}`);
}

/** Every file entry of an archive in memory (directories left out), in archive order; throws like zipEntry. */
export function zipFiles(buf: Buffer): { readonly name: string; readonly data: Buffer }[] {
  return centralDirectory(buf)
    .filter((r) => !r.name.endsWith("/"))
    .map((r) => ({ name: r.name, data: entryData(buf, r) }));
}

/** One entry of an archive in memory; throws on a corrupt archive or an unsupported compression method. */
export function zipEntry(buf: Buffer, entryName: string): Buffer | undefined {
  const record = centralDirectory(buf).find((r) => r.name === entryName);
  return record === undefined ? undefined : entryData(buf, record);
}
