// Every row of the authorization-type table (kernel/authorization-types.ts) walked through each part that gives a
// type its meaning: the policy parser (the keys the row accepts and refuses), the drafter, the review's reading and
// ranking, and the test matchers. Each row has a witness route in a real configuration; a row without one, or one a
// part does not know, fails here (docs/extending.md lists the files a new type touches).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { AUTHORIZATION_TYPES, reviewRow, type AuthorizationType, type AuthorizationTypeRow } from "../../kernel/authorization-types";
import { createZip } from "../../constructs/private/bundle";
import { draftPolicies } from "../../guard/draft-policies";
import { loadModel } from "../../guard/load";
import type { Model } from "../../guard/model";
import { parsePolicyDocument } from "../../guard/policy/parse";
import { compareRoute } from "../../guard/review/diff";
import { modelFacts } from "../../guard/review/facts";
import type { EffectiveType, RouteAuth } from "../../guard/review/types";
import { effectiveAuthorization, route } from "../../guard/testing/effective";
import { method, only, synth } from "./review/fixtures/pairs";

const SHOP = join(__dirname, "fixtures", "compliant.tf.json");
const ORDERS_HTTP = join(__dirname, "load", "http-api", "fixtures", "orders-http.tf.json");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "type-rows-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The petstore prod synth with GET /pets NONE at the gateway behind the edge verifier, whose package is on disk. */
function edgeModel(): Model {
  const stackDir = join(dir, "edge", "stacks", "petstore-prod");
  mkdirSync(join(stackDir, "assets"), { recursive: true });
  const doc = synth("prod");
  const m = method(doc, "GET", "/pets");
  Object.assign(m, { authorization: "NONE", api_key_required: false });
  delete m["authorizer_id"];
  delete m["authorization_scopes"];
  only(doc, "aws_lambda_function", "edge-verifier")["filename"] = "assets/edge.zip";
  writeFileSync(join(stackDir, "cdk.tf.json"), JSON.stringify(doc));
  const config = {
    parameterName: "/petstore/prod/edge-verifier/config",
    parameterRegion: "us-east-1",
    realm: "petstore-prod",
    routes: [{ method: "GET", path: "/pets", mode: "edge", scopes: ["petstore/read"], clients: null }],
    prefixes: [],
    clients: null,
  };
  writeFileSync(
    join(stackDir, "assets", "edge.zip"),
    createZip([
      { name: "index.js", data: Buffer.from("x") },
      { name: "edge-config.json", data: Buffer.from(JSON.stringify(config)) },
    ]),
  );
  return loadModel(join(dir, "edge"));
}

/**
 * A route of each type in a real configuration: a new row needs one (a compile error here), and then every
 * expectation below for it, which holds only once the drafter, the review and the matchers know the type.
 */
const WITNESS: Readonly<Record<AuthorizationType, { readonly input: () => Model; readonly route: string }>> = {
  NONE: { input: () => loadModel(SHOP), route: "shop-dev GET /" },
  API_KEY: { input: () => loadModel(SHOP), route: "shop-dev GET /catalog" },
  AWS_IAM: { input: () => loadModel(SHOP), route: "shop-dev GET /reports" },
  COGNITO: { input: () => loadModel(SHOP), route: "shop-dev GET /items" },
  CUSTOM: { input: () => loadModel(SHOP), route: "shop-dev DELETE /items/{itemId}" },
  EDGE: { input: edgeModel, route: "GET /pets" },
  JWT: { input: () => loadModel(ORDERS_HTTP), route: "GET /orders" },
};

const REASON = "a reason long enough to be read";

/** The smallest policy route of the row's type the row's own fields allow. */
function minimalRoute(row: AuthorizationTypeRow): Record<string, unknown> {
  return {
    type: row.type,
    ...(row.policy.authorizer === "required" ? { authorizer: "${api}-auth" } : {}),
    ...(row.policy.reason !== "optional" ? { reason: REASON } : {}),
  };
}

const problemsOf = (entry: Record<string, unknown>): string[] =>
  parsePolicyDocument({ api: "shop-*", routes: { "GET /x": entry } }, "p.yaml").problems.map((p) => `${p.path}: ${p.message}`);

