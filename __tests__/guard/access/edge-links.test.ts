// Links by value (guard/access/edge-links.ts), on `terraform show -json` state documents, which carry values and no
// references: an origin host names the API, custom domain or function URL it reaches; one naming nothing here is
// external; one naming several, or an execute-api host of no API here, is not verified, never linked to one API.
import { modelFromDocument, modelFromStacks, readDocument } from "../../../guard/load";
import { diffModels } from "../../../guard/review/diff";
import { synth } from "../review/fixtures/pairs";
import { UNNAMED_HOST, sideDistribution } from "./pairs/edge-links";
import { apiDistributions, viewerRequestTargets } from "../../../guard/access/cloudfront";
import { entrancesOf } from "../../../guard/access/doors/entrances";
import { originLink } from "../../../guard/access/edge-links";
import { edgeProtectionGap, stageAcls } from "../../../guard/access/origin";
import { HttpApiWaf } from "../../../guard/rules/waf/http-api-waf";

const EMPTY = { policies: [] } as unknown as Parameters<typeof HttpApiWaf.check>[1];

type R = { type: string; name: string; values: Record<string, unknown> };

function model(resources: readonly R[]) {
  const doc = {
    format_version: "1.0",
    terraform_version: "1.11.0",
    values: {
      root_module: { resources: resources.map((r) => ({ address: `${r.type}.${r.name}`, mode: "managed", type: r.type, name: r.name, values: r.values })) },
    },
  };
  const { stack, format } = readDocument(doc, { file: "state.json", stack: "live" }, "after");
  return modelFromStacks([{ stack, format, file: "state.json" }], "after");
}

const api = (name: string, id: string, region = "eu-west-1"): R => ({
  type: "aws_api_gateway_rest_api",
  name,
  values: { id, name, arn: `arn:aws:apigateway:${region}::/restapis/${id}`, root_resource_id: `${id}-root` },
});
const distribution = (...domains: string[]): R => ({
  type: "aws_cloudfront_distribution",
  name: "edge",
  values: {
    id: "E1",
    web_acl_id: "",
    origin: domains.map((d, i) => ({ origin_id: `o${i}`, domain_name: d, custom_header: [] })),
    default_cache_behavior: [{ target_origin_id: "o0", viewer_protocol_policy: "https-only", lambda_function_association: [] }],
    ordered_cache_behavior: [],
  },
});

