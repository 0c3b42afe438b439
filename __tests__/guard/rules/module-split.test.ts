// False positives an outside engineer met running the packed check and review on public projects whose API,
// routes and CloudFront sit in separate modules, by class, on our own Terraform planned offline
// (fixtures/module-split-plan): each quiet shape beside its twin that must still be reported.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadModel, modelFromDocument } from "../../../guard/load";
import { frontedStages, apiDistributions } from "../../../guard/access/cloudfront";
import { diffModels } from "../../../guard/review/diff";
import { DeploymentRedeploysOnAuthChange } from "../../../guard/rules/apigateway/deployment-redeploys-on-auth-change";
import { CloudFrontAuthorizationInCacheKey } from "../../../guard/rules/cloudfront/cloudfront-authorization-in-cache-key";
import { EdgeAuthOnViewerRequest } from "../../../guard/rules/cloudfront/edge-auth-on-viewer-request";
import { EdgeOriginProtected } from "../../../guard/rules/cloudfront/edge-origin-protected";
import { CognitoTriggerKnown } from "../../../guard/rules/cognito/cognito-trigger-known";
import { DeciderCodePinned } from "../../../guard/rules/lambda/decider-code-pinned";
import type { Rule } from "../../../guard/rules/types";

const NO_POLICIES = { policies: [] };
const PLAN = join(__dirname, "fixtures", "module-split-plan", "plan.json");
const model = loadModel(PLAN);
const found = (rule: Rule): string[] => rule.check(model, NO_POLICIES).map((f) => `${f.address}: ${f.message}`);

describe("GIVEN a user pool whose configuration writes only pre_sign_up", () => {
  test("WHEN checked THEN the triggers the provider computes are no triggers; a literal foreign function, and a trigger in a dynamic block (no expression shown), are reported", () => {
    expect(found(CognitoTriggerKnown)).toEqual([
      'aws_cognito_user_pool.members: user pool "members": trigger pre_sign_up = (known after apply) is no Lambda function of this configuration',
      'aws_cognito_user_pool.members: user pool "members": trigger pre_token_generation = (known after apply) is no Lambda function of this configuration',
      'aws_cognito_user_pool.members: user pool "members": trigger pre_token_generation_config = (known after apply) is no Lambda function of this configuration',
      'aws_cognito_user_pool.partners: user pool "partners": trigger pre_token_generation_config = [{"lambda_arn":"arn:aws:lambda:eu-west-1:210987654321:function:add-claims","lambda_version":"V2_0"}] is no Lambda function of this configuration',
    ]);
  });
});

describe("GIVEN deployments in a module", () => {
  test("WHEN triggers are timestamp() THEN covered; depends_on naming the module holding the methods (it only orders creation), a module without the method, or a constant trigger THEN reported", () => {
    expect(found(DeploymentRedeploysOnAuthChange)).toEqual([
      "module.api.aws_api_gateway_deployment.orders: triggers do not cover module.api.module.routes.aws_api_gateway_method.list: changing their authorization would not be deployed (depends_on only orders creation: it never redeploys)",
      "module.api.aws_api_gateway_deployment.receipts: triggers do not cover module.api.aws_api_gateway_method.receipts: changing their authorization would not be deployed",
      "module.api.aws_api_gateway_deployment.refunds: triggers do not cover module.api.aws_api_gateway_method.refund: changing their authorization would not be deployed (depends_on only orders creation: it never redeploys)",
    ]);
  });

  test("WHEN the model is read THEN depends_on is absolute: module.api's module.routes, and its own integration", () => {
    const refunds = model.deployments.find((d) => d.address === "module.api.aws_api_gateway_deployment.refunds");
    expect(refunds?.dependsOn).toEqual(["module.api.aws_api_gateway_integration.refund", "module.api.module.routes"]);
  });
});

