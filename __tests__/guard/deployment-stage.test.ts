// A stage created by aws_api_gateway_deployment.stage_name has no aws_api_gateway_stage resource, yet it serves
// every method: the stage rules must see it (no WAF, no access logs, no tracing), never pass it by not looking.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runRules } from "../../guard/engine";
import { modelFromDocument } from "../../guard/load";
import { loadPolicies } from "../../guard/policy/load";
import { RULES } from "../../guard/rules";

const FIX = join(__dirname, "fixtures");
const policies = loadPolicies(join(FIX, "shop.policy.yaml"), RULES);

function compliantWith(edit: (resources: Record<string, Record<string, Record<string, unknown>>>) => void): unknown {
  const doc = JSON.parse(readFileSync(join(FIX, "compliant.tf.json"), "utf8")) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  edit(doc.resource);
  return doc;
}

test("GIVEN the deployment also creates stage 'live' through stage_name THEN the stage rules report that stage", () => {
  // GIVEN the compliant API, whose deployment additionally creates a stage by name
  const doc = compliantWith((r) => {
    r["aws_api_gateway_deployment"]["d"]["stage_name"] = "live";
  });
  // WHEN every rule runs
  const findings = runRules(modelFromDocument(doc, "d.tf.json"), policies).findings;
  // THEN the stage made by the deployment is checked like any other stage
  const about = (rule: string) => findings.filter((f) => f.rule === rule && f.message.includes('"live"'));
  expect(about("stage-waf")).toHaveLength(1);
  expect(about("stage-access-logs").length).toBeGreaterThan(0);
  expect(about("stage-xray")).toHaveLength(1);
  expect(about("usage-plan-on-api-key-stages").length).toBeGreaterThan(0);
});

test("GIVEN a deployment without stage_name THEN no extra stage appears (the stage rules stay quiet)", () => {
  const doc = compliantWith(() => undefined);
  const model = modelFromDocument(doc, "d.tf.json");
  expect(model.stages.map((s) => s.address)).toEqual(["aws_api_gateway_stage.dev"]);
  expect(runRules(model, policies).findings.filter((f) => f.rule.startsWith("stage-") || f.rule.startsWith("usage-plan"))).toEqual([]);
});