describe("GIVEN a distribution in a state document", () => {
  test("WHEN its origin is an API's execute-api host THEN it fronts that API, verified", () => {
    const m = model([api("a", "abc123"), api("b", "def456"), distribution("abc123.execute-api.eu-west-1.amazonaws.com")]);
    expect(apiDistributions(m).map((d) => d.apiAddresses)).toEqual([["aws_api_gateway_rest_api.a"]]);
    const a = m.apis.find((x) => x.name === "a")!;
    const b = m.apis.find((x) => x.name === "b")!;
    expect(entrancesOf(m, a).filter((e) => e.kind === "distribution")).toEqual([expect.not.objectContaining({ notVerified: expect.anything() })]);
    expect(entrancesOf(m, b).filter((e) => e.kind === "distribution")).toEqual([]);
  });

  test("WHEN the host names an API of the same id in another region THEN it is not that API: not verified, for every API", () => {
    const m = model([api("a", "abc123", "us-east-1"), distribution("abc123.execute-api.eu-west-1.amazonaws.com")]);
    const d = m.resources.find((r) => r.type === "aws_cloudfront_distribution")!;
    expect(originLink(m, d, { domain_name: "abc123.execute-api.eu-west-1.amazonaws.com" })).toMatchObject({ kind: "unresolved" });
    expect(apiDistributions(m).map((x) => x.apiAddresses)).toEqual([[]]);
    expect(entrancesOf(m, m.apis[0]!).filter((e) => e.kind === "distribution")).toEqual([expect.objectContaining({ notVerified: expect.any(String) })]);
  });

  test("WHEN the host is a custom domain mapped to an API THEN it fronts that API; an unmapped or foreign host is external", () => {
    const m = model([
      api("a", "abc123"),
      {
        type: "aws_api_gateway_domain_name",
        name: "d",
        values: { id: "api.shop.example", domain_name: "api.shop.example", regional_domain_name: "d-xyz.execute-api.eu-west-1.amazonaws.com" },
      },
      { type: "aws_api_gateway_base_path_mapping", name: "m", values: { domain_name: "api.shop.example", api_id: "abc123", base_path: "" } },
      distribution("d-xyz.execute-api.eu-west-1.amazonaws.com", "assets.s3.amazonaws.com"),
    ]);
    const d = m.resources.find((r) => r.type === "aws_cloudfront_distribution")!;
    expect(originLink(m, d, { domain_name: "API.shop.example." })).toMatchObject({ kind: "api" });
    expect(originLink(m, d, { domain_name: "assets.s3.amazonaws.com" })).toEqual({ kind: "external" });
    expect(originLink(m, d, { domain_name: "abcd.lambda-url.eu-west-1.on.aws" })).toEqual({ kind: "external" });
    expect(apiDistributions(m).map((x) => x.apiAddresses)).toEqual([["aws_api_gateway_rest_api.a"]]);
  });

  test("WHEN two custom domains share the host THEN it is ambiguous: not verified, never one API", () => {
    const dn = (name: string): R => ({
      type: "aws_api_gateway_domain_name",
      name,
      values: { id: name, domain_name: `${name}.example`, regional_domain_name: "d-same.execute-api.eu-west-1.amazonaws.com" },
    });
    const m = model([api("a", "abc123"), dn("one"), dn("two"), distribution("d-same.execute-api.eu-west-1.amazonaws.com")]);
    const d = m.resources.find((r) => r.type === "aws_cloudfront_distribution")!;
    expect(originLink(m, d, { domain_name: "d-same.execute-api.eu-west-1.amazonaws.com" })).toMatchObject({
      kind: "unresolved",
      why: expect.stringContaining("2 custom domains"),
    });
    expect(apiDistributions(m).map((x) => x.apiAddresses)).toEqual([[]]);
  });

  test("WHEN the host is a function URL of the stack THEN it is that URL", () => {
    const m = model([
      {
        type: "aws_lambda_function_url",
        name: "u",
        values: { function_name: "f", authorization_type: "NONE", function_url: "https://abcd.lambda-url.eu-west-1.on.aws/" },
      },
      distribution("abcd.lambda-url.eu-west-1.on.aws"),
    ]);
    const d = m.resources.find((r) => r.type === "aws_cloudfront_distribution")!;
    expect(originLink(m, d, { domain_name: "abcd.lambda-url.eu-west-1.on.aws" })).toMatchObject({ kind: "function-url" });
  });
});

describe("GIVEN a stage's web ACL association in a state document", () => {
  const acl = (name: string, arn: string): R => ({
    type: "aws_wafv2_web_acl",
    name,
    values: { id: name, name, arn, scope: "REGIONAL", default_action: [{ block: [{}] }], rule: [] },
  });
  const stageR: R = {
    type: "aws_api_gateway_stage",
    name: "s",
    values: { id: "s", rest_api_id: "abc123", stage_name: "dev", arn: "arn:aws:apigateway:eu-west-1::/restapis/abc123/stages/dev" },
  };
  const assoc: R = { type: "aws_wafv2_web_acl_association", name: "w", values: { resource_arn: stageR.values["arn"], web_acl_arn: "arn:acl/one" } };
  test("WHEN web_acl_arn is one ACL's ARN THEN that ACL; WHEN two ACLs hold it THEN none (fail closed)", () => {
    const one = model([api("a", "abc123"), stageR, assoc, acl("one", "arn:acl/one")]);
    expect(stageAcls(one, one.stages[0]!.wafAssociations, one.stages[0]!.resource).map((a) => a.address)).toEqual(["aws_wafv2_web_acl.one"]);
    const two = model([api("a", "abc123"), stageR, assoc, acl("one", "arn:acl/one"), acl("dup", "arn:acl/one")]);
    expect(stageAcls(two, two.stages[0]!.wafAssociations, two.stages[0]!.resource)).toEqual([]);
  });
});