describe.each(AUTHORIZATION_TYPES.map((row) => [row.type, row] as const))("the type table's row %s", (type, row) => {
  test("GIVEN its smallest policy route THEN the parser reads it as the row's type, with the key the row implies", () => {
    const parsed = parsePolicyDocument({ api: "shop-*", routes: { "GET /x": minimalRoute(row) } }, "p.yaml");
    expect(parsed.problems).toEqual([]);
    expect(parsed.policy?.routes["GET /x"]).toMatchObject({ type, apiKey: typeof row.policy.apiKey === "object" && "implied" in row.policy.apiKey });
  });

  test("GIVEN each key the row refuses THEN the parser refuses it with the row's message; each key it accepts passes", () => {
    const base = minimalRoute(row);
    const cases: [key: string, value: unknown, accepted: boolean, refusal: string][] = [
      ["scopes", ["s/read"], row.policy.scopes, "scopes only apply to"],
      ["groups", ["admins"], row.policy.groups === true, row.policy.groups === true ? "" : row.policy.groups.refused],
      ["roles", ["ops-*"], row.policy.roles, "roles only apply to"],
      ["clients", ["web"], row.policy.clients, "clients only apply to"],
      ["issuer", "https://issuer.example", row.policy.jwt, "issuer only applies to"],
      ["audience", ["aud"], row.policy.jwt, "audience only applies to"],
    ];
    if (row.policy.authorizer === "refused") cases.push(["authorizer", "a", false, `not allowed for ${type}`]);
    else cases.push(["authorizer", "a", true, ""]);
    const key = row.policy.apiKey;
    if (typeof key === "object" && "refused" in key) cases.push(["apiKey", true, false, key.refused]);
    else if (typeof key === "object" && "implied" in key) cases.push(["apiKey", false, false, key.implied]);
    else cases.push(["apiKey", true, true, ""]);
    for (const [k, value, accepted, refusal] of cases) {
      const problems = problemsOf({ ...base, [k]: value });
      if (accepted) expect({ [k]: problems }).toEqual({ [k]: [] });
      else expect({ [k]: problems }).toEqual({ [k]: [expect.stringContaining(`routes["GET /x"].${k}: ${refusal}`)] });
    }
    if (row.policy.reason !== "optional") expect(problemsOf({ ...base, reason: "short" })).toEqual([expect.stringContaining(`${type} needs a written reason`)]);
  });

  test("GIVEN its witness route THEN the drafter drafts the row's type, and the draft parses back as that type", () => {
    const model = WITNESS[type].input();
    const r = route(model, WITNESS[type].route).route;
    const draft = draftPolicies(model, "input").drafts.find((d) => d.routes.includes(r.routeKey ?? ""));
    expect(draft).toBeDefined();
    const entry = (parseYaml(draft?.text ?? "") as { routes: Record<string, Record<string, unknown>> }).routes[r.routeKey ?? ""];
    expect(entry["type"]).toBe(type);
    // A draft never approves an open route by itself: its reason is a TODO a person replaces.
    const written = entry["reason"] === undefined ? entry : { ...entry, reason: REASON };
    const parsed = parsePolicyDocument({ api: "x", routes: { [r.routeKey ?? ""]: written } }, "draft.yaml");
    expect(parsed.problems).toEqual([]);
    expect(parsed.policy?.routes[r.routeKey ?? ""]?.type).toBe(type);
  });

  test("GIVEN its witness route THEN the review and the test matchers read it as the row's review word", () => {
    const model = WITNESS[type].input();
    const r = route(model, WITNESS[type].route).route;
    const facts = modelFacts(model).routes.find((f) => f.address === r.address && f.route === r.routeKey);
    expect(facts?.type).toBe(row.reviewWord);
    expect(facts?.summary).toMatch(/^(?!UNKNOWN)\S/);
    expect(effectiveAuthorization(model, r).type).toBe(row.reviewWord);
  });
});

describe("the review's ranking", () => {
  const words = [...new Set(AUTHORIZATION_TYPES.map((r) => r.reviewWord))];
  const auth = (type: EffectiveType): RouteAuth => ({
    api: "shop-dev",
    route: "GET /x",
    address: "aws_api_gateway_method.x",
    type,
    summary: type,
    scopes: [],
    apiKeyRequired: false,
    invokers: [],
  });
  const pairs = words.flatMap((b) => words.map((a) => [b, a] as const));

  test.each(pairs)("GIVEN a route of %s WHEN it becomes %s THEN a lower rank of the table blocks, a higher one is an upgrade", (before, after) => {
    const changes = compareRoute(auth(before), auth(after));
    const [rb, ra] = [reviewRow(before).rank, reviewRow(after).rank];
    if (before === after) expect(changes).toEqual([]);
    else if (ra > rb) expect(changes.map((c) => [c.kind, c.severity])).toEqual([["auth-strengthened", "upgrade"]]);
    // Equal ranks are different populations nobody can order mechanically: that blocks too.
    else expect(changes.map((c) => c.severity)).toEqual(["blocking"]);
  });
});
