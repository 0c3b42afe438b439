// Door class 5: backend handlers that decide access themselves. The check keeps the Terraform's access-decider
// tag and the policy's `deciders` in step (rule handler-decider-declared) and judges which code their routes invoke
// (decider-code-pinned); the review reads the base's declaration, by tag or by the policy the gate takes from the base.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as load } from "yaml";
import { modelFromDocument } from "../../../../guard/load";
import { loadPolicies } from "../../../../guard/policy/load";
import { RULES } from "../../../../guard/rules";
import { parsePolicyDocument } from "../../../../guard/policy/parse";
import type { PolicySet } from "../../../../guard/policy/types";
import { diffModels } from "../../../../guard/review/diff";
import { DeciderCodePinned } from "../../../../guard/rules/lambda/decider-code-pinned";
import { HandlerDeciderDeclared } from "../../../../guard/rules/lambda/handler-decider-declared";
import { synth, type Doc, type Json } from "../../review/fixtures/pairs";

const POLICY_FILE = join(__dirname, "..", "..", "..", "..", "policies", "petstore.yaml");
const shipped = loadPolicies(POLICY_FILE, RULES);

/** The shipped policy with its `deciders` section replaced, parsed as a file would be. */
function policyWith(deciders: Record<string, string> | undefined): PolicySet {
  const raw = load(readFileSync(POLICY_FILE, "utf8")) as Json;
  if (deciders === undefined) delete raw["deciders"];
  else raw["deciders"] = deciders;
  const parsed = parsePolicyDocument(raw, POLICY_FILE);
  if (parsed.policy === undefined) throw new Error(JSON.stringify(parsed.problems));
  return { policies: [parsed.policy] };
}

const admin = (d: Doc): Json => d.resource["aws_lambda_function"]["fn-admin-only_function_A7F6BEC7"] as Json;
const tags = (d: Doc): Record<string, unknown> => admin(d)["tags"] as Record<string, unknown>;
const dev = (edit: (d: Doc) => void = () => undefined): Doc => {
  const d = synth("dev");
  edit(d);
  return d;
};
const model = (d: Doc) => modelFromDocument(d, "petstore-dev.cdk.tf.json");
const findings = (d: Doc, policies: PolicySet = shipped) => HandlerDeciderDeclared.check(model(d), policies).map((f) => [f.severity ?? "high", f.message]);

describe("rule handler-decider-declared", () => {
  test("Compliance: the sample's admin-only handler is tagged and named by the shipped policy", () => {
    expect(findings(dev())).toEqual([]);
  });

  test("Noncompliance 1: the policy names the handler but its tag is gone (high, naming the policy's words)", () => {
    expect(findings(dev((d) => delete tags(d)["access-decider"]))).toEqual([
      [
        "high",
        expect.stringMatching(
          /^function petstore-dev-admin-only: .*petstore\.yaml names it as deciding access itself \("Checks cognito:groups.*tag is missing/,
        ),
      ],
    ]);
  });

  test("Noncompliance 2: the tag is known only after apply: not verified", () => {
    expect(findings(dev((d) => (tags(d)["access-decider"] = "${var.decides}")))).toEqual([
      ["high", expect.stringMatching(/known only after apply: not verified/)],
    ]);
  });

  test("Noncompliance 3: a tagged handler no policy names is judged only while its tag stays (medium)", () => {
    expect(findings(dev(), policyWith(undefined))).toEqual([
      ["medium", expect.stringMatching(/^function petstore-dev-admin-only declares that it decides access itself .*no policy's deciders section names it/)],
    ]);
  });
});

describe("rule decider-code-pinned on handler deciders", () => {
  const pinned = (d: Doc, policies: PolicySet = shipped) => DeciderCodePinned.check(model(d), policies).map((f) => f.message);
  const pin = (d: Doc): void =>
    void ((d.resource["aws_api_gateway_integration"]["api_integration-GET-admin_A80397A4"] as Json)["uri"] =
      "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111111111111:function:petstore-dev-admin-only:7/invocations");

  test("GIVEN GET /admin invoking a literal version of the declared decider THEN a finding naming the route", () => {
    expect(pinned(dev(pin))).toEqual([
      expect.stringMatching(/^route petstore-dev GET \/admin \(COGNITO\) invokes petstore-dev-admin-only, which decides access itself, at version\/alias "7"/),
    ]);
  });

  test("GIVEN the same pin on a handler declared by neither tag nor policy THEN quiet (an ordinary handler)", () => {
    expect(
      pinned(
        dev((d) => (delete tags(d)["access-decider"], pin(d))),
        policyWith(undefined),
      ),
    ).toEqual([]);
  });

  test("GIVEN the decider's package from S3 THEN not verified", () => {
    const s3 = (d: Doc) => {
      delete admin(d)["filename"];
      Object.assign(admin(d), { s3_bucket: "petstore-artifacts", s3_key: "admin-only.zip" });
    };
    expect(pinned(dev(s3))).toEqual([
      expect.stringMatching(/^function petstore-dev-admin-only, which decides access itself: its code comes from s3_bucket\/s3_key/),
    ]);
  });
});

describe("the review reads the base's declaration", () => {
  const rebuild = (d: Doc): void => void (admin(d)["source_code_hash"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  const untagged = (d: Doc): void => void delete tags(d)["access-decider"];
  const kinds = (base: Doc, head: Doc, deciders?: readonly string[]) =>
    diffModels(model(base), model(head), deciders === undefined ? {} : { deciders })
      .changes.filter((c) => c.severity === "blocking")
      .map((c) => c.kind);

  test("GIVEN neither side tagged WHEN the handler is rebuilt and no policy names it THEN nothing blocks (an ordinary handler)", () => {
    expect(
      kinds(
        dev(untagged),
        dev((d) => (untagged(d), rebuild(d))),
      ),
    ).toEqual([]);
  });

  test("GIVEN neither side tagged WHEN the base's policy names it THEN the rebuild blocks as decider-code-changed", () => {
    expect(
      kinds(
        dev(untagged),
        dev((d) => (untagged(d), rebuild(d))),
        ["petstore-*-admin-only"],
      ),
    ).toEqual(["decider-code-changed"]);
  });

  test("GIVEN only the head tagged THEN the declaration is not the base's: a rebuild in the same change does not block by it", () => {
    expect(kinds(dev(untagged), dev(rebuild))).toEqual([]);
  });
});
