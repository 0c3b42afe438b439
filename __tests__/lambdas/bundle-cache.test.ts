// The on-disk bundle cache reuses a build only while every input esbuild read is byte-identical.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { BuildOptions } from "esbuild";
import { buildHandlerCode, buildOptionsFor, bundleCacheKey, clearBundleCache } from "../../constructs/private/bundle";

describe("GIVEN a handler built once and cached on disk", () => {
  const dir = mkdtempSync(join(tmpdir(), "bundle-cache-"));
  const entry = join(dir, "index.ts");
  const dep = join(dir, "dep.ts");
  writeFileSync(entry, 'import { greeting } from "./dep";\nexport const handler = async () => greeting;\n');
  writeFileSync(dep, 'export const greeting = "first-version";\n');
  const first = buildHandlerCode(entry);

  test("WHEN a new process builds it again with unchanged inputs THEN it gets the same bytes", () => {
    clearBundleCache({ keepDiskCache: true });
    expect(buildHandlerCode(entry).equals(first)).toBe(true);
  });

  test("WHEN an imported file changes THEN the cache is not used and the new code is built", () => {
    writeFileSync(dep, 'export const greeting = "second-version";\n');
    clearBundleCache({ keepDiskCache: true });
    const second = buildHandlerCode(entry);
    expect(second.toString()).toContain("second-version");
    expect(second.toString()).not.toContain("first-version");
  });

  test("WHEN the file is changed back THEN the first build is reused byte for byte", () => {
    writeFileSync(dep, 'export const greeting = "first-version";\n');
    clearBundleCache({ keepDiskCache: true });
    expect(buildHandlerCode(entry).equals(first)).toBe(true);
  });
});

describe("GIVEN the cache key and the runtime's esbuild target", () => {
  const ROOT = join(__dirname, "..", "..");
  const CACHE = join(ROOT, "node_modules", ".cache", "lambda-code");
  const sha = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
  const lock = sha(readFileSync(join(ROOT, "package-lock.json")));

  /** Puts `code` in the disk cache as the build of `entry` with `options`, as an earlier synth would have. */
  function plant(entry: string, options: BuildOptions, code: string): string[] {
    const key = bundleCacheKey(relative(ROOT, entry), options, lock);
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(join(CACHE, `${sha(code)}.js`), code);
    writeFileSync(join(CACHE, `${key}.json`), JSON.stringify({ inputs: { [relative(ROOT, entry)]: sha(readFileSync(entry)) }, code: sha(code) }));
    return [join(CACHE, `${key}.json`), join(CACHE, `${sha(code)}.js`)];
  }

  test("THEN the bundles are built for node22, the target of nodejs22.x", () => {
    expect(buildOptionsFor("nodejs22.x").target).toBe("node22");
  });

  test("WHEN a node20 build of the same handler is in the cache THEN it is not reused (and the same file under the node22 key would be)", () => {
    const dir = mkdtempSync(join(tmpdir(), "bundle-target-"));
    const entry = join(dir, "index.ts");
    writeFileSync(entry, 'export const handler = async () => "fresh";\n');
    const node22 = buildOptionsFor("nodejs22.x");
    const planted = plant(entry, { ...node22, target: "node20" }, "/* stale node20 build */");
    try {
      clearBundleCache({ keepDiskCache: true });
      expect(buildHandlerCode(entry).toString()).not.toContain("stale node20 build");
      // Control: the planted manifest does work as a cache hit when its key is the current one.
      planted.push(...plant(entry, node22, "/* planted node22 build */"));
      clearBundleCache({ keepDiskCache: true });
      expect(buildHandlerCode(entry).toString()).toContain("planted node22 build");
    } finally {
      for (const f of planted) rmSync(f, { force: true });
      clearBundleCache({ keepDiskCache: true });
    }
  });
});
