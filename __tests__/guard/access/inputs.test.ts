// Inputs the check and the review refuse instead of reading partially: module blocks in cdk.tf.json (their
// resources would go unchecked) and documents with nothing to check. Each: one clear line, exit 2.
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main as check } from "../../../cli/check";
import { main as review } from "../../../cli/review";
import { synth } from "../review/fixtures/pairs";

const dir = mkdtempSync(join(tmpdir(), "inputs-"));
const file = (name: string, doc: unknown): string => {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(doc));
  return f;
};

function runCheck(input: string): { code: number; err: string } {
  let err = "";
  const code = check([input, "--policy", join(__dirname, "..", "..", "..", "policies")], { out: () => undefined, err: (s) => (err += s) });
  return { code, err };
}

function runReview(base: string, head: string): { code: number; err: string } {
  let err = "";
  const code = review(["--base", base, "--head", head], { stdout: () => undefined, stderr: (s) => (err += s), writeFile: () => undefined });
  return { code, err };
}

const sample = file("sample.cdk.tf.json", synth("dev"));

describe("GIVEN inputs with nothing to check", () => {
  it.each([
    ["an empty resource block", { terraform: {}, resource: {} }],
    ["only a terraform block", { terraform: { required_providers: {} } }],
    ["resources of the wrong shape", { resource: { aws_api_gateway_method: [] } }],
    ["a JSON object of another kind", { name: "petstore", version: 1 }],
    ["a plan without resources", { format_version: "1.2", planned_values: { root_module: {} }, resource_changes: [] }],
  ])("WHEN %s is checked or reviewed THEN exit 2 with 'nothing to check'", (_, doc) => {
    const f = file("empty.json", doc);
    const c = runCheck(f);
    expect(c.code).toBe(2);
    expect(c.err).toContain("nothing to check");
    const r = runReview(sample, f);
    expect(r.code).toBe(2);
    expect(r.err).toContain("nothing to check");
  });
});

describe("GIVEN a cdk.tf.json with a module block", () => {
  const doc = { ...synth("dev"), module: { extra_api: { source: "./modules/open-api", name: "petstore-dev" } } };
  const f = file("module.cdk.tf.json", doc);

  it("WHEN checked THEN it is refused by name, exit 2 (its resources would otherwise go unchecked)", () => {
    const c = runCheck(f);
    expect(c.code).toBe(2);
    expect(c.err).toContain("module.extra_api");
    expect(c.err).toContain("./modules/open-api");
  });

  it("WHEN reviewed as the head THEN it is refused too, never a clean review", () => {
    const r = runReview(sample, f);
    expect(r.code).toBe(2);
    expect(r.err).toContain("module blocks are not followed");
  });

  it("WHEN the document holds only the module THEN the module, not 'nothing to check', is named", () => {
    const c = runCheck(file("only-module.cdk.tf.json", { module: { m: { source: "x" } } }));
    expect(c.code).toBe(2);
    expect(c.err).toContain("module.m");
  });
});

describe("GIVEN a plan that creates a new stack", () => {
  it("WHEN its before side is empty THEN the review still runs (only a document with no resources at all is refused)", () => {
    const plan = {
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [{ address: "aws_api_gateway_rest_api.a", mode: "managed", type: "aws_api_gateway_rest_api", name: "a", values: { name: "x" } }],
        },
      },
      resource_changes: [
        {
          address: "aws_api_gateway_rest_api.a",
          mode: "managed",
          type: "aws_api_gateway_rest_api",
          name: "a",
          change: { actions: ["create"], before: null, after: { name: "x" }, after_unknown: {} },
        },
      ],
    };
    let err = "";
    const code = review(["--plan", file("new.plan.json", plan)], { stdout: () => undefined, stderr: (s) => (err += s), writeFile: () => undefined });
    expect(err).not.toContain("nothing to check");
    expect(code).not.toBe(2);
  });
});
