// Policy files: every problem named with file, path and value; name patterns; per-API overrides.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicies } from "../../guard/policy/load";
import { RULES } from "../../guard/rules";
import { effectivePolicy, globMatch, policiesFor } from "../../guard/policy/match";
import { parsePolicyDocument } from "../../guard/policy/parse";
import { PolicyError } from "../../guard/policy/types";

describe("parsePolicyDocument", () => {
  test("GIVEN a valid policy THEN it parses with defaults", () => {
    const { policy, problems } = parsePolicyDocument({ api: "x-*", routes: { "GET /a": { type: "COGNITO", authorizer: "c", scopes: ["x/read"] } } }, "p.yaml");
    expect(problems).toEqual([]);
    expect(policy?.routes["GET /a"]).toEqual({ type: "COGNITO", authorizer: "c", scopes: ["x/read"], groups: [], roles: [], apiKey: false });
    expect(policy?.tokenValidity).toEqual({ maxIdAccessMinutes: 60, maxRefreshDays: 30 });
  });

  test.each([
    ["no api", { routes: { "GET /a": { type: "AWS_IAM" } } }, "api", undefined],
    ["bad route key", { api: "x", routes: { "GET a": { type: "AWS_IAM" } } }, 'routes["GET a"]', "GET a"],
    ["unknown type", { api: "x", routes: { "GET /a": { type: "OPEN" } } }, 'routes["GET /a"].type', "OPEN"],
    ["NONE without reason", { api: "x", routes: { "GET /a": { type: "NONE" } } }, 'routes["GET /a"].reason', undefined],
    ["API_KEY with a one-word reason", { api: "x", routes: { "GET /a": { type: "API_KEY", reason: "ok" } } }, 'routes["GET /a"].reason', "ok"],
    ["COGNITO without authorizer", { api: "x", routes: { "GET /a": { type: "COGNITO" } } }, 'routes["GET /a"].authorizer', undefined],
    ["scopes on AWS_IAM", { api: "x", routes: { "GET /a": { type: "AWS_IAM", scopes: ["s"] } } }, 'routes["GET /a"].scopes', ["s"]],
    ["a typo'd key", { api: "x", routes: { "GET /a": { type: "AWS_IAM", group: ["a"] } } }, 'routes["GET /a"].group', "group"],
    ["a waiver without reason", { api: "x", routes: { "GET /a": { type: "AWS_IAM" } }, waivers: [{ rule: "stage-xray" }] }, "waivers[0].reason", undefined],
    [
      "a waiver naming neither address nor route",
      { api: "x", routes: { "GET /a": { type: "AWS_IAM" } }, waivers: [{ rule: "no-open-method", reason: "the marketing pages are public" }] },
      "waivers[0]",
      { rule: "no-open-method", reason: "the marketing pages are public" },
    ],
    [
      "a waiver for every address",
      { api: "x", routes: { "GET /a": { type: "AWS_IAM" } }, waivers: [{ rule: "no-open-method", address: "*", reason: "the marketing pages are public" }] },
      "waivers[0].address",
      "*",
    ],
    [
      "a waiver with an empty detail",
      {
        api: "x",
        routes: { "GET /a": { type: "AWS_IAM" } },
        waivers: [{ rule: "stage-xray", address: "a.b", detail: " ", reason: "tracing costs approved off" }],
      },
      "waivers[0].detail",
      " ",
    ],
    [
      "a waiver with a severity that is none",
      {
        api: "x",
        routes: { "GET /a": { type: "AWS_IAM" } },
        waivers: [{ rule: "stage-xray", address: "a.b", severity: "severe", reason: "tracing costs approved off" }],
      },
      "waivers[0].severity",
      "severe",
    ],
    ["a bad severity", { api: "x", routes: { "GET /a": { type: "AWS_IAM" } }, severities: { "stage-xray": "severe" } }, "severities.stage-xray", "severe"],
  ])("GIVEN %s THEN a problem names the path and value", (_n, raw, path, value) => {
    const { policy, problems } = parsePolicyDocument(raw, "p.yaml");
    expect(policy).toBeUndefined();
    expect(problems).toContainEqual(expect.objectContaining({ file: "p.yaml", path, value }));
  });

  test("GIVEN a waiver naming a detail and a severity THEN it keeps both", () => {
    const waiver = {
      rule: "backend-doors-intended",
      address: "aws_lambda_function.f",
      detail: "unintended function-url:f admits anyone:",
      severity: "critical",
    };
    const { policy, problems } = parsePolicyDocument(
      { api: "x", routes: { "GET /a": { type: "AWS_IAM" } }, waivers: [{ ...waiver, reason: "public webhook, SEC-9" }] },
      "p.yaml",
    );
    expect(problems).toEqual([]);
    expect(policy?.waivers).toEqual([{ ...waiver, reason: "public webhook, SEC-9" }]);
  });

  test("GIVEN several problems THEN all are reported at once", () => {
    const { problems } = parsePolicyDocument({ api: "x", routes: { "GET /a": { type: "NONE" }, "GET /b": { type: "X" } } }, "p.yaml");
    expect(problems.length).toBe(2);
  });
});