describe("GIVEN CloudFront in its own module fronting the API module's REST API", () => {
  test("WHEN the origin references the API through a module input THEN the distribution names that API", () => {
    expect(apiDistributions(model).map((d) => [d.resource.address, d.apiAddresses, d.unnamedOrigin])).toEqual([
      ["module.web.aws_cloudfront_distribution.exposed", ["module.api.aws_api_gateway_rest_api.orders"], false],
      ["module.web.aws_cloudfront_distribution.site", ["module.api.aws_api_gateway_rest_api.orders"], false],
    ]);
  });

  test("WHEN origin_path pins stage live THEN only live is behind it; the twin without origin_path fronts the implicit stage too", () => {
    const stages = Object.fromEntries(apiDistributions(model).map((d) => [d.resource.address, frontedStages(model, d).map((s) => s.name)]));
    expect(stages).toEqual({
      "module.web.aws_cloudfront_distribution.exposed": ["live", "intermediate"],
      "module.web.aws_cloudfront_distribution.site": ["live"],
    });
    expect(found(EdgeOriginProtected).filter((m) => m.includes("intermediate"))).toEqual([
      'module.api.aws_api_gateway_deployment.orders: stage "intermediate": is behind CloudFront module.web.aws_cloudfront_distribution.exposed but has no regional web ACL that could require x-origin-verify',
    ]);
  });

  test("WHEN the website's behavior caches without Authorization THEN quiet; the twin's API behavior caching without it THEN reported", () => {
    expect(found(CloudFrontAuthorizationInCacheKey)).toEqual([
      "module.web.aws_cloudfront_distribution.exposed: cache behavior default: its legacy forwarded_values cache without the Authorization header",
    ]);
  });

  test("WHEN the only Lambda@Edge function runs on origin-response THEN no verifier is required; the twin's on origin-request THEN the API behavior needs it on viewer-request", () => {
    expect(found(EdgeAuthOnViewerRequest)).toEqual([
      "module.web.aws_cloudfront_distribution.exposed: cache behavior default has no viewer-request function (Lambda@Edge is attached elsewhere or on another event): its paths skip edge authentication before the cache",
    ]);
  });

  test("WHEN lambda_arn is a counted function's qualified_arn THEN it is this configuration's published code", () => {
    expect(found(DeciderCodePinned)).toEqual([]);
  });
});

describe("GIVEN the review of two plans that create the same resources", () => {
  type Values = Record<string, unknown>;
  interface PlanDoc {
    planned_values: { root_module: { resources: { address: string; values: Values }[] } };
    resource_changes: { address: string; change: { after: Values; after_unknown: Values } }[];
  }
  const doc = JSON.parse(readFileSync(PLAN, "utf8")) as PlanDoc;
  /** Sets one root resource's attribute to a known value in the plan, as terraform would have shown it. */
  const setKnown = (d: PlanDoc, address: string, attribute: string, value: unknown): void => {
    const planned = d.planned_values.root_module.resources.find((r) => r.address === address);
    const change = d.resource_changes.find((r) => r.address === address)?.change;
    if (planned === undefined || change === undefined) throw new Error(`no ${address} in the fixture plan`);
    planned.values[attribute] = value;
    change.after[attribute] = value;
    change.after_unknown[attribute] = false;
  };
  const review = (mutate: (d: PlanDoc) => void) => {
    const head = structuredClone(doc);
    mutate(head);
    return diffModels(modelFromDocument(doc, "base.plan.json"), modelFromDocument(head, "head.plan.json"));
  };

  const blockingOf = (r: ReturnType<typeof review>, subject: string): string[] =>
    r.changes.filter((c) => c.severity === "blocking" && c.subject === subject).map((c) => c.message);

  test("WHEN nothing changed THEN what the provider computes blocks nothing; only the trigger in a dynamic block (no expression shown) is not verified", () => {
    const r = review(() => undefined);
    const subjects = new Set(r.changes.filter((c) => c.severity === "blocking").map((c) => c.subject));
    expect([...subjects]).toEqual(["aws_cognito_user_pool.members"]);
    expect(blockingOf(r, "aws_cognito_user_pool.members")).toContainEqual(
      expect.stringMatching(/^lambda_config\.pre_sign_up: \(known after apply\) → \(known after apply\)/),
    );
  });

  test("WHEN a computed value becomes a known one THEN it blocks, with both values; the pool's unwritten trigger attributes are not listed", () => {
    const r = review((d) => setKnown(d, "aws_cognito_user_pool.shoppers", "user_pool_tier", "LITE"));
    const shoppers = blockingOf(r, "aws_cognito_user_pool.shoppers");
    expect(shoppers).toContainEqual(expect.stringContaining('user_pool_tier: (known after apply) → "LITE"'));
    expect(shoppers.filter((m) => m.startsWith("lambda_config.pre_token_generation:"))).toEqual([]);
    // A whole block known only after apply may be a dynamic block over an unknown for_each: still listed.
    expect(shoppers).toContainEqual(expect.stringMatching(/^sms_configuration: \(known after apply\) → \(known after apply\) \(not verified/));
  });
});