describe("GIVEN an HTTP API in a state document", () => {
  const httpApi: R = {
    type: "aws_apigatewayv2_api",
    name: "h",
    values: { id: "h1x2y3", name: "shop-http", protocol_type: "HTTP", arn: "arn:aws:apigateway:eu-west-1::/apis/h1x2y3", disable_execute_api_endpoint: false },
  };
  test("WHEN a distribution with a web ACL has its execute-api host as origin THEN http-api-waf sees it fronted (medium), and without the ACL not", () => {
    const withAcl = distribution("h1x2y3.execute-api.eu-west-1.amazonaws.com");
    const fronted = HttpApiWaf.check(
      model([httpApi, { ...withAcl, values: { ...withAcl.values, web_acl_id: "arn:aws:wafv2:us-east-1:1:global/webacl/e/1" } }]),
      EMPTY,
    );
    expect(fronted).toEqual([expect.objectContaining({ severity: "medium", message: expect.stringContaining("has CloudFront + WAF in front") })]);
    const bare = HttpApiWaf.check(model([httpApi, withAcl]), EMPTY);
    expect(bare).toEqual([expect.objectContaining({ message: expect.stringContaining("no CloudFront distribution with one fronts it") })]);
    expect(bare[0]?.severity).toBeUndefined();
  });
});

describe("GIVEN execute-api hosts in other forms", () => {
  test("WHEN the host is of the China partition THEN it names the API; WHEN it is a form not parsed THEN not verified, never external", () => {
    const m = model([api("a", "abc123", "cn-north-1"), distribution("abc123.execute-api.cn-north-1.amazonaws.com.cn")]);
    const d = m.resources.find((r) => r.type === "aws_cloudfront_distribution")!;
    expect(originLink(m, d, { domain_name: "abc123.execute-api.cn-north-1.amazonaws.com.cn" })).toMatchObject({ kind: "api" });
    expect(originLink(m, d, { domain_name: "abc123-vpce-0a1b2c.execute-api.cn-north-1.vpce.amazonaws.com" })).toMatchObject({ kind: "unresolved" });
  });
});

describe("GIVEN a custom domain whose mapping names its API by no value", () => {
  test("WHEN a distribution's origin is that domain THEN which API it reaches is not verified, never external", () => {
    const m = model([
      api("a", "abc123"),
      { type: "aws_api_gateway_domain_name", name: "d", values: { id: "api.shop.example", domain_name: "api.shop.example" } },
      { type: "aws_api_gateway_base_path_mapping", name: "m", values: { domain_name: "api.shop.example", api_id: "", base_path: "" } },
      distribution("api.shop.example"),
    ]);
    const d = m.resources.find((r) => r.type === "aws_cloudfront_distribution")!;
    expect(originLink(m, d, { domain_name: "api.shop.example" })).toMatchObject({ kind: "unresolved" });
    expect(entrancesOf(m, m.apis[0]!).filter((e) => e.kind === "distribution")).toEqual([expect.objectContaining({ notVerified: expect.any(String) })]);
  });
});

describe("GIVEN a distribution with one origin linked to an API by value and another that names no API", () => {
  test("WHEN another API is in the stack THEN the distribution is a door to it too (not verified): a value link never removes a door", () => {
    const m = model([api("a", "abc123"), api("b", "def456"), distribution("abc123.execute-api.eu-west-1.amazonaws.com", UNNAMED_HOST)]);
    const [a, b] = [m.apis.find((x) => x.name === "a")!, m.apis.find((x) => x.name === "b")!];
    expect(entrancesOf(m, a).filter((e) => e.kind === "distribution")).toEqual([expect.not.objectContaining({ notVerified: expect.anything() })]);
    expect(entrancesOf(m, b).filter((e) => e.kind === "distribution")).toEqual([expect.objectContaining({ notVerified: expect.any(String) })]);
    // The linked API stays named (its verifier requirements hold); the unnamed origin puts every stage behind it.
    expect(apiDistributions(m).map((d) => [d.apiAddresses, d.unnamedOrigin])).toEqual([[["aws_api_gateway_rest_api.a"], true]]);
  });

  test("WHEN both origins are linked THEN it is a door to the linked API only, and only its stages are fronted", () => {
    const m = model([api("a", "abc123"), api("b", "def456"), distribution("abc123.execute-api.eu-west-1.amazonaws.com", "assets.s3.amazonaws.com")]);
    const b = m.apis.find((x) => x.name === "b")!;
    expect(entrancesOf(m, b).filter((e) => e.kind === "distribution")).toEqual([]);
    expect(apiDistributions(m).map((d) => [d.apiAddresses, d.unnamedOrigin])).toEqual([[["aws_api_gateway_rest_api.a"], false]]);
  });
});

