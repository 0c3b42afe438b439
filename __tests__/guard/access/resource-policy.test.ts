// Who can call an open (NONE) REST method past its endpoint type and resource policy, on a real plan
// (guard/load/modules/fixtures/private-api, made by terraform from its main.tf): PRIVATE APIs, VPC endpoint, VPC,
// address-range and organisation conditions, the AWS "allow, deny unless from the VPC" pattern, a policy known only
// after apply. The check, the draft and the first run say it; unread conditions never narrow.
import { join } from "node:path";
import { callersOf, callersText, type Callers } from "../../../guard/access/resource-policy";
import { allowedCallers, callersLeftByDeny } from "../../../guard/access/iam-statements";
import { runRules } from "../../../guard/engine";
import { draftPolicies } from "../../../guard/draft-policies";
import { loadModel } from "../../../guard/load";
import type { Model, PolicyCondition, PolicyStatement } from "../../../guard/model";
import { diffModels } from "../../../guard/review/diff";
import { noPolicyNote } from "../../../cli/private/no-policy";

const PLAN = join(__dirname, "..", "load", "modules", "fixtures", "private-api", "plan.json");
const model = loadModel(PLAN);
const callers = (api: string): Callers => {
  const r = model.routes.find((x) => x.apiName === api);
  if (r === undefined) throw new Error(`no route of ${api}`);
  return callersOf(model, r);
};

describe("GIVEN open methods of REST APIs with different endpoints and resource policies", () => {
  test.each<[string, Callers]>([
    ["public-edge", { kind: "anyone" }],
    ["internal-nopolicy", { kind: "nobody", why: "a PRIVATE API without a resource policy: API Gateway refuses every call" }],
    [
      "internal-vpce",
      { kind: "restricted", classes: ["callers through VPC endpoint vpce-0a1b2c3d4e5f60718"], via: "resource policy aws_api_gateway_rest_api_policy.vpce" },
    ],
    ["internal-vpc", { kind: "restricted", classes: ["callers from VPC vpc-0123456789abcdef0"], via: "resource policy aws_api_gateway_rest_api.vpc" }],
    [
      "internal-any-vpce",
      { kind: "restricted", classes: ["callers through any VPC endpoint, of any AWS account"], via: "resource policy aws_api_gateway_rest_api.anyvpce" },
    ],
    [
      "partner-feed",
      {
        kind: "restricted",
        classes: ["callers from 203.0.113.0/24", "principals of organisation o-a1b2c3d4e5"],
        via: "resource policy aws_api_gateway_rest_api_policy.partner",
      },
    ],
    [
      "internal-computed",
      { kind: "not-verified", why: "resource policy aws_api_gateway_rest_api_policy.computed is known only after apply (aws_vpc_endpoint.api.id)" },
    ],
  ])("THEN %s is reachable by %j", (api, want) => {
    expect(callers(api)).toEqual(want);
  });

  test("THEN no-open-method: critical for anyone and for a policy it cannot read, high naming the callers, info when unreachable", () => {
    const got = runRules(model, { policies: [] })
      .findings.filter((f) => f.rule === "no-open-method")
      .map((f) => [f.api, f.severity])
      .sort();
    expect(got).toEqual([
      ["internal-any-vpce", "high"],
      ["internal-computed", "critical"],
      ["internal-nopolicy", "info"],
      ["internal-vpc", "high"],
      ["internal-vpce", "high"],
      ["partner-feed", "high"],
      ["public-edge", "critical"],
    ]);
    const vpce = runRules(model, { policies: [] }).findings.find((f) => f.rule === "no-open-method" && f.api === "internal-vpce");
    expect(vpce?.message).toBe(
      "GET /status has authorization NONE and no API key: open to callers through VPC endpoint vpce-0a1b2c3d4e5f60718 (resource policy aws_api_gateway_rest_api_policy.vpce), and no policy says it is meant to be open (none is loaded)",
    );
  });

  test("THEN the resource policies' execute-api:/* (their own API) is no grant on every API, and a narrowed Allow is no whole-API grant", () => {
    const scoped = runRules(model, { policies: [] }).findings.filter((f) => f.rule === "execute-api-invoke-scoped");
    // Only the Allow to everyone without a condition (internal-any-vpce) is a whole-API grant.
    expect(scoped.map((f) => [f.address, f.message])).toEqual([
      ["aws_api_gateway_rest_api.anyvpce", 'execute-api:Invoke on "execute-api:/*" covers a whole API; list it in allowWholeApiInvoke if intended'],
    ]);
  });

  test("THEN the draft says who can call each open route, never 'anyone on the internet' for a private one", () => {
    const text = (api: string) => draftPolicies(model, PLAN).drafts.find((d) => d.api === api)?.text ?? "";
    expect(text("internal-vpce")).toContain(
      "# open to callers through VPC endpoint vpce-0a1b2c3d4e5f60718 (resource policy aws_api_gateway_rest_api_policy.vpce). Why?",
    );
    expect(text("internal-nopolicy")).toContain("# open to nobody: a PRIVATE API without a resource policy: API Gateway refuses every call. Why?");
    expect(text("public-edge")).toContain("# open to anyone on the internet. Why?");
    expect(text("internal-computed")).toContain("not verified: resource policy aws_api_gateway_rest_api_policy.computed is known only after apply");
  });

  test("THEN the first run names what anyone can call apart from what a resource policy narrows", () => {
    const note = noPolicyNote(PLAN, runRules(model, { policies: [] }).findings);
    expect(note).toContain("check: note: open to anyone: 2 route(s): internal-computed GET /orders, public-edge GET /news");
    expect(note).toContain(
      "check: note: open without authentication to the callers a resource policy names: 4 route(s): internal-any-vpce GET /ping, partner-feed GET /feed, internal-vpc GET /items, internal-vpce GET /status",
    );
  });
});

