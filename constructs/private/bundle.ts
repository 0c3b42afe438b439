// Bundles one Lambda handler with esbuild into a single minified CommonJS `index.js` and packs it, with any
// extra files, into a byte-for-byte reproducible zip: an unchanged Lambda gives the same zip, the same asset
// path and the same `source_code_hash`, so the next plan shows no change (cdktf's own zips embed file times).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { buildSync, version as esbuildVersion, type BuildOptions } from "esbuild";
import { DEFAULT_NODE_RUNTIME, isNodeRuntime, NODE_RUNTIMES, type NodeRuntime } from "./runtime";

export interface BundleOptions {
  /** Function name; names the zip file. */
  readonly name: string;
  /** Absolute path of the handler's `.ts` entry (exports `handler`). */
  readonly entry: string;
  /** Extra files placed beside `index.js` in the zip, e.g. `{ "route-table.json": "..." }`. */
  readonly files?: Readonly<Record<string, string>>;
  /** Directory the zip is written to. */
  readonly outDir: string;
  /** Lambda runtime the code is built for (its esbuild target comes from constructs/private/runtime.ts). @default DEFAULT_NODE_RUNTIME */
  readonly runtime?: NodeRuntime;
}

export interface BundleResult {
  /** Absolute path of the zip (named by its content hash, so an existing file is never rewritten). */
  readonly zipPath: string;
  /** base64 SHA-256 of the zip bytes, as Terraform's `filebase64sha256` computes it. */
  readonly sourceCodeHash: string;
  /** Size of the minified `index.js`. */
  readonly bundleBytes: number;
  readonly zipBytes: number;
}

// Project root: esbuild works relative to it so that no absolute, machine-specific path reaches the output.
const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

// One esbuild run per entry and runtime per process: a synth of several stacks (dev, prod, ...) reuses the bundle.
const codeCache = new Map<string, Buffer>();

// Across processes, a built `index.js` is reused while every file esbuild read for it is byte-identical:
// the manifest lists each input with its SHA-256, so a stale bundle is impossible, only a rebuild is missed.
const DISK_CACHE = path.join(PROJECT_ROOT, "node_modules", ".cache", "lambda-code");
let diskCacheEnabled = true;

/**
 * Forgets cached bundles: tests that check determinism need a real second build. With `keepDiskCache`
 * only this process's memory is cleared, as if a new synth process started.
 */
export function clearBundleCache(opts: { readonly keepDiskCache?: boolean } = {}): void {
  codeCache.clear();
  if (opts.keepDiskCache !== true) diskCacheEnabled = false;
}

const sha256 = (data: Buffer | string): string => createHash("sha256").update(data).digest("hex");

interface CacheManifest {
  readonly inputs: Readonly<Record<string, string>>;
  readonly code: string;
}

/**
 * The disk cache's key: everything that shapes the output besides the input files (checked by the manifest). The
 * build options carry the esbuild target, so a runtime change (node20 -> node22) can never reuse an older build.
 */
export function bundleCacheKey(entry: string, options: BuildOptions, lockDigest: string): string {
  return sha256(JSON.stringify([entry, esbuildVersion, lockDigest, options]));
}

function lockDigest(): string {
  const lockPath = path.join(PROJECT_ROOT, "package-lock.json");
  return existsSync(lockPath) ? sha256(readFileSync(lockPath)) : "no-lock";
}

function readCached(key: string): Buffer | undefined {
  const manifestPath = path.join(DISK_CACHE, `${key}.json`);
  if (!diskCacheEnabled || !existsSync(manifestPath)) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as CacheManifest;
    for (const [input, hash] of Object.entries(manifest.inputs)) {
      const file = path.resolve(PROJECT_ROOT, input);
      if (!existsSync(file) || sha256(readFileSync(file)) !== hash) return undefined;
    }
    const code = readFileSync(path.join(DISK_CACHE, `${manifest.code}.js`));
    return sha256(code) === manifest.code ? code : undefined;
  } catch {
    return undefined;
  }
}

