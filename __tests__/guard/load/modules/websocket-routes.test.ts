// WebSocket APIs completely, on real plans (fixtures/websocket and fixtures/websocket-public, made by terraform from
// their main.tf): every route key is a route, routes other than $connect carry the connection's authorization, an API
// without $connect accepts every connection (an implicit $connect NONE), rule websocket-connect-authenticated, the
// policy's words, coverage, the draft and the review.
import { join } from "node:path";
import { coverageOf } from "../../../../guard/coverage";
import { runRules } from "../../../../guard/engine";
import { draftPolicies } from "../../../../guard/draft-policies";
import { loadModel } from "../../../../guard/load";
import type { Model } from "../../../../guard/model";
import { parsePolicyDocument } from "../../../../guard/policy/parse";
import type { PolicySet } from "../../../../guard/policy/types";
import { diffModels } from "../../../../guard/review/diff";
import { parse as parseYaml } from "yaml";

const FIX = join(__dirname, "fixtures");
const WEBSOCKET = join(FIX, "websocket", "plan.json");
const PUBLIC = join(FIX, "websocket-public", "plan.json");
const NO_POLICY: PolicySet = { policies: [] };
const RULE = "websocket-connect-authenticated";

const routesOf = (model: Model, api: string) =>
  model.routes
    .filter((r) => r.apiName === api)
    .map((r) => [r.routeKey, r.authorization, r.authorizer?.name ?? null, r.implicit === true])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
const policySet = (...docs: Record<string, unknown>[]): PolicySet => ({
  policies: docs.map((d, i) => {
    const { policy, problems } = parsePolicyDocument(d, `p${i}.yaml`);
    expect(problems).toEqual([]);
    return policy as NonNullable<typeof policy>;
  }),
});
const findingsOf = (model: Model, policies: PolicySet, rule: string) =>
  runRules(model, policies)
    .findings.filter((f) => f.rule === rule)
    .map((f) => [f.api, f.route, f.severity]);

describe("GIVEN a WebSocket API with only a $default route (chat-open) and one authorizing $connect (chat-authorized)", () => {
  const model = loadModel(WEBSOCKET);

  test("THEN every route key is a route, and chat-open has an implicit $connect NONE: every connection is accepted", () => {
    expect(routesOf(model, "chat-open")).toEqual([
      ["$connect", "NONE", null, true],
      ["$default", "NONE", null, false],
    ]);
  });

  test("THEN $disconnect, $default and the custom key carry $connect's CUSTOM authorizer", () => {
    expect(routesOf(model, "chat-authorized")).toEqual([
      ["$connect", "CUSTOM", "chat-authorized-connect", false],
      ["$default", "CUSTOM", "chat-authorized-connect", false],
      ["$disconnect", "CUSTOM", "chat-authorized-connect", false],
      ["sendmessage", "CUSTOM", "chat-authorized-connect", false],
    ]);
    const send = model.routes.find((r) => r.routeKey === "sendmessage");
    expect(send?.connection?.address).toBe("aws_apigatewayv2_route.connect");
  });

  test("THEN the connection rule fires for chat-open only, and no-open-method names both of its routes", () => {
    expect(findingsOf(model, NO_POLICY, RULE)).toEqual([["chat-open", "$connect", "high"]]);
    expect(findingsOf(model, NO_POLICY, "no-open-method")).toEqual([
      ["chat-open", "$connect", "critical"],
      ["chat-open", "$default", "critical"],
    ]);
    const message = runRules(model, NO_POLICY).findings.find((f) => f.rule === RULE)?.message;
    expect(message).toBe(
      'WebSocket API "chat-open" has no $connect route: API Gateway accepts every connection, so every client connects unauthenticated and can send to $default; no policy names $connect as public with a reason',
    );
  });

  test("WHEN no policy is given THEN coverage counts the six routes (it said 0 of 0)", () => {
    const c = coverageOf(model, NO_POLICY);
    expect(c.routes.total).toBe(6);
    expect(c.apis.map((a) => [a.api, a.routes])).toEqual([
      ["chat-authorized", 4],
      ["chat-open", 2],
    ]);
  });

  test("WHEN a policy names chat-open's $connect and $default public with reasons THEN nothing of chat-open is reported, and both are covered", () => {
    const policies = policySet({
      api: "chat-open",
      routes: {
        $connect: { type: "NONE", reason: "anonymous chat lobby, rate limited at the stage" },
        $default: { type: "NONE", reason: "anonymous chat lobby, rate limited at the stage" },
      },
    });
    expect(runRules(model, policies).findings.filter((f) => f.api === "chat-open")).toEqual([]);
    expect(coverageOf(model, policies).apis.find((a) => a.api === "chat-open")?.covered).toBe(2);
  });

  test("WHEN the drafted policies are used as written (reasons filled in) THEN method-matches-policy has nothing to say", () => {
    const drafts = draftPolicies(model, WEBSOCKET).drafts;
    const open = drafts.find((d) => d.api === "chat-open");
    expect(open?.routes).toEqual(["$connect", "$default"]);
    expect(open?.text).toContain("# no $connect route: API Gateway accepts every connection (add one with an authorizer, or say why not)");
    const authorized = drafts.find((d) => d.api === "chat-authorized");
    expect(authorized?.routes).toEqual(["$connect", "$default", "$disconnect", "sendmessage"]);
    expect(authorized?.text).toContain("# runs on the connection: its authorization is $connect's (an authorizer attaches to $connect only)");
    const filled = drafts.map((d) => parseYaml(d.text.replace(/reason: TODO/g, "reason: anonymous chat lobby on purpose")) as Record<string, unknown>);
    expect(findingsOf(model, policySet(...filled), "method-matches-policy")).toEqual([]);
  });
});

