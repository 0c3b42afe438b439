import { modelFromDocument } from "../../../guard/load";
import { compareRoute, diffFacts, diffModels } from "../../../guard/review/diff";
import type { Grant, ModelFacts } from "../../../guard/review/facts";
import type { RouteAuth } from "../../../guard/review/types";
import { PAIRS, pairDocs } from "./fixtures/pairs";

function review(name: string, opts: Parameters<typeof diffModels>[2] = {}) {
  const { base, head } = pairDocs(name);
  return diffModels(modelFromDocument(base, "base.cdk.tf.json"), modelFromDocument(head, "head.cdk.tf.json"), opts);
}

const kinds = (r: ReturnType<typeof review>, severity: string) => [...new Set(r.changes.filter((c) => c.severity === severity).map((c) => c.kind))].sort();

describe("diffModels on the fixture pairs", () => {
  it.each(Object.keys(PAIRS))("GIVEN pair %s WHEN reviewed THEN exactly the expected blocking kinds are reported", (name) => {
    const r = review(name);
    expect(kinds(r, "blocking")).toEqual([...PAIRS[name].blocking].sort());
    expect(r.unacknowledgedBlocking).toBe(r.blocking);
  });

  it("GIVEN COGNITO → NONE WHEN reviewed THEN the route shows both authorizations", () => {
    const route = review("cognito-to-none").routes.find((x) => x.route === "GET /pets");
    expect(route?.status).toBe("downgraded");
    expect(route?.before?.summary).toBe("COGNITO (scopes: petstore/read)");
    expect(route?.after?.summary).toBe("NONE (public)");
    expect(route?.changes[0].message).toContain("COGNITO (scopes: petstore/read) → NONE");
  });

  it("GIVEN a rename-only refactor WHEN reviewed THEN no route changes, only resources move", () => {
    const r = review("rename-only");
    expect(r.changes).toEqual([]);
    expect(r.routes.every((x) => x.status === "unchanged")).toBe(true);
    expect(r.plan.basis).toBe("derived");
    expect(r.plan.creates.length).toBeGreaterThan(50);
    expect(r.plan.deletes.length).toBe(r.plan.creates.length);
  });

  it("GIVEN an upgrade WHEN reviewed THEN it is reported as an upgrade and nothing blocks", () => {
    const r = review("upgrade");
    expect(r.blocking).toBe(0);
    expect(r.changes.map((c) => [c.severity, c.subject])).toContainEqual(["upgrade", "petstore-dev GET /catalog"]);
  });

  it("GIVEN a new public route WHEN the intended policy allows it THEN it is info, not blocking", () => {
    const r = review("new-public-route", { publicRouteAllowed: (api, route, type) => api === "petstore-dev" && route === "GET /status" && type === "NONE" });
    expect(r.blocking).toBe(0);
    // The deployment's triggers gained the new method: shown, judged by the stage-serving comparer (no widening).
    expect(r.changes.map((c) => c.kind)).toEqual(["new-public-route-allowed", "attribute-judged"]);
  });

  it("GIVEN a blocking downgrade WHEN acknowledged by its digest THEN it is still listed, marked acknowledged, and nothing is unacknowledged", () => {
    const digest = review("cognito-to-none").digest;
    expect(digest).toMatch(/^[0-9a-f]{16}$/);
    const r = review("cognito-to-none", { acknowledge: [digest] });
    expect(r.blocking).toBe(1);
    expect(r.unacknowledgedBlocking).toBe(0);
    expect(r.staleAcknowledgements).toEqual([]);
    expect(r.changes[0]).toMatchObject({ severity: "blocking", acknowledged: true });
  });

  it("GIVEN an acknowledgement of one downgrade WHEN a later push adds another THEN the acknowledgement no longer applies", () => {
    const first = review("cognito-to-none").digest;
    // The same head plus a second downgrade: another set of blocking changes, another digest.
    const { base, head } = pairDocs("cognito-to-none");
    PAIRS["api-key-removed"].mutate(head);
    const r = diffModels(modelFromDocument(base, "base.cdk.tf.json"), modelFromDocument(head, "head.cdk.tf.json"), { acknowledge: [first] });
    expect(r.digest).not.toBe(first);
    expect(r.acknowledged).toBe(false);
    expect(r.unacknowledgedBlocking).toBe(r.blocking);
    expect(r.staleAcknowledgements).toEqual([first]);
    expect(r.changes.filter((c) => c.severity === "blocking").every((c) => c.acknowledged === false)).toBe(true);
  });

  it("GIVEN the same blocking changes WHEN reviewed twice THEN the digest is the same, and empty when nothing blocks", () => {
    expect(review("cognito-to-none").digest).toBe(review("cognito-to-none").digest);
    expect(review("upgrade").digest).toBe("");
    expect(review("upgrade", { acknowledge: ["0123456789abcdef"] }).acknowledged).toBe(false);
  });

  it("GIVEN changed files WHEN reviewed THEN the paths that belong to the gate are listed", () => {
    const r = review("upgrade", {
      changedFiles: ["cli/review.ts", "policies/petstore.yaml", "README.md", "access-spec/samples/petstore.ts", ".github/workflows/x.yml", "docs/review.md"],
    });
    expect(r.gateChanges).toEqual(["cli/review.ts", "policies/petstore.yaml", "access-spec/samples/petstore.ts", ".github/workflows/x.yml"]);
    expect(review("upgrade").gateChanges).toBeUndefined();
  });

  it("GIVEN origin protection removed in prod WHEN reviewed THEN edge-only routes become public", () => {
    const r = review("origin-protection-removed");
    const health = r.routes.find((x) => x.route === "GET /health");
    expect(health?.before?.type).toBe("EDGE");
    expect(health?.after?.type).toBe("NONE");
    // Routes with their own gateway authorizer are unaffected.
    expect(r.routes.find((x) => x.route === "GET /pets")?.status).toBe("unchanged");
  });

  it("GIVEN the IAM grant widened WHEN reviewed THEN the principal and the new pattern are named", () => {
    const c = review("iam-grant-widened").changes.find((x) => x.kind === "invoke-grant-widened");
    expect(c?.subject).toBe("role petstore-dev-group-admins");
    expect(c?.message).toContain("execute-api:petstore-dev/dev/*/*");
  });
});

