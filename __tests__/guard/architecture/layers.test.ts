// The import boundaries are written once, in .dependency-cruiser.cjs, and `npm run lint` holds the tree to them.
// This suite shows that they can fail: a small tree with an arrow the wrong way for each layer, a circle, and the
// harmless twin of each (the same arrow pointing down) is cruised with the project's own configuration.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = join(__dirname, "..", "..", "..");
const CONFIG = join(ROOT, ".dependency-cruiser.cjs");
const DEPCRUISE = join(ROOT, "node_modules", ".bin", "depcruise");

interface Violation {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
}

/** Writes `imports` (file -> the files it imports) as TypeScript under a fresh directory and cruises it. */
function cruise(imports: Readonly<Record<string, readonly string[]>>): Violation[] {
  const dir = mkdtempSync(join(tmpdir(), "layers-"));
  try {
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "commonjs", moduleResolution: "node" } }));
    for (const [file, targets] of Object.entries(imports)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      const lines = targets.map((t, i) => `import { x as x${i} } from "${relativeSpecifier(file, t)}";`);
      writeFileSync(join(dir, file), [...lines, `export const x = ${targets.map((_, i) => `x${i}`).join(" + ") || "1"};`, ""].join("\n"));
    }
    const roots = [...new Set(Object.keys(imports).map((f) => f.split("/")[0] as string))];
    const run = spawnSync(DEPCRUISE, ["--config", CONFIG, "--output-type", "json", ...roots], { cwd: dir, encoding: "utf8" });
    if (run.stdout === "") throw new Error(`depcruise gave no output (exit ${run.status}): ${run.stderr}`);
    const result = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function relativeSpecifier(from: string, to: string): string {
  const up = from.split("/").length - 1;
  return `${up === 0 ? "./" : "../".repeat(up)}${to.replace(/[.]ts$/, "")}`;
}

describe("import boundaries (.dependency-cruiser.cjs)", () => {
  it("GIVEN an arrow up from each layer WHEN cruised THEN each is an error named by its rule", () => {
    const violations = cruise({
      "kernel/a.ts": ["guard/model.ts"],
      "kernel/match/route.ts": ["access-spec/types.ts"],
      "access-spec/types.ts": ["constructs/api.ts"],
      "lambdas/authorizer/index.ts": ["access-spec/types.ts"],
      "constructs/api.ts": ["stacks/stack.ts"],
      "stacks/stack.ts": ["guard/model.ts"],
      "guard/model.ts": ["guard/access/lookups.ts"],
      "guard/load/plan.ts": ["guard/policy/types.ts"],
      "guard/policy/types.ts": ["guard/access/lookups.ts"],
      "guard/policy/load.ts": ["guard/rules/index.ts"],
      "guard/access/lookups.ts": ["guard/review/types.ts", "guard/rules/index.ts"],
      "guard/rules/index.ts": ["guard/review/types.ts", "guard/report/check/index.ts"],
      "guard/review/types.ts": ["guard/engine.ts", "guard/report/escape.ts"],
      "guard/engine.ts": [],
      "guard/report/check/index.ts": [],
      "guard/report/escape.ts": ["cli/check.ts"],
      "guard/access/iam.ts": ["lambdas/authorizer/index.ts"],
      "cli/check.ts": ["bench/run.ts"],
      "bench/run.ts": [],
      "guard/unplaced/a.ts": ["guard/model.ts"],
    });
    expect(violations.map((v) => `${v.rule}: ${v.from} -> ${v.to}`).sort()).toEqual(
      [
        "access-judges-nothing: guard/access/lookups.ts -> guard/review/types.ts",
        "access-judges-nothing: guard/access/lookups.ts -> guard/rules/index.ts",
        "checker-apart-from-builder: guard/access/iam.ts -> lambdas/authorizer/index.ts",
        "cli-below-tools: cli/check.ts -> bench/run.ts",
        "every-module-in-a-layer: guard/unplaced/a.ts -> guard/model.ts",
        "constructs-below-stacks: constructs/api.ts -> stacks/stack.ts",
        "kernel-imports-nothing: kernel/match/route.ts -> access-spec/types.ts",
        "kernel-imports-nothing: kernel/a.ts -> guard/model.ts",
        "lambdas-stand-alone: lambdas/authorizer/index.ts -> access-spec/types.ts",
        "model-below-access: guard/load/plan.ts -> guard/policy/types.ts",
        "model-below-access: guard/model.ts -> guard/access/lookups.ts",
        "policy-below-access: guard/policy/load.ts -> guard/rules/index.ts",
        "policy-below-access: guard/policy/types.ts -> guard/access/lookups.ts",
        "report-renders-only: guard/report/escape.ts -> cli/check.ts",
        "review-apart-from-rules: guard/review/types.ts -> guard/engine.ts",
        "review-apart-from-rules: guard/review/types.ts -> guard/report/escape.ts",
        "rules-apart-from-review: guard/rules/index.ts -> guard/report/check/index.ts",
        "rules-apart-from-review: guard/rules/index.ts -> guard/review/types.ts",
        "spec-is-plain-data: access-spec/types.ts -> constructs/api.ts",
        "stacks-build-only: stacks/stack.ts -> guard/model.ts",
      ].sort(),
    );
  });

  it("GIVEN the same layers with every arrow pointing down WHEN cruised THEN nothing is reported", () => {
    expect(
      cruise({
        "cli/check.ts": ["guard/report/check/index.ts", "guard/report/review/markdown.ts"],
        "guard/report/check/index.ts": ["guard/rules/index.ts"],
        "guard/report/review/markdown.ts": ["guard/report/escape.ts", "guard/review/diff.ts"],
        "guard/report/escape.ts": [],
        "guard/review/diff.ts": ["guard/access/lookups.ts", "guard/policy/load.ts"],
        "guard/policy/load.ts": ["guard/policy/types.ts"],
        "guard/rules/index.ts": ["guard/access/lookups.ts"],
        "guard/access/lookups.ts": ["guard/policy/types.ts", "guard/model.ts", "kernel/a.ts"],
        "guard/policy/types.ts": ["guard/load/json.ts"],
        "guard/load/json.ts": ["guard/model.ts"],
        "guard/model.ts": ["kernel/contracts/route-table.ts"],
        "guard/conformance/requirement.ts": ["access-spec/types.ts", "lambdas/edge/decide.ts"],
        "stacks/stack.ts": ["constructs/api.ts"],
        "constructs/api.ts": ["access-spec/types.ts", "kernel/contracts/route-table.ts"],
        "lambdas/edge/decide.ts": ["kernel/contracts/route-table.ts", "kernel/match/route.ts"],
        "access-spec/types.ts": ["kernel/match/route.ts", "kernel/a.ts"],
        "kernel/contracts/route-table.ts": ["kernel/a.ts"],
        "kernel/match/route.ts": ["kernel/a.ts"],
        "kernel/a.ts": [],
      }),
    ).toEqual([]);
  });

  it("GIVEN two modules that import each other WHEN cruised THEN the circle is an error", () => {
    const violations = cruise({
      "guard/review/compare/index.ts": ["guard/review/compare/waf.ts"],
      "guard/review/compare/waf.ts": ["guard/review/compare/index.ts"],
    });
    expect(violations.length).toBeGreaterThan(0);
    expect(new Set(violations.map((v) => v.rule))).toEqual(new Set(["no-circular"]));
  });
});
