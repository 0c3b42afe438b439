import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { inflateRawSync } from "node:zlib";
import { bundleLambda, clearBundleCache, crc32, createZip } from "../../constructs/private/bundle";

const FIXTURE = path.resolve(__dirname, "fixtures", "hello.ts");

/** Reads a zip through its central directory, as unzip does. */
function readZip(zip: Buffer): Map<string, { data: Buffer; crc: number; attrs: number; date: number }> {
  const eocd = zip.length - 22;
  expect(zip.readUInt32LE(eocd)).toBe(0x06054b50);
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, { data: Buffer; crc: number; attrs: number; date: number }>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const date = zip.readUInt16LE(p + 14);
    const crc = zip.readUInt32LE(p + 16);
    const compSize = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const attrs = zip.readUInt32LE(p + 38);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compSize);
    out.set(name, { data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw), crc, attrs, date });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function hasUnzip(): boolean {
  try {
    execFileSync("unzip", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("bundleLambda", () => {
  test("GIVEN the same handler bundled twice from scratch WHEN zipped THEN the bytes and hash are identical", () => {
    const files = { "route-table.json": '{"a":1}\n', "b.txt": "b" };
    const first = bundleLambda({ name: "hello", entry: FIXTURE, files, outDir: mkdtempSync(path.join(tmpdir(), "b1-")) });
    clearBundleCache();
    const second = bundleLambda({
      name: "hello",
      entry: FIXTURE,
      files: { "b.txt": "b", "route-table.json": '{"a":1}\n' },
      outDir: mkdtempSync(path.join(tmpdir(), "b2-")),
    });
    expect(readFileSync(second.zipPath).equals(readFileSync(first.zipPath))).toBe(true);
    expect(second.sourceCodeHash).toBe(first.sourceCodeHash);
    expect(first.sourceCodeHash).toBe(createHash("sha256").update(readFileSync(first.zipPath)).digest("base64"));
  });

  test("GIVEN a different extra file WHEN bundled THEN the hash changes", () => {
    const outDir = mkdtempSync(path.join(tmpdir(), "b3-"));
    const a = bundleLambda({ name: "hello", entry: FIXTURE, files: { "route-table.json": "1" }, outDir });
    const b = bundleLambda({ name: "hello", entry: FIXTURE, files: { "route-table.json": "2" }, outDir });
    expect(a.sourceCodeHash).not.toBe(b.sourceCodeHash);
    expect(a.zipPath).not.toBe(b.zipPath);
  });

  test("GIVEN a bundle WHEN its zip is read THEN it holds a minified index.js that runs, beside the extra files, with fixed metadata", () => {
    const result = bundleLambda({ name: "hello", entry: FIXTURE, files: { "route-table.json": "{}" }, outDir: mkdtempSync(path.join(tmpdir(), "b4-")) });
    const entries = readZip(readFileSync(result.zipPath));
    expect([...entries.keys()]).toEqual(["index.js", "route-table.json"]);
    const index = entries.get("index.js")!;
    expect(index.crc).toBe(crc32(index.data));
    expect(index.date).toBe(0x21);
    expect(index.attrs >>> 16).toBe(0o100644);
    expect(index.data.length).toBe(result.bundleBytes);
    expect(index.data.toString("utf8")).not.toContain(path.resolve(__dirname, "..", ".."));
    // The bundle carries its dependency: it runs without node_modules.
    const mod = { exports: {} as { handler?: (e: { token: string }) => Promise<unknown> } };
    new Function("module", "exports", "require", index.data.toString("utf8"))(mod, mod.exports, require);
    const token = `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from('{"sub":"x"}').toString("base64url")}.sig`;
    return expect(mod.exports.handler!({ token })).resolves.toEqual({ sub: "x" });
  });

  (hasUnzip() ? test : test.skip)("GIVEN a bundle WHEN tested with unzip THEN it is a valid archive", () => {
    const result = bundleLambda({ name: "hello", entry: FIXTURE, files: { "route-table.json": "{}" }, outDir: mkdtempSync(path.join(tmpdir(), "b5-")) });
    const listing = execFileSync("unzip", ["-t", result.zipPath]).toString();
    expect(listing).toContain("No errors detected");
  });

  test("GIVEN bad input WHEN bundling THEN one clear error names the bad value", () => {
    const outDir = mkdtempSync(path.join(tmpdir(), "b6-"));
    expect(() => bundleLambda({ name: "x", entry: "relative.ts", outDir })).toThrow(/absolute path, got "relative.ts"/);
    expect(() => bundleLambda({ name: "x", entry: FIXTURE, files: { "../evil": "" }, outDir })).toThrow(/invalid extra file name "..\/evil"/);
    expect(() =>
      createZip([
        { name: "a", data: Buffer.from("") },
        { name: "a", data: Buffer.from("") },
      ]),
    ).toThrow(/duplicate entry "a"/);
  });
});