describe("loadPolicies", () => {
  test("GIVEN the shipped policies directory THEN it loads", () => {
    const set = loadPolicies(join(__dirname, "..", "..", "policies"), RULES);
    expect(policiesFor(set, "petstore-dev").length).toBe(1);
    expect(policiesFor(set, "petstore-prod").length).toBe(1);
  });

  test("GIVEN broken YAML THEN PolicyError names the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "guard-pol-"));
    writeFileSync(join(dir, "a.yaml"), "api: [unclosed\n");
    expect(() => loadPolicies(dir, RULES)).toThrow(PolicyError);
    try {
      loadPolicies(dir, RULES);
    } catch (e) {
      expect((e as PolicyError).problems[0].file).toBe(join(dir, "a.yaml"));
    }
  });

  test("GIVEN a missing path THEN PolicyError", () => {
    expect(() => loadPolicies("/nonexistent/policies", RULES)).toThrow(PolicyError);
  });
});

describe("matching", () => {
  test.each([
    ["petstore-*", "petstore-dev", true],
    ["petstore-*", "petstorefront", false],
    ["petstore-?ev", "petstore-dev", true],
    ["a.b", "axb", false],
  ])("globMatch(%s, %s) = %s", (p, s, want) => {
    expect(globMatch(p, s)).toBe(want);
  });

  test("GIVEN an override for prod THEN only prod sees it", () => {
    const { policy } = parsePolicyDocument(
      {
        api: "x-*",
        routes: { "GET /a": { type: "COGNITO", authorizer: "c" } },
        overrides: [{ apis: ["x-prod"], routes: { "GET /a": { type: "NONE", reason: "authenticated at the edge" } } }],
      },
      "p.yaml",
    );
    if (policy === undefined) throw new Error("policy did not parse");
    expect(effectivePolicy(policy, "x-dev").routes["GET /a"].type).toBe("COGNITO");
    expect(effectivePolicy(policy, "x-prod").routes["GET /a"].type).toBe("NONE");
  });
});

describe("GIVEN a policy in the spec's words", () => {
  const parse = (routes: Record<string, unknown>, extra: Record<string, unknown> = {}) => parsePolicyDocument({ api: "x", routes, ...extra }, "p.yaml");

  it("WHEN a route says LAMBDA THEN it is read as CUSTOM", () => {
    const { policy, problems } = parse({ "GET /a": { type: "LAMBDA", authorizer: "jwt" } });
    expect(problems).toEqual([]);
    expect(policy?.routes["GET /a"]?.type).toBe("CUSTOM");
  });

  it("WHEN a key or a type is misspelt THEN the problem says what was meant", () => {
    const { problems } = parse({ "GET /a": { type: "COGNTIO", scops: ["a/b"] } }, { waviers: [] });
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^waviers: unknown key \(did you mean "waivers"\?\)/),
        expect.stringMatching(/^routes\["GET \/a"\]\.type: must be one of .* \(did you mean "COGNITO"\?\)$/),
      ]),
    );
  });

  it("WHEN a NONE reason is too short THEN it is refused by the same rule as the spec's", () => {
    const { problems } = parse({ "GET /a": { type: "NONE", reason: "n/a" } });
    expect(problems.map((p) => p.path)).toEqual(['routes["GET /a"].reason']);
  });
});
