// The layers of guard/ written down (STYLE.md): access holds queries over the model and judges nothing, so no
// module under guard/access imports the review or the rules, which sit above it. A circle is a design bug.
import { readdirSync, readFileSync, statSync } from "fs";
import { dirname, join, relative, resolve, sep } from "path";

const ROOT = join(__dirname, "..", "..", "..");
const ABOVE_ACCESS = ["guard/review", "guard/rules"].map((d) => join(ROOT, d));

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

/** Every module a source names: import/export ... from, import(), require(), side-effect imports. */
function specifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm)) out.push(m[1] as string);
  return out;
}

/** The layer a relative specifier of `file` lands in above access, or undefined. */
function aboveAccess(file: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const target = resolve(dirname(file), spec);
  return ABOVE_ACCESS.find((d) => target === d || target.startsWith(d + sep));
}

describe("guard/ layers", () => {
  it("GIVEN guard/access WHEN its imports are read THEN none reaches guard/review or guard/rules", () => {
    const files = tsFiles(join(ROOT, "guard", "access"));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((f) =>
      specifiers(readFileSync(f, "utf8"))
        .filter((s) => aboveAccess(f, s) !== undefined)
        .map((s) => `${relative(ROOT, f)} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it("GIVEN a module importing the review from access WHEN checked THEN the check sees it (it can fail)", () => {
    const file = join(ROOT, "guard", "access", "x.ts");
    const source =
      'import type { Change } from "../review/types";\nexport { x } from "../rules/types";\nconst y = require("../review/diff");\nimport "./targets";';
    const found = specifiers(source).filter((s) => aboveAccess(file, s) !== undefined);
    expect(found).toEqual(["../review/types", "../rules/types", "../review/diff"]);
  });
});
