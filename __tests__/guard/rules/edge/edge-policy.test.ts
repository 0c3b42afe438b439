// Intended type EDGE in the policy: a NONE method is accepted by method-matches-policy and no-open-method only
// while every stage of its API admits CloudFront alone and a viewer-request verifier fronts the distribution.
// Fixtures are the sample prod stack, synthesized in the test, with GET /pets made NONE and broken one way each.
import { Testing } from "cdktf";
import { modelFromDocument } from "../../../../guard/load";
import type { EdgeConfigTable, EdgeRouteRequirement, Model } from "../../../../guard/model";
import { parsePolicyDocument } from "../../../../guard/policy/parse";
import type { PolicySet } from "../../../../guard/policy/types";
import { MethodMatchesPolicy } from "../../../../guard/rules/access/method-matches-policy";
import { NoOpenMethod } from "../../../../guard/rules/access/no-open-method";
import { edgeProtectionGap, edgeVerifiers } from "../../../../guard/access/origin";
import type { Rule } from "../../../../guard/rules/types";
import { petstoreProd } from "../../../../access-spec/samples/petstore";
import { AccessStack } from "../../../../stacks/access-stack";

type Json = Record<string, any>;

const ROUTE = "GET /pets";
const prodJson: Json = JSON.parse(Testing.synth(new AccessStack(Testing.app(), "petstore-prod", { spec: petstoreProd })));

/** The cdk.tf.json key of the GET /pets method (found through the model, which rebuilds paths). */
const methodKey = (() => {
  const r = modelFromDocument(prodJson).routes.find((x) => x.routeKey === ROUTE);
  if (r === undefined) throw new Error(`fixture: no ${ROUTE} in the prod stack`);
  return r.address.replace(/^aws_api_gateway_method\./, "");
})();

/** A copy of prod where GET /pets is NONE at the gateway (as an EDGE route synthesizes), then `edit` applied. */
function fixture(edit: (doc: Json) => void = () => undefined): Json {
  const doc = structuredClone(prodJson);
  const m = doc.resource.aws_api_gateway_method[methodKey];
  m.authorization = "NONE";
  m.api_key_required = false;
  delete m.authorizer_id;
  delete m.authorization_scopes;
  edit(doc);
  return doc;
}

function policy(route: Record<string, unknown>): PolicySet {
  const { policy: p, problems } = parsePolicyDocument({ api: "petstore-prod", routes: { [ROUTE]: route } }, "edge.yaml");
  if (p === undefined) throw new Error(JSON.stringify(problems));
  return { policies: [p] };
}
const EDGE = policy({ type: "EDGE", scopes: ["petstore/read"] });

/** Findings of `rule` about GET /pets only (the one-route policy makes the rule fire on every other method too). */
const about = (rule: Rule, doc: Json, set: PolicySet = EDGE) => rule.check(modelFromDocument(doc), set).filter((f) => f.route === ROUTE);

const only = (doc: Json, type: string, pred: (r: Json) => boolean): Json => {
  const found = Object.values((doc.resource[type] ?? {}) as Record<string, Json>).filter(pred);
  if (found.length !== 1) throw new Error(`fixture: expected one ${type}, found ${found.length}`);
  return found[0];
};
const regionalAcl = (doc: Json) => only(doc, "aws_wafv2_web_acl", (a) => a.scope === "REGIONAL");
const distribution = (doc: Json) => only(doc, "aws_cloudfront_distribution", () => true);

const BREAKAGES: readonly (readonly [string, (doc: Json) => void, string])[] = [
  ["the stage ACL allowing by default", (d) => void (regionalAcl(d).default_action = { allow: {} }), "default action is not BLOCK"],
  [
    "the origin-verify allow rule removed",
    (d) => {
      const acl = regionalAcl(d);
      acl.rule = (acl.rule as Json[]).filter((r) => r.name !== "allow-origin-verify");
    },
    "no ALLOW rule matching the x-origin-verify header",
  ],
  ["the stage's WAF association removed", (d) => void delete d.resource.aws_wafv2_web_acl_association, "no regional web ACL is associated"],
  [
    "the edge function association removed",
    (d) => void delete distribution(d).default_cache_behavior.lambda_function_association,
    "no viewer-request Lambda@Edge function on cache behavior(s) default",
  ],
  [
    "the edge function moved to origin-request",
    (d) => void (distribution(d).default_cache_behavior.lambda_function_association[0].event_type = "origin-request"),
    "no viewer-request Lambda@Edge function",
  ],
  ["no CloudFront distribution at all", (d) => void delete d.resource.aws_cloudfront_distribution, "no CloudFront distribution has this API as origin"],
];

