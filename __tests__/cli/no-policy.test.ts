// The first run: `check plan.json` with no --policy and no policy in ./policies checks every control, says that
// intent is not checked yet and how to draft it, and exits by the findings; a ./policies it cannot read is exit 2.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/check";

const FIX = join(__dirname, "..", "guard", "fixtures");
const OPEN = join(FIX, "noncompliant", "NoOpenMethod.tf.json");
const PLAN = join(__dirname, "..", "guard", "load", "modules", "fixtures", "try-authorizer", "plan.json");

/** Runs the check from a fresh folder, as a user who just installed it would. */
function runIn(setup: (dir: string) => void, ...argv: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "check-first-run-"));
  setup(dir);
  const cwd = process.cwd();
  let out = "";
  let err = "";
  process.chdir(dir);
  try {
    const code = main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  } finally {
    process.chdir(cwd);
  }
}
const nothing = (): void => undefined;

describe.each([
  ["no ./policies", nothing],
  ["an empty ./policies", (d: string) => mkdirSync(join(d, "policies"))],
  ["a ./policies with no policy file", (d: string) => (mkdirSync(join(d, "policies")), writeFileSync(join(d, "policies", "README.md"), "soon\n"))],
])("GIVEN %s and no --policy", (_name, setup) => {
  test("WHEN an input has open routes THEN they are reported and named, intent is said unchecked with how to draft it, exit 1", () => {
    const r = runIn(setup, OPEN);
    expect(r.err).not.toMatch(/ENOENT|cannot read/);
    expect(r.err).toContain("intent is not checked yet");
    expect(r.err).toContain("open to anyone: 2 route(s): shop-dev DELETE /items/{id}, shop-dev GET /");
    expect(r.err).toContain(`--init-policy policies`);
    expect(r.out).toMatch(/no-open-method .*DELETE \/items\/\{id\}/);
    // No policy is no intent: nothing is reported as differing from one.
    expect(r.out).not.toContain("method-matches-policy");
    expect(r.code).toBe(1);
  });

  test("THEN the exit follows --fail-on: a user pool alone (high findings at worst) fails at high, passes at critical", () => {
    const pool = (d: string): void => (
      setup(d),
      writeFileSync(join(d, "pool.tf.json"), JSON.stringify({ resource: { aws_cognito_user_pool: { p: { name: "p" } } } }))
    );
    const atCritical = runIn(pool, "pool.tf.json", "--fail-on", "critical");
    expect(atCritical.err).toContain("open to anyone: no route");
    expect(atCritical.code).toBe(0);
    expect(runIn(pool, "pool.tf.json", "--fail-on", "high").code).toBe(1);
    expect(runIn(setup, PLAN, "--fail-on", "critical").code).toBe(1);
  });
});

test("GIVEN a ./policies holding a policy file that is not valid YAML THEN exit 2 naming it (never a first run)", () => {
  const r = runIn((d) => (mkdirSync(join(d, "policies")), writeFileSync(join(d, "policies", "bad.yaml"), "api: [\n")), OPEN);
  expect(r.code).toBe(2);
  expect(r.err).toContain("policies/bad.yaml");
  expect(r.err).not.toContain("intent is not checked yet");
});

test("GIVEN --policy naming a path that does not exist THEN exit 2: an explicit policy is never skipped", () => {
  const r = runIn(nothing, OPEN, "--policy", "missing");
  expect(r.code).toBe(2);
  expect(r.err).toBe("check: --policy missing: no such file or folder\n");
});
