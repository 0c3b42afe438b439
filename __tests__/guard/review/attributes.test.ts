// The attribute walk of the review: every changed attribute of an in-scope resource is judged by its
// classification; nothing that can change access passes without a line in the report.
import { modelFromDocument } from "../../../guard/load";
import { unknownValue } from "../../../guard/model";
import { widens } from "../../../guard/review/attribute-direction";
import { diffModels } from "../../../guard/review/diff";
import { renderMarkdown } from "../../../guard/report/review/markdown";
import { renderText } from "../../../guard/report/review/text";
import { only, synth, type Doc } from "./fixtures/pairs";

function review(mutate: (d: Doc) => void, acknowledge: readonly string[] = []) {
  const base = synth("dev");
  const head = synth("dev");
  mutate(head);
  return diffModels(modelFromDocument(base, "base.cdk.tf.json"), modelFromDocument(head, "head.cdk.tf.json"), { acknowledge });
}

const client = (d: Doc) => only(d, "aws_cognito_user_pool_client", "client-web");

describe("GIVEN the dev sample synth", () => {
  it("WHEN a client's supported_identity_providers gains Google THEN it blocks as not verified, naming resource, attribute and both values", () => {
    const r = review((d) => void (client(d)["supported_identity_providers"] = ["COGNITO", "Google"]));
    const c = r.changes.filter((x) => x.severity === "blocking");
    expect(c.map((x) => x.kind)).toEqual(["attribute-not-verified"]);
    expect(c[0].subject).toBe("aws_cognito_user_pool_client.identity_client-web_C7D0E3A6");
    expect(c[0].message).toContain('supported_identity_providers: ["COGNITO"] → ["COGNITO","Google"]');
  });

  it("WHEN the digest of that change is acknowledged THEN it is listed, acknowledged, and nothing is left blocking", () => {
    const mutate = (d: Doc) => void (client(d)["supported_identity_providers"] = ["COGNITO", "Google"]);
    const first = review(mutate);
    const again = review(mutate, [first.digest]);
    expect(again.acknowledged).toBe(true);
    expect(again.unacknowledgedBlocking).toBe(0);
    expect(again.changes.find((x) => x.kind === "attribute-not-verified")?.acknowledged).toBe(true);
  });

  it("WHEN only tags, a description and a timeout change THEN nothing is reported and the comment says nothing changed", () => {
    const r = review((d) => {
      client(d)["tags"] = { owner: "someone" };
      only(d, "aws_api_gateway_rest_api")["description"] = "new words";
      only(d, "aws_api_gateway_stage")["description"] = "dev stage";
    });
    expect(r.changes.filter((x) => x.kind.startsWith("attribute-"))).toEqual([]);
    expect(renderMarkdown(r)).toContain("No authorization downgrade.");
  });

  it("WHEN a usage plan's throttle is tightened THEN it is listed as narrowed, and no rendering says nothing changed", () => {
    const r = review((d) => void (only(d, "aws_api_gateway_usage_plan")["throttle_settings"] = { burst_limit: 50, rate_limit: 10 }));
    expect(r.blocking).toBe(0);
    expect(r.changes.map((x) => x.kind)).toContain("attribute-narrowed");
    const md = renderMarkdown(r);
    expect(md).not.toContain("No authorization downgrade");
    expect(md).not.toContain("No route or access control changed");
    expect(renderText(r)).not.toContain("No authorization downgrade");
  });

  it("WHEN the usage plan's quota and throttle are removed THEN it blocks as widened", () => {
    const r = review((d) => {
      const plan = only(d, "aws_api_gateway_usage_plan");
      delete plan["quota_settings"];
      delete plan["throttle_settings"];
    });
    const kinds = r.changes.filter((x) => x.severity === "blocking").map((x) => `${x.kind} ${x.message.split(":")[0]}`);
    expect(kinds).toEqual(expect.arrayContaining(["attribute-widened quota_settings.limit", "attribute-widened throttle_settings.rate_limit"]));
  });

  it("WHEN an API key gets a literal value THEN it blocks (rule secret-literal judges the value) and the value is never shown", () => {
    const r = review((d) => void (only(d, "aws_api_gateway_api_key", "acme")["value"] = "s3cr3t-literal-key-value-0123456789"));
    const c = r.changes.find((x) => x.kind === "attribute-widened" && x.severity === "blocking");
    expect(c?.message).toContain("value: (unset) → (sensitive value)");
    expect(JSON.stringify(r)).not.toContain("s3cr3t");
  });

  it("WHEN a resource of a type nothing models is added THEN it blocks as resource-not-verified", () => {
    const r = review((d) => {
      d.resource["aws_cognito_identity_provider"] = {
        google: { user_pool_id: "${aws_cognito_user_pool.identity_user-pool_40B5B78A.id}", provider_name: "Google", provider_type: "Google" },
      };
    });
    expect(r.changes.filter((x) => x.severity === "blocking").map((x) => [x.kind, x.subject])).toEqual([
      ["resource-not-verified", "aws_cognito_identity_provider.google"],
    ]);
  });
});

describe("GIVEN a direction of widening", () => {
  it("THEN larger, smaller, removal, adding, enabling and disabling decide as declared, unknown values widen", () => {
    expect(widens("larger", [300], [3600])).toBe(true);
    expect(widens("larger", [300], [60])).toBe(false);
    expect(widens("larger", [300], [])).toBe(true);
    expect(widens("larger", [], [60])).toBe(false);
    expect(widens("larger", [40], [40, 40])).toBe(false);
    expect(widens("smaller", [12], [8])).toBe(true);
    expect(widens("removal", ["arn"], [])).toBe(true);
    expect(widens("removal", ["arn"], ["other"])).toBe(false);
    expect(widens("adding", [["a"]], [["a", "b"]])).toBe(true);
    expect(widens("adding", [["a", "b"]], [["a"]])).toBe(false);
    expect(widens("enabling", [false], [true])).toBe(true);
    expect(widens("disabling", [true], [false])).toBe(true);
    expect(widens("disabling", [false], [true])).toBe(false);
    expect(widens("larger", [300], [unknownValue()])).toBe(true);
  });
});