describe("GIVEN the same APIs added in a pull request", () => {
  test("THEN the review says who can call each new open route, not 'public' for a private one", () => {
    const empty: Model = {
      ...model,
      resources: [],
      apis: [],
      routes: [],
      authorizers: [],
      stages: [],
      httpStages: [],
      iamPolicies: [],
      iamRoles: [],
      changes: [],
    };
    const said = Object.fromEntries(
      diffModels(empty, model)
        .changes.filter((c) => c.kind === "new-public-route")
        .map((c) => [c.subject, c.message]),
    );
    expect(said["internal-vpce GET /status"]).toBe(
      "new route, NONE (callers through VPC endpoint vpce-0a1b2c3d4e5f60718 (resource policy aws_api_gateway_rest_api_policy.vpce)), and no intended policy allows it to be public",
    );
    expect(said["internal-nopolicy GET /health"]).toContain("NONE (nobody: a PRIVATE API without a resource policy: API Gateway refuses every call)");
    expect(said["public-edge GET /news"]).toBe("new route, NONE (public), and no intended policy allows it to be public");
  });
});

describe("resource-policy statements (guard/access/iam-statements.ts)", () => {
  const statement = (effect: string, conditions: PolicyCondition[]): PolicyStatement => ({
    effect,
    actions: ["execute-api:Invoke"],
    notActions: [],
    resources: ["execute-api:/*"],
    notResources: [],
    principals: [{ type: "*", ids: ["*"] }],
    notPrincipals: [],
    conditions,
  });
  const cond = (operator: string, key: string, ...values: PolicyCondition["values"]): PolicyCondition => ({ operator, key, values });

  test("an Allow's StringEquals and IpAddress on caller keys narrow; condition keys compare case-insensitively", () => {
    expect(allowedCallers(statement("Allow", [cond("StringEquals", "aws:sourcevpce", "vpce-1"), cond("IpAddress", "aws:SourceIp", "10.0.0.0/8")]))).toEqual({
      constraints: [
        { key: "aws:SourceVpce", values: ["vpce-1"] },
        { key: "aws:SourceIp", values: ["10.0.0.0/8"] },
      ],
    });
  });

  test.each([
    ["...IfExists (an anonymous call has no aws:SourceVpce, and matches)", cond("StringEqualsIfExists", "aws:SourceVpce", "vpce-1")],
    ["a key the check does not model", cond("StringEquals", "aws:UserAgent", "curl")],
    ["a wildcard", cond("StringLike", "aws:SourceVpce", "vpce-*")],
    ["a value known only after apply", cond("StringEquals", "aws:SourceVpce", { unknown: true, expression: "aws_vpc_endpoint.api.id" })],
    ["an interpolation", cond("StringEquals", "aws:SourceVpce", "${aws_vpc_endpoint.api.id}")],
    ["IpAddress on a string key", cond("IpAddress", "aws:SourceVpce", "vpce-1")],
  ])("an Allow with %s is not read: never narrowing", (_, c) => {
    expect(allowedCallers(statement("Allow", [c]))).toHaveProperty("unread");
  });

  test("a Deny with one negated condition leaves only its values; with the positive operator or two conditions it narrows nothing", () => {
    expect(callersLeftByDeny(statement("Deny", [cond("StringNotEquals", "aws:SourceVpc", "vpc-1")]))).toEqual({ key: "aws:SourceVpc", values: ["vpc-1"] });
    expect(callersLeftByDeny(statement("Deny", [cond("NotIpAddressIfExists", "aws:SourceIp", "10.0.0.0/8")]))).toEqual({
      key: "aws:SourceIp",
      values: ["10.0.0.0/8"],
    });
    expect(callersLeftByDeny(statement("Deny", [cond("StringEquals", "aws:SourceVpc", "vpc-1")]))).toBeUndefined();
    expect(
      callersLeftByDeny(statement("Deny", [cond("StringNotEquals", "aws:SourceVpc", "vpc-1"), cond("StringNotEquals", "aws:SourceVpce", "vpce-1")])),
    ).toBeUndefined();
  });

  test("callersText says each kind", () => {
    expect(callersText({ kind: "anyone" })).toBe("anyone on the internet");
    expect(callersText({ kind: "not-verified", why: "x" })).toBe("anyone, as far as the check can tell (not verified: x)");
  });
});
