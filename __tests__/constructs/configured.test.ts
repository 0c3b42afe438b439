// The deployment trigger hashes what its inputs are configured with, never their refreshed state, and only through
// references Terraform reads (a plan's configuration keeps references and loses literals): each input's id and
// every argument it is configured with, so a plan reviewer sees the authorization attributes it redeploys on.
import { Testing } from "cdktf";
import { hashExpression } from "../../constructs/private/configured";
import { petstoreDev } from "../../access-spec/samples/petstore";
import type { AccessSpec } from "../../access-spec/types";
import { AccessStack } from "../../stacks/access-stack";

describe("hashExpression", () => {
  test("GIVEN attribute references THEN Terraform hashes their values, each once", () => {
    expect(hashExpression(["${aws_api_gateway_method.m.id}", "${aws_api_gateway_method.m.authorization}", "${aws_api_gateway_method.m.id}"])).toBe(
      "${sha1(jsonencode([aws_api_gateway_method.m.id, aws_api_gateway_method.m.authorization]))}",
    );
  });

  test("GIVEN an embedded expression that is not a plain reference THEN it is refused, naming it", () => {
    expect(() => hashExpression(['${jsonencode({"a" = 1})}'])).toThrow('cannot hash ${jsonencode({"a" = 1})} into a trigger');
  });
});

type Synth = { resource: Record<string, Record<string, Record<string, unknown>>> };

describe("GIVEN the dev sample synthesized, and again with one open route put behind Cognito", () => {
  const synth = (spec: AccessSpec): Synth => JSON.parse(Testing.synth(new AccessStack(Testing.app(), "petstore-dev", { spec }))) as Synth;
  const trigger = (out: Synth): string => {
    const [deployment] = Object.values(out.resource["aws_api_gateway_deployment"] ?? {});
    return String((deployment?.["triggers"] as { redeployment?: string } | undefined)?.redeployment);
  };
  const out = synth(petstoreDev);
  const before = trigger(out);
  const changed: AccessSpec = {
    ...petstoreDev,
    routes: petstoreDev.routes.map((r) => (r.method === "GET" && r.path === "/catalog" ? { ...r, auth: { type: "COGNITO", scopes: ["petstore/read"] } } : r)),
  };

  test("THEN the trigger is a hash of attribute references only, no literal and no whole resource object", () => {
    expect(before).toMatch(/^\$\{sha1\(jsonencode\(\[[^"]*\]\)\)\}$/);
    const references = [...before.matchAll(/\b(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)(\.[a-z_]+)?/g)];
    expect(references.length).toBeGreaterThan(10);
    expect(references.filter((m) => m[2] === undefined).map((m) => m[1])).toEqual([]);
  });

  test("THEN every method's authorization, authorizer and scopes, and every authorizer's identity source and type, are referenced", () => {
    for (const [name, m] of Object.entries(out.resource["aws_api_gateway_method"] ?? {})) {
      for (const attr of ["authorization", "authorizer_id", "authorization_scopes", "api_key_required", "request_parameters"]) {
        if (m[attr] !== undefined) expect(before).toContain(`aws_api_gateway_method.${name}.${attr}`);
      }
      expect(before).toContain(`aws_api_gateway_method.${name}.authorization,`);
    }
    for (const name of Object.keys(out.resource["aws_api_gateway_authorizer"] ?? {})) {
      for (const attr of ["identity_source", "type"]) expect(before).toContain(`aws_api_gateway_authorizer.${name}.${attr}`);
    }
  });

  test("THEN synthesizing twice gives the same trigger, and a route gaining an authorizer gives another", () => {
    expect(trigger(synth(petstoreDev))).toBe(before);
    expect(trigger(synth(changed))).not.toBe(before);
  });
});
