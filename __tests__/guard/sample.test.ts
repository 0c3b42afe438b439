// The sample app against its hand-written policy: synthesized Terraform passes every rule and matches
// policies/petstore.yaml method by method; and the mutation test: every weakening of every method is caught.
// Prints the mutation score. The same on the real plan JSON is in cli/plan.test.ts (one terraform run for both).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../cli/check";
import { failing, runRules } from "../../guard/engine";
import { loadModel, modelFromDocument } from "../../guard/load";
import { effectivePolicy, policiesFor } from "../../guard/policy/match";
import { loadPolicies } from "../../guard/policy/load";
import { RULES } from "../../guard/rules";
import { edgeRoutesOf, missedBy, mutantsOf, type Blocks, type Json } from "./fixtures/sample-mutants";
import { SAMPLE_POLICY, sampleEnv } from "../helpers/sample";

const root = resolve(__dirname, "..", "..");
const policies = loadPolicies(SAMPLE_POLICY, RULES);
const outdir = join(mkdtempSync(join(tmpdir(), "guard-sample-")), "cdktf.out");
const env = { ...sampleEnv(), CDKTF_OUTDIR: outdir };
const synth = spawnSync(process.execPath, [join(root, "scripts", "synth.mjs")], { cwd: root, env, encoding: "utf8" });
const stacks = existsSync(join(outdir, "stacks")) ? readdirSync(join(outdir, "stacks")).sort() : [];

const docOf = (stack: string): { resource: Blocks } & Json =>
  JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as { resource: Blocks } & Json;

describe("GIVEN the synthesized sample (cdktf.out)", () => {
  test("THEN synth succeeded with both stacks", () => {
    if (synth.status !== 0) throw new Error(synth.stderr);
    expect(stacks).toEqual(["petstore-dev", "petstore-prod"]);
  });

  test("THEN every rule passes", () => {
    const { findings } = runRules(loadModel(outdir), policies);
    expect(findings).toEqual([]);
  });

  test("THEN the edge verifier's baked config is read from prod's package, so EDGE scopes are compared, not assumed", () => {
    const configs = loadModel(outdir).edgeConfigs ?? [];
    expect(configs.map((c) => c.source.stack)).toEqual(["petstore-prod"]);
    const table = configs[0].table;
    const edge = "routes" in table ? table.routes.filter((r) => r.mode === "edge").map((r) => `${r.method} ${r.path} ${r.scopes.join(",")}`) : [table.problem];
    expect(edge.sort()).toEqual(
      edgeRoutesOf(policies, "petstore-prod")
        .map((k) => `${k} ${effectivePolicy(policiesFor(policies, "petstore-prod")[0], "petstore-prod").routes[k].scopes.join(",")}`)
        .sort(),
    );
  });

  test("THEN `check <cdktf.out>` with the shipped policies exits 0", () => {
    let out = "";
    expect(main([outdir, "--policy", SAMPLE_POLICY], { out: (s) => (out += s), err: (s) => (out += s) })).toBe(0);
    expect(out).toMatch(/PASS: 0 finding/);
  });

  test("THEN every method is in the policy (or an intended preflight) and every policy route has its method", () => {
    const model = loadModel(outdir);
    for (const api of model.apis) {
      const name = String(api.name);
      const [policy] = policiesFor(policies, name);
      const eff = effectivePolicy(policy, name);
      const methods = model.routes
        .filter((r) => r.api === api)
        .map((r) => r.routeKey ?? "?")
        .sort();
      const intended = [...Object.keys(eff.routes), ...eff.corsPreflight.map((p) => `OPTIONS ${p}`)].sort();
      expect({ api: name, methods }).toEqual({ api: name, methods: intended });
    }
  });
});

describe("GIVEN every mutation of every sample method", () => {
  test("THEN each is caught (mutation score 100%)", () => {
    expect(stacks.length).toBeGreaterThan(0);
    const missed: string[] = [];
    let total = 0;
    let edgeMutants = 0;
    for (const stack of stacks) {
      const base = docOf(stack);
      // In memory the authorizers' packages are not read, so CUSTOM groups/scopes come back as "not verified" (info).
      const baseline = failing(runRules(modelFromDocument(base, stack), policies).findings, "low");
      expect(baseline).toEqual([]);
      for (const mutant of mutantsOf(base, stack, policies)) {
        total++;
        const doc = structuredClone(base);
        mutant.apply(doc);
        const findings = failing(runRules(modelFromDocument(doc, stack), policies).findings, "low");
        if (missedBy(mutant, findings)) missed.push(`${stack}: ${mutant.name}`);
        if (mutant.routes !== undefined && mutant.routes.length > 0) edgeMutants++;
      }
    }
    const score = ((total - missed.length) / total) * 100;
    console.log(`guard mutation score: ${total - missed.length}/${total} mutants caught (${score.toFixed(1)}%)`);
    expect(missed).toEqual([]);
    // Every kind of mutation the issue names was exercised, and the edge path of prod's EDGE routes too (those are
    // NONE at the gateway, so they have no authorizer/scope mutants of their own: their weakenings are the edge's).
    expect(total).toBeGreaterThanOrEqual(100);
    expect(edgeMutants).toBeGreaterThanOrEqual(3);
  });
});