describe("GIVEN WebSocket APIs whose connections are not authenticated (fixtures/websocket-public)", () => {
  const model = loadModel(PUBLIC);

  test("THEN the rule fires for the API without $connect and the one with $connect NONE, not for AWS_IAM on $connect", () => {
    expect(findingsOf(model, NO_POLICY, RULE)).toEqual([
      ["chat-authorized", "$connect", "high"],
      ["ticker-public", "$connect", "high"],
    ]);
  });

  test("THEN ticker-iam's $default carries AWS_IAM from $connect: no open route there", () => {
    expect(routesOf(model, "ticker-iam")).toEqual([
      ["$connect", "AWS_IAM", null, false],
      ["$default", "AWS_IAM", null, false],
    ]);
    expect(runRules(model, NO_POLICY).findings.filter((f) => f.api === "ticker-iam" && f.rule === "no-open-method")).toEqual([]);
  });

  test("WHEN the policy names ticker-public's $connect NONE with a reason THEN the rule is quiet there", () => {
    const policies = policySet({
      api: "ticker-public",
      routes: {
        $connect: { type: "NONE", reason: "public market ticker, read-only feed" },
        subscribe: { type: "NONE", reason: "public market ticker, read-only feed" },
      },
    });
    expect(findingsOf(model, policies, RULE)).toEqual([["chat-authorized", "$connect", "high"]]);
    expect(runRules(model, policies).findings.filter((f) => f.api === "ticker-public")).toEqual([]);
  });

  test("WHEN the policy names $connect but another type THEN the rule still fires (only NONE or API_KEY with a reason is intended)", () => {
    const policies = policySet({ api: "ticker-public", routes: { $connect: { type: "AWS_IAM" }, subscribe: { type: "AWS_IAM" } } });
    expect(findingsOf(model, policies, RULE)).toContainEqual(["ticker-public", "$connect", "high"]);
    expect(findingsOf(model, policies, "method-matches-policy")).toContainEqual(["ticker-public", "$connect", "critical"]);
  });

  test("WHEN $connect and its authorizer are removed (websocket → websocket-public) THEN the review blocks every route of the API", () => {
    const report = diffModels(loadModel(WEBSOCKET), model);
    const removed = report.changes.filter((c) => c.kind === "auth-removed").map((c) => c.subject);
    expect(removed.sort()).toEqual(["chat-authorized $connect", "chat-authorized $default", "chat-authorized $disconnect", "chat-authorized sendmessage"]);
    expect(report.changes.filter((c) => c.kind === "new-public-route").map((c) => c.subject)).toEqual(["ticker-public $connect", "ticker-public subscribe"]);
  });
});
