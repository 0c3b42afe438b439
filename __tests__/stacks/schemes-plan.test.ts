// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// Real terraform: the sample prod stack under every other edge scheme synthesizes and plans offline (`npm run plan`'s
// own offline path); prod's own scheme is planned, and checked by every rule, in cli/plan.test.ts. Needs terraform
// and TF_PROVIDER_MIRROR; says so visibly when skipped.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { App } from "cdktf";
import { loadModel } from "../../guard/load";
import { EDGE_RULES, RULES } from "../../guard/rules";
import { petstoreProd } from "../../access-spec/samples/petstore";
import type { AccessSpec, EdgeScheme, RouteSpec } from "../../access-spec/types";
import { AccessStack } from "../../stacks/access-stack";

const root = resolve(__dirname, "..", "..");
const terraformOnPath = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
const mirror = process.env.TF_PROVIDER_MIRROR ?? "";
const canPlan = terraformOnPath && mirror !== "" && existsSync(mirror);
if (!canPlan) console.warn(`SKIPPED edge schemes terraform plan test: ${terraformOnPath ? "TF_PROVIDER_MIRROR is not set" : "terraform is not on PATH"}`);

const ALL_SCHEMES: readonly EdgeScheme[] = ["OAuth2-Cognito-Edge", "OAuth2-Cognito-Gateway", "ApiKey", "None"];
const SCHEMES = ALL_SCHEMES.filter((s) => s !== petstoreProd.edge?.scheme);

/** Prod under `scheme`; outside edge authentication EDGE routes become the Cognito routes they stand for. */
function prodWith(scheme: EdgeScheme): AccessSpec {
  if (!petstoreProd.edge) throw new Error("sample prod has no edge section");
  const routes: RouteSpec[] = petstoreProd.routes.map((r) =>
    scheme !== "OAuth2-Cognito-Edge" && r.auth.type === "EDGE" ? { ...r, auth: { type: "COGNITO", scopes: r.auth.scopes } } : r,
  );
  return { ...petstoreProd, routes, edge: { ...petstoreProd.edge, scheme } };
}

const stackName = (s: EdgeScheme): string => `prod-${s.toLowerCase()}`;

(canPlan ? describe : describe.skip)("GIVEN sample prod under each edge scheme WHEN planned offline with real terraform", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "edge-schemes-")), "cdktf.out");
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  const app = new App({ outdir });
  for (const scheme of SCHEMES) new AccessStack(app, stackName(scheme), { spec: prodWith(scheme) });
  app.synth();
  warn.mockRestore();
  const env = { ...process.env, CDKTF_OUTDIR: outdir, AWS_ACCESS_KEY_ID: "", AWS_PROFILE: "" };
  const plan = spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "cli", "plan.ts"), "--no-synth", "--offline"], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  const planOf = (scheme: EdgeScheme): { resource_changes: { type: string }[] } =>
    JSON.parse(readFileSync(join(outdir, "stacks", stackName(scheme), "plan.json"), "utf8"));

  test("THEN init and plan succeed for every scheme but prod's own, which cli/plan.test.ts plans", () => {
    expect(SCHEMES).toHaveLength(ALL_SCHEMES.length - 1);
    if (plan.status !== 0) throw new Error(plan.stderr || plan.stdout);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(SCHEMES.map(stackName).sort());
  });

  test.each(SCHEMES)("THEN %s plans CloudFront, both web ACLs, and an edge function only for edge authentication", (scheme) => {
    const types = planOf(scheme).resource_changes.map((c) => c.type);
    expect(types).toContain("aws_cloudfront_distribution");
    expect(types.filter((t) => t === "aws_wafv2_web_acl")).toHaveLength(2);
    expect(types.includes("aws_ssm_parameter")).toBe(scheme === "OAuth2-Cognito-Edge");
  });

  test.each(SCHEMES)("THEN the edge rules are quiet on the %s plan", (scheme) => {
    const model = loadModel(join(outdir, "stacks", stackName(scheme), "plan.json"));
    // The edge rules are the registry's (guard/rules/index.ts, one definition): none left out of the engine, none empty.
    expect(EDGE_RULES.length).toBeGreaterThan(0);
    expect(EDGE_RULES.filter((r) => !RULES.includes(r)).map((r) => r.id)).toEqual([]);
    expect(EDGE_RULES.flatMap((r) => r.check(model, { policies: [] }).map((f) => `${r.id}: ${f.message}`))).toEqual([]);
  });
});