/** The fixture's model with the edge verifier's baked config attached, as the loader does from a package on disk. */
function withEdgeConfig(doc: Json, table: EdgeConfigTable): Model {
  const model = modelFromDocument(doc);
  const [fn] = edgeVerifiers(model, model.apis[0]).functions;
  if (fn === undefined) throw new Error("fixture: no edge verifier function resolved");
  return { ...model, edgeConfigs: [{ functionAddress: fn.address, source: fn.source, table }] };
}
const baked = (entry: Partial<EdgeRouteRequirement>): EdgeConfigTable => ({
  file: "verifier.zip",
  routes: [{ method: "GET", path: "/pets", mode: "edge", scopes: ["petstore/read"], clients: null, ...entry }],
});
const failingAbout = (model: Model) => MethodMatchesPolicy.check(model, EDGE).filter((f) => f.route === ROUTE && f.severity !== "info");

describe("policy type EDGE: compliance", () => {
  test("GIVEN an EDGE route that is NONE at the gateway behind origin protection and the edge verifier THEN both rules are quiet for it", () => {
    const doc = fixture();
    expect(failingAbout(withEdgeConfig(doc, baked({})))).toEqual([]);
    expect(about(NoOpenMethod, doc)).toEqual([]);
    const model = modelFromDocument(doc);
    expect(edgeProtectionGap(model, model.apis[0])).toBeUndefined();
  });

  test("GIVEN the verifier's package is not on disk (a document in memory) THEN the edge scopes are reported as not verified (info), nothing more", () => {
    expect(about(MethodMatchesPolicy, fixture())).toEqual([
      expect.objectContaining({ severity: "info", message: expect.stringContaining("edge-config.json, not available") }),
    ]);
  });

  test("GIVEN the verifier resolves from the distribution THEN it is the edge function of the stack", () => {
    const model = modelFromDocument(fixture());
    const { functions, unresolved } = edgeVerifiers(model, model.apis[0]);
    expect(unresolved).toBe(0);
    expect(functions.map((f) => f.address)).toEqual([expect.stringContaining("edge-verifier")]);
  });
});

describe("policy type EDGE: what the edge verifier enforces (its baked edge-config.json)", () => {
  test.each([
    ["other scopes", baked({ scopes: ["petstore/write"] }), 'the edge verifier requires scopes ["petstore/write"], policy says ["petstore/read"]'],
    ["no scope (prefix scopes would apply)", baked({ scopes: [] }), 'requires scopes [], policy says ["petstore/read"]'],
    ["the route passed on to the gateway", baked({ mode: "gateway" }), 'passes this route on to the gateway (mode "gateway")'],
    ["no entry for the route", baked({ path: "/other" }), "has no entry for this route"],
    ["an unreadable config", { file: "verifier.zip", problem: "edge-config.json is not JSON" }, "cannot be read (edge-config.json is not JSON)"],
  ] as const)("GIVEN %s THEN method-matches-policy fires", (_n, table, says) => {
    expect(failingAbout(withEdgeConfig(fixture(), table))).toEqual([expect.objectContaining({ message: expect.stringContaining(says) })]);
  });
});

describe("policy type EDGE: noncompliance", () => {
  test.each(BREAKAGES)("GIVEN %s WHEN method-matches-policy runs THEN it fires saying what is missing", (_n, edit, says) => {
    expect(about(MethodMatchesPolicy, fixture(edit))).toEqual([
      expect.objectContaining({ message: expect.stringMatching(new RegExp(`policy says EDGE .*${says.replace(/[()]/g, "\\$&")}`)) }),
    ]);
  });

  test.each(BREAKAGES)("GIVEN %s WHEN no-open-method runs THEN it fires", (_n, edit, says) => {
    expect(about(NoOpenMethod, fixture(edit))).toEqual([expect.objectContaining({ message: expect.stringContaining(says) })]);
  });

  test("GIVEN a policy saying EDGE and a method with gateway auth (Cognito) THEN it is a type mismatch", () => {
    const cognito = Object.values(prodJson.resource.aws_api_gateway_method as Record<string, Json>).find((m) => m.authorization === "COGNITO_USER_POOLS");
    const doc = fixture((d) => {
      Object.assign(d.resource.aws_api_gateway_method[methodKey], { authorization: "COGNITO_USER_POOLS", authorizer_id: cognito?.authorizer_id });
    });
    const messages = about(MethodMatchesPolicy, doc).map((f) => f.message);
    expect(messages).toContainEqual(expect.stringContaining('authorization is "COGNITO_USER_POOLS", policy says NONE (EDGE)'));
  });

  test("GIVEN a policy saying EDGE and a method requiring an API key THEN it is a mismatch", () => {
    const doc = fixture((d) => void (d.resource.aws_api_gateway_method[methodKey].api_key_required = true));
    expect(about(MethodMatchesPolicy, doc).map((f) => f.message)).toEqual([expect.stringContaining("api_key_required is true, policy says false")]);
  });

  test("GIVEN a policy saying NONE without EDGE for the same fixture THEN no-open-method is quiet only because of the reason (EDGE needs no reason)", () => {
    const none = policy({ type: "NONE", reason: "Public listing; nothing private behind it." });
    expect(
      about(
        NoOpenMethod,
        fixture((d) => void delete d.resource.aws_cloudfront_distribution),
        none,
      ),
    ).toEqual([]);
  });
});

