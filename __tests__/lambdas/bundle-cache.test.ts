// The on-disk bundle cache reuses a build only while every input esbuild read is byte-identical.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildHandlerCode, clearBundleCache } from "../../constructs/private/bundle";

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