function writeCached(key: string, inputs: readonly string[], code: Buffer): void {
  try {
    mkdirSync(DISK_CACHE, { recursive: true });
    const codeHash = sha256(code);
    const hashes = Object.fromEntries(inputs.map((input) => [input, sha256(readFileSync(path.resolve(PROJECT_ROOT, input)))]));
    writeFileSync(path.join(DISK_CACHE, `${codeHash}.js`), code);
    // Written last and renamed into place: a reader sees a whole manifest or none.
    const tmp = path.join(DISK_CACHE, `${key}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify({ inputs: hashes, code: codeHash } satisfies CacheManifest));
    renameSync(tmp, path.join(DISK_CACHE, `${key}.json`));
  } catch {
    // A cache that cannot be written only costs a rebuild next time.
  }
}

/** The esbuild options for one runtime; the same for every handler (the entry is added at build time). */
export function buildOptionsFor(runtime: NodeRuntime): BuildOptions {
  return {
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    // @aws-sdk/* is bundled too: the version we pin and test against (aws-sdk-client-mock) is the one that
    // runs, instead of whatever SDK the managed runtime ships that month; it also keeps Lambda@Edge self-contained.
    platform: "node",
    target: NODE_RUNTIMES[runtime].esbuildTarget,
    format: "cjs",
    minify: true,
    // ESM builds tree-shake better than the CJS ones most AWS packages also ship.
    mainFields: ["module", "main"],
    legalComments: "none",
    sourcemap: false,
    charset: "utf8",
    write: false,
    outfile: "index.js",
    logLevel: "silent",
  };
}

/** esbuild → `index.js` bytes for `runtime`. Throws with esbuild's messages when the handler does not build. */
export function buildHandlerCode(entry: string, runtime: NodeRuntime = DEFAULT_NODE_RUNTIME): Buffer {
  if (!isNodeRuntime(runtime)) {
    throw new Error(`bundleLambda: no esbuild target for runtime "${runtime}" (known: ${Object.keys(NODE_RUNTIMES).join(", ")})`);
  }
  const memoKey = `${runtime}\u0000${entry}`;
  const cached = codeCache.get(memoKey);
  if (cached) return cached;
  if (!path.isAbsolute(entry)) throw new Error(`bundleLambda: entry must be an absolute path, got "${entry}"`);
  if (!existsSync(entry)) throw new Error(`bundleLambda: entry "${entry}" does not exist`);
  const options = buildOptionsFor(runtime);
  const key = bundleCacheKey(path.relative(PROJECT_ROOT, entry), options, lockDigest());
  const hit = readCached(key);
  if (hit) {
    codeCache.set(memoKey, hit);
    return hit;
  }
  const result = buildSync({ ...options, entryPoints: [entry], metafile: true, write: false });
  if (result.errors.length > 0) {
    throw new Error(`bundleLambda: esbuild failed for "${entry}": ${result.errors.map((e) => e.text).join("; ")}`);
  }
  const out = result.outputFiles.find((f) => f.path.endsWith("index.js"));
  if (!out) throw new Error(`bundleLambda: esbuild produced no index.js for "${entry}"`);
  const code = Buffer.from(out.contents);
  codeCache.set(memoKey, code);
  writeCached(key, Object.keys(result.metafile.inputs), code);
  return code;
}

/** Bundles `entry`, zips it with `files` into `outDir` and returns the zip's path and hash. */
export function bundleLambda(opts: BundleOptions): BundleResult {
  if (!/^[A-Za-z0-9_.-]{1,140}$/.test(opts.name)) {
    throw new Error(`bundleLambda: name must match [A-Za-z0-9_.-]{1,140}, got "${opts.name}"`);
  }
  const code = buildHandlerCode(opts.entry, opts.runtime ?? DEFAULT_NODE_RUNTIME);
  const entries: ZipEntry[] = [{ name: "index.js", data: code }];
  for (const [name, content] of Object.entries(opts.files ?? {})) {
    if (name === "index.js" || !/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(name) || name.split("/").includes("..")) {
      throw new Error(`bundleLambda "${opts.name}": invalid extra file name "${name}"`);
    }
    entries.push({ name, data: Buffer.from(content, "utf8") });
  }
  const zip = createZip(entries);
  const digest = createHash("sha256").update(zip).digest();
  const zipPath = path.resolve(opts.outDir, `${opts.name}-${digest.toString("hex").slice(0, 16)}.zip`);
  if (!existsSync(zipPath)) {
    mkdirSync(opts.outDir, { recursive: true });
    writeFileSync(zipPath, zip);
  }
  return { zipPath, sourceCodeHash: digest.toString("base64"), bundleBytes: code.length, zipBytes: zip.length };
}

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

// Fixed metadata: 1980-01-01 00:00 (the DOS epoch), regular file 0644, "made by" Unix, zip 2.0.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UNIX_FILE_0644 = (0o100644 << 16) >>> 0;
const VERSION = 20;
const MADE_BY = (3 << 8) | VERSION;
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;

/**
 * A minimal zip writer: entries sorted by name, no timestamps, no extra fields.
 * Entries are STORED, not deflated, on purpose: Node's bundled zlib picks different matches on different CPUs
 * (SIMD hashing), so deflated bytes — and with them the hash and the plan — could differ between a laptop and
 * CI. The bundles are tens of KB, far below Lambda's limits (Lambda@Edge: 1 MB zipped), so nothing is lost.
 */
export function createZip(entries: readonly ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].name === sorted[i - 1].name) throw new Error(`createZip: duplicate entry "${sorted[i].name}"`);
  }
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of sorted) {
    const name = Buffer.from(entry.name, "utf8");
    const crc = crc32(entry.data);
    const size = entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(METHOD_STORED, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, entry.data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY, 4);
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(FLAG_UTF8, 8);
    central.writeUInt16LE(METHOD_STORED, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(size, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number start, internal attributes: all 0
    central.writeUInt32LE(UNIX_FILE_0644, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + size;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE), as zip requires; own table because `zlib.crc32` needs Node >= 20.15. */
export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