describe("policy type EDGE: parsing", () => {
  test("GIVEN EDGE with scopes and no reason THEN it parses", () => {
    const { policy: p, problems } = parsePolicyDocument({ api: "x", routes: { [ROUTE]: { type: "EDGE", scopes: ["petstore/read"] } } }, "p.yaml");
    expect(problems).toEqual([]);
    expect(p?.routes[ROUTE]).toEqual({ type: "EDGE", scopes: ["petstore/read"], groups: [], roles: [], apiKey: false });
  });

  test.each([
    ["groups", { type: "EDGE", groups: ["admins"] }, `routes["${ROUTE}"].groups`, ["admins"]],
    ["an API key", { type: "EDGE", apiKey: true }, `routes["${ROUTE}"].apiKey`, true],
    ["an authorizer", { type: "EDGE", authorizer: "x" }, `routes["${ROUTE}"].authorizer`, "x"],
  ])("GIVEN EDGE with %s THEN a problem names the path and value", (_n, route, path, value) => {
    const { policy: p, problems } = parsePolicyDocument({ api: "x", routes: { [ROUTE]: route } }, "p.yaml");
    expect(p).toBeUndefined();
    expect(problems).toContainEqual(expect.objectContaining({ file: "p.yaml", path, value }));
  });
});

describe("policy type EDGE: clients and prefix scopes, resolved as the verifier does", () => {
  const withClients = (clients: readonly string[]) => policy({ type: "EDGE", scopes: ["petstore/read"], clients });
  const failing = (model: Model, set: PolicySet) => MethodMatchesPolicy.check(model, set).filter((f) => f.route === ROUTE && f.severity !== "info");

  test("GIVEN policy clients equal to the route's clients THEN quiet (Compliance)", () => {
    expect(failing(withEdgeConfig(fixture(), baked({ clients: ["web", "partner"] })), withClients(["partner", "web"]))).toEqual([]);
  });

  test("GIVEN the route inherits the config-wide clients THEN those are compared (Compliance)", () => {
    const table: EdgeConfigTable = { ...baked({ clients: null }), clients: ["web"] };
    expect(failing(withEdgeConfig(fixture(), table), withClients(["web"]))).toEqual([]);
  });

  test.each([
    ["an extra client", baked({ clients: ["web", "partner"] }), 'accepts clients ["partner","web"], policy says ["web"]'],
    ["every configured client (null everywhere)", baked({ clients: null }), 'accepts every configured client, policy says ["web"]'],
  ] as const)("GIVEN the verifier accepts %s THEN method-matches-policy fires (Noncompliance)", (_n, table, says) => {
    expect(failing(withEdgeConfig(fixture(), table), withClients(["web"]))).toEqual([expect.objectContaining({ message: expect.stringContaining(says) })]);
  });

  test("GIVEN no clients in the policy THEN the verifier's clients are not compared", () => {
    expect(failing(withEdgeConfig(fixture(), baked({ clients: ["anyone"] })), EDGE)).toEqual([]);
  });

  test("GIVEN a route with no scopes of its own under a prefix requiring petstore/read THEN the prefix scopes are what is compared", () => {
    const table: EdgeConfigTable = {
      ...baked({ scopes: [] }),
      prefixes: [
        { prefix: "/", scopes: ["x/y"] },
        { prefix: "/pets", scopes: ["petstore/read"] },
      ],
    };
    expect(failing(withEdgeConfig(fixture(), table), EDGE)).toEqual([]);
  });

  test.each([
    ["a non-EDGE route", { type: "COGNITO", authorizer: "a", clients: ["web"] }, ["web"]],
    ["an empty list", { type: "EDGE", clients: [] }, []],
    ["a non-list", { type: "EDGE", clients: "web" }, "web"],
  ])("GIVEN clients on %s THEN a problem names the path and value", (_n, route, value) => {
    const { policy: p, problems } = parsePolicyDocument({ api: "x", routes: { [ROUTE]: route } }, "p.yaml");
    expect(p).toBeUndefined();
    expect(problems).toContainEqual(expect.objectContaining({ file: "p.yaml", path: `routes["${ROUTE}"].clients`, value }));
  });

  test("GIVEN EDGE with clients THEN they parse", () => {
    const { policy: p } = parsePolicyDocument({ api: "x", routes: { [ROUTE]: { type: "EDGE", clients: ["web"] } } }, "p.yaml");
    expect(p?.routes[ROUTE]).toEqual(expect.objectContaining({ type: "EDGE", clients: ["web"] }));
  });
});