describe("GIVEN prod's sample synth and a second distribution to its API (by reference) with a spare origin that names no API", () => {
  const blockingKinds = (verifier: boolean): string[] => {
    const base = synth("prod");
    const head = synth("prod");
    sideDistribution(head, verifier, UNNAMED_HOST);
    const report = diffModels(modelFromDocument(base, "base.cdk.tf.json"), modelFromDocument(head, "head.cdk.tf.json"));
    return [...new Set(report.changes.filter((c) => c.severity === "blocking").map((c) => c.kind))].sort();
  };
  test("WHEN it runs no edge verifier THEN the EDGE routes lose their protection (the pair in pairs/edge-links.ts)", () => {
    expect(blockingKinds(false)).toEqual(["auth-api-key-only", "auth-removed", "door-added"]);
  });
  test("WHEN it runs the verifier (twin) THEN only the new door blocks: the unnamed origin does not take EDGE away by itself", () => {
    expect(blockingKinds(true)).toEqual(["door-added"]);
  });
});

describe("GIVEN an API whose region is not known (no ARN)", () => {
  test("WHEN an origin names its id THEN which API it reaches is not verified: never linked by the id alone", () => {
    const a = api("a", "abc123");
    const m = model([{ ...a, values: { ...a.values, arn: undefined } }, distribution("abc123.execute-api.eu-west-1.amazonaws.com")]);
    const d = m.resources.find((r) => r.type === "aws_cloudfront_distribution")!;
    expect(originLink(m, d, { domain_name: "abc123.execute-api.eu-west-1.amazonaws.com" })).toMatchObject({
      kind: "unresolved",
      why: expect.stringContaining("region is not known"),
    });
  });
});

describe("GIVEN a distribution whose behavior targets an origin group", () => {
  const verifier: R = {
    type: "aws_lambda_function",
    name: "verifier",
    values: { function_name: "verifier", qualified_arn: "arn:aws:lambda:us-east-1:1:function:verifier:3" },
  };
  const withGroup = (members: string[]): R => {
    const d = distribution("abc123.execute-api.eu-west-1.amazonaws.com", "assets.s3.amazonaws.com");
    const association = [{ event_type: "viewer-request", lambda_arn: "arn:aws:lambda:us-east-1:1:function:verifier:3", include_body: false }];
    return {
      ...d,
      values: {
        ...d.values,
        origin_group: [{ origin_id: "grp", failover_criteria: [{ status_codes: [500] }], member: members.map((origin_id) => ({ origin_id })) }],
        default_cache_behavior: [{ target_origin_id: "o0", viewer_protocol_policy: "https-only", lambda_function_association: association }],
        ordered_cache_behavior: [{ path_pattern: "/admin*", target_origin_id: "grp", viewer_protocol_policy: "https-only", lambda_function_association: [] }],
      },
    };
  };
  test("WHEN the group fails over to the API origin THEN its behavior must run the verifier too: the EDGE gap names it", () => {
    const m = model([api("a", "abc123"), verifier, withGroup(["o1", "o0"])]);
    expect(edgeProtectionGap(m, m.apis[0]!)).toContain("no viewer-request Lambda@Edge function on cache behavior(s) /admin*");
  });
  test("WHEN another origin reuses the API origin's id THEN a behavior targeting that id is still the API's", () => {
    const d = withGroup(["o1"]);
    const origins = d.values["origin"] as Record<string, unknown>[];
    const twice: R = {
      ...d,
      values: {
        ...d.values,
        origin: [...origins, { ...origins[1], origin_id: "o0" }],
        ordered_cache_behavior: [{ path_pattern: "/admin*", target_origin_id: "o0", viewer_protocol_policy: "https-only", lambda_function_association: [] }],
      },
    };
    const m = model([api("a", "abc123"), verifier, twice]);
    expect(edgeProtectionGap(m, m.apis[0]!)).toContain("no viewer-request Lambda@Edge function on cache behavior(s) /admin*");
  });
  test("WHEN every member of the group is another origin (twin) THEN that behavior is not the API's", () => {
    const m = model([api("a", "abc123"), verifier, withGroup(["o1"])]);
    expect(edgeProtectionGap(m, m.apis[0]!)).not.toContain("/admin*");
  });
});