describe("compareRoute", () => {
  const auth = (over: Partial<RouteAuth>): RouteAuth => ({
    api: "a",
    route: "GET /x",
    address: "aws_api_gateway_method.x",
    type: "COGNITO",
    summary: "s",
    scopes: [],
    apiKeyRequired: false,
    invokers: [],
    authorizer: { name: "c", type: "COGNITO_USER_POOLS", identitySource: "h", userPools: ["p"] },
    ...over,
  });
  const kindsOf = (b: Partial<RouteAuth>, a: Partial<RouteAuth>) => compareRoute(auth(b), auth(a)).map((c) => `${c.severity}:${c.kind}`);

  it("GIVEN a scope added to the any-of list WHEN compared THEN it blocks: more tokens pass", () => {
    expect(kindsOf({ scopes: ["p/read"] }, { scopes: ["p/read", "p/admin"] })).toEqual(["blocking:scope-widened"]);
  });
  it("GIVEN one of two scopes removed WHEN compared THEN it is an upgrade: fewer tokens pass", () => {
    expect(kindsOf({ scopes: ["p/read", "p/admin"] }, { scopes: ["p/read"] })).toEqual(["upgrade:scope-narrowed"]);
  });
  it("GIVEN COGNITO → API key only WHEN compared THEN it blocks", () => {
    expect(kindsOf({}, { type: "API_KEY", apiKeyRequired: true })).toEqual(["blocking:auth-api-key-only"]);
  });
  it("GIVEN COGNITO → CUSTOM WHEN compared THEN the weaker authorizer blocks", () => {
    expect(kindsOf({}, { type: "CUSTOM" })).toEqual(["blocking:authorizer-weaker"]);
  });
  it("GIVEN COGNITO ↔ AWS_IAM WHEN compared THEN the swap blocks (not comparable)", () => {
    expect(kindsOf({}, { type: "AWS_IAM" })).toEqual(["blocking:authorizer-swapped"]);
  });
  it("GIVEN a Lambda authorizer's function swapped WHEN compared THEN it blocks", () => {
    const lambda = (fn: string): Partial<RouteAuth> => ({
      type: "CUSTOM",
      authorizer: { name: "j", type: "TOKEN", identitySource: "h", function: fn, userPools: [] },
    });
    expect(kindsOf(lambda("authz-v1"), lambda("authz-v2"))).toEqual(["blocking:authorizer-swapped"]);
  });
  it("GIVEN a head authorization known only after apply WHEN compared THEN it blocks (fail closed)", () => {
    expect(kindsOf({}, { type: "UNKNOWN", unknownReason: "authorization is (known after apply)" })).toEqual(["blocking:auth-unknown"]);
  });
  it("GIVEN a new invoker on an AWS_IAM route WHEN compared THEN it blocks", () => {
    expect(kindsOf({ type: "AWS_IAM", invokers: ["role a"] }, { type: "AWS_IAM", invokers: ["role a", "role b"] })).toEqual(["blocking:invoker-added"]);
  });
  it("GIVEN NONE → COGNITO WHEN compared THEN it is an upgrade", () => {
    expect(kindsOf({ type: "NONE" }, {})).toEqual(["upgrade:auth-strengthened"]);
  });
  it("GIVEN the API key dropped from an authenticated route WHEN compared THEN it blocks", () => {
    expect(kindsOf({ apiKeyRequired: true }, { apiKeyRequired: false })).toEqual(["blocking:api-key-removed"]);
  });
});

describe("diffFacts on invoke grants", () => {
  const facts = (grants: Grant[]): ModelFacts => ({ routes: [], stages: [], grants, trusts: [], pools: [], clients: [] });
  const grant = (principal: string, patterns: string[], unverifiable: string[] = []): Grant => ({
    principal,
    patterns,
    unverifiable,
    addresses: [`aws_iam_role_policy.${principal}`],
  });
  const kinds = (b: Grant[], a: Grant[]) => diffFacts(facts(b), facts(a)).changes.map((c) => `${c.severity}:${c.kind}`);

  it("GIVEN a narrower pattern covered by the old one WHEN compared THEN nothing is reported", () => {
    expect(kinds([grant("r", ["execute-api:api/dev/GET/*"])], [grant("r", ["execute-api:api/dev/GET/pets"])])).toEqual([]);
  });
  it("GIVEN a new principal with a grant WHEN compared THEN it blocks", () => {
    expect(kinds([], [grant("r", ["execute-api:api/dev/GET/pets"])])).toEqual(["blocking:invoke-grant-widened"]);
  });
  it("GIVEN a grant removed WHEN compared THEN it is an upgrade", () => {
    expect(kinds([grant("r", ["execute-api:api/*"])], [])).toEqual(["upgrade:invoke-grant-removed"]);
  });
  it("GIVEN an after-apply policy on an invoker role WHEN compared THEN it blocks; on another role it is info", () => {
    expect(kinds([grant("inv", ["execute-api:api/*"])], [grant("inv", ["execute-api:api/*"], ["aws_x.y.arn"])])).toEqual([
      "blocking:invoke-grant-unverifiable",
    ]);
    expect(kinds([], [grant("logs", [], ["aws_x.y.arn"])])).toEqual(["info:policy-unverifiable"]);
  });
});
