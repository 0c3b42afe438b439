// The policy's `doors` section: parsed as written, every bad entry named with its path; and the rule
// backend-doors-intended reads it (an exception with a reason admits one more door; without an entry only routes,
// the default endpoint and distributions referencing the API are intended). The sample's own doors pass.
import { join } from "node:path";
import { modelFromDocument } from "../../../guard/load";
import { draftPolicies } from "../../../guard/draft-policies";
import { parseDataText } from "../../../kernel/io/data-file";
import { parsePolicyDocument } from "../../../guard/policy/parse";
import { loadPolicies } from "../../../guard/policy/load";
import { RULES } from "../../../guard/rules";
import type { ApiPolicy } from "../../../guard/policy/types";
import { BackendDoorsIntended } from "../../../guard/rules/access/backend-doors-intended";
import { synth, type Doc } from "../review/fixtures/pairs";

const ROUTES = { "GET /health": { type: "NONE", reason: "uptime probes, static body" } };
const parse = (doors: unknown) => parsePolicyDocument({ api: "petstore-*", routes: ROUTES, doors }, "p.yaml");

const withFunctionUrl = (): Doc => {
  const d = synth("dev");
  d.resource["aws_lambda_function_url"] = {
    url: { function_name: "${aws_lambda_function.fn-backend_function_39B17E9A.function_name}", authorization_type: "NONE" },
  };
  return d;
};
const findings = (d: Doc, policies: readonly ApiPolicy[]) => BackendDoorsIntended.check(modelFromDocument(d, "x.cdk.tf.json"), { policies });

describe("GIVEN the policy parser", () => {
  test("WHEN doors lists only patterns and an exception with a reason THEN they are kept as written", () => {
    const r = parse({
      "petstore-*-backend": {
        only: ["api:petstore-*"],
        exceptions: [{ door: "function-url:petstore-dev-backend", reason: "the webhook receiver of the payment provider" }],
      },
    });
    expect(r.problems).toEqual([]);
    expect(r.policy?.doors).toEqual([
      {
        target: "petstore-*-backend",
        only: ["api:petstore-*"],
        exceptions: [{ door: "function-url:petstore-dev-backend", reason: "the webhook receiver of the payment provider" }],
      },
    ]);
  });

  test("WHEN an entry is malformed THEN each problem is named with its path", () => {
    const r = parse({
      a: { only: [] },
      b: { only: ["route:x"], extra: 1 },
      c: { only: ["api:*"], exceptions: [{ door: "function-url:f", reason: "ok" }] },
      d: "api:*",
    });
    expect(r.policy).toBeUndefined();
    expect(r.problems.map((p) => p.path).sort()).toEqual(["doors.a.only", "doors.b.extra", "doors.b.only[0]", "doors.c.exceptions[0].reason", "doors.d"]);
  });
});

describe("GIVEN rule backend-doors-intended on the sample synth", () => {
  const shipped = loadPolicies(join(__dirname, "..", "..", "..", "policies"), RULES).policies;

  test("WHEN the sample is checked with its own policy THEN no door is reported", () => {
    expect(findings(synth("dev"), shipped)).toEqual([]);
    expect(findings(synth("prod"), shipped)).toEqual([]);
  });

  test("WHEN the backend gets a function URL NONE THEN it is critical and names the door and who gets in", () => {
    const out = findings(withFunctionUrl(), shipped);
    expect(out).toHaveLength(1);
    expect(out[0]?.severity).toBe("critical");
    expect(out[0]?.message).toContain("backend `petstore-dev-backend`: door function URL (NONE) (`function-url:petstore-dev-backend`) is not intended");
    expect(out[0]?.message).toContain("anyone on the internet");
  });

  test("WHEN an exception names the door THEN it is intended", () => {
    const p = parse({
      "petstore-*": {
        only: ["api:petstore-*", "execute-api:petstore-*"],
        exceptions: [{ door: "function-url:petstore-dev-backend", reason: "the webhook receiver of the payment provider" }],
      },
    }).policy as ApiPolicy;
    expect(findings(withFunctionUrl(), [p])).toEqual([]);
  });

  test("WHEN no policy lists doors THEN a function URL is still reported (only routes and the API's entrances are intended)", () => {
    const p = parse(undefined).policy as ApiPolicy;
    expect(findings(withFunctionUrl(), [p]).map((f) => f.message)).toEqual([expect.stringContaining("the policy lists no doors for it")]);
  });
});

describe("GIVEN --init-policy on the sample with a function URL NONE on the backend", () => {
  const model = modelFromDocument(withFunctionUrl(), "x.cdk.tf.json");
  const draft = draftPolicies(model, "x.cdk.tf.json").drafts[0];
  const text = (draft?.text ?? "").replace(/reason: TODO$/gm, 'reason: "reviewed: serves public data only"');
  const parsed = parseDataText(text, "yaml");
  const policy = parsed.ok ? parsePolicyDocument(parsed.data, "draft.yaml").policy : undefined;

  test("WHEN drafted THEN today's doors are written down, the function URL only as a comment", () => {
    expect(draft?.text).toContain('  "petstore-dev-backend":\n    only:\n      - "api:petstore-dev *"\n      - "execute-api:petstore-dev"');
    expect(draft?.text).toContain('#   - door: "function-url:petstore-dev-backend"  # function URL (NONE): anyone on the internet');
    expect(policy?.doors?.length).toBe(3);
  });

  test("WHEN checked with the draft THEN the API's own doors pass and the function URL is still reported", () => {
    expect(findings(withFunctionUrl(), [policy as ApiPolicy]).map((f) => f.message)).toEqual([expect.stringContaining("`function-url:petstore-dev-backend`")]);
    expect(findings(synth("dev"), [policy as ApiPolicy])).toEqual([]);
  });
});