describe("GIVEN a custom domain whose mapping names it by reference (unknown domain_name)", () => {
  const domainR = (name: string): R => ({ type: "aws_api_gateway_domain_name", name, values: { id: `${name}.example`, domain_name: `${name}.example` } });
  test("WHEN a distribution's origin is that domain's literal host THEN which API it reaches is not verified, never external", () => {
    const mapping: R = { type: "aws_api_gateway_base_path_mapping", name: "m", values: { api_id: "abc123", base_path: "" } };
    const m = model([api("a", "abc123"), domainR("shop"), mapping, distribution("shop.example")]);
    const d = m.resources.find((r) => r.type === "aws_cloudfront_distribution")!;
    expect(originLink(m, d, { domain_name: "shop.example" })).toMatchObject({ kind: "unresolved" });
    expect(entrancesOf(m, m.apis[0]!).filter((e) => e.kind === "distribution")).toEqual([expect.objectContaining({ notVerified: expect.any(String) })]);
  });
});

describe("GIVEN a viewer-request association's lambda_arn in a state document", () => {
  const fn: R = {
    type: "aws_lambda_function",
    name: "verifier",
    values: { function_name: "verifier", qualified_arn: "arn:aws:lambda:us-east-1:1:function:verifier:7" },
  };
  const targets = (arn: string) => {
    const d = distribution("abc123.execute-api.eu-west-1.amazonaws.com");
    const behavior = [
      { target_origin_id: "o0", viewer_protocol_policy: "https-only", lambda_function_association: [{ event_type: "viewer-request", lambda_arn: arn }] },
    ];
    const m = model([api("a", "abc123"), fn, { ...d, values: { ...d.values, default_cache_behavior: behavior } }]);
    const t = viewerRequestTargets(
      m,
      m.resources.find((r) => r.type === "aws_cloudfront_distribution")!,
    );
    return [t.functions.map((f) => f.address), t.unresolved];
  };
  test("WHEN it is the function's current version THEN that function", () => {
    expect(targets("arn:aws:lambda:us-east-1:1:function:verifier:7")).toEqual([["aws_lambda_function.verifier"], 0]);
  });
  test.each([
    ["an older version", "arn:aws:lambda:us-east-1:1:function:verifier:5"],
    ["$LATEST", "arn:aws:lambda:us-east-1:1:function:verifier:$LATEST"],
    ["the unqualified ARN", "arn:aws:lambda:us-east-1:1:function:verifier"],
    ["the version ARN in capitals", "ARN:AWS:LAMBDA:US-EAST-1:1:FUNCTION:VERIFIER:7"],
  ])("WHEN it is %s THEN no function: not verified, never the verifier", (_n, arn) => {
    expect(targets(arn)).toEqual([[], 1]);
  });
});

describe("GIVEN a REST API and a distribution whose one origin is an HTTP API's execute-api host, without a verifier", () => {
  test("WHEN the REST API's edge protection is judged THEN that distribution is not required of it: it names another API", () => {
    const httpApi: R = {
      type: "aws_apigatewayv2_api",
      name: "h",
      values: { id: "h1x2y3", name: "shop-http", protocol_type: "HTTP", arn: "arn:aws:apigateway:eu-west-1::/apis/h1x2y3" },
    };
    const m = model([api("a", "abc123"), httpApi, distribution("h1x2y3.execute-api.eu-west-1.amazonaws.com")]);
    expect(apiDistributions(m).map((d) => [d.apiAddresses, d.unnamedOrigin])).toEqual([[[], false]]);
    expect(
      edgeProtectionGap(
        m,
        m.apis.find((x) => x.name === "a")!,
      ),
    ).not.toContain("aws_cloudfront_distribution.edge");
  });
});
