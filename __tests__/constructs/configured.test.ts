// The deployment trigger hashes what its inputs are configured with, never their refreshed state: literal text is
// hashed at synth time, references go to Terraform as plain references (the apply test against moto found the
// old whole-object hash replacing the deployment on every plan).
import { createHash } from "node:crypto";
import { Testing } from "cdktf";
import { hashExpression } from "../../constructs/private/configured";
import { petstoreDev } from "../../access-spec/samples/petstore";
import type { AccessSpec } from "../../access-spec/types";
import { AccessStack } from "../../stacks/access-stack";

describe("hashExpression", () => {
  test("GIVEN a value with literals and references THEN the literal JSON is hashed now and each reference once, by Terraform", () => {
    const value = [
      {
        id: "${aws_api_gateway_method.m.id}",
        arguments: { request_templates: { "application/json": '{"statusCode":200}' }, uri: "${aws_lambda_function.f.invoke_arn}" },
      },
      { id: "${aws_api_gateway_method.m.id}" },
    ];
    const literal = createHash("sha1").update(JSON.stringify(value)).digest("hex");
    expect(hashExpression(value)).toBe(`\${sha1(join(",", ["${literal}", aws_api_gateway_method.m.id, aws_lambda_function.f.invoke_arn]))}`);
  });

  test("GIVEN an embedded expression that is not a plain reference THEN it is refused, naming it", () => {
    expect(() => hashExpression({ a: '${jsonencode({"a" = 1})}' })).toThrow('cannot hash the expression ${jsonencode({"a" = 1} into a trigger');
  });
});

describe("GIVEN the dev sample synthesized, and again with one route's authorization changed", () => {
  const trigger = (spec: AccessSpec): string => {
    const out = JSON.parse(Testing.synth(new AccessStack(Testing.app(), "petstore-dev", { spec }))) as {
      resource: { aws_api_gateway_deployment: Record<string, { triggers: { redeployment: string } }> };
    };
    return Object.values(out.resource.aws_api_gateway_deployment)[0].triggers.redeployment;
  };
  const before = trigger(petstoreDev);
  const changed: AccessSpec = {
    ...petstoreDev,
    routes: petstoreDev.routes.map((r) => (r.method === "GET" && r.path === "/pets" ? { ...r, auth: { type: "COGNITO", scopes: ["petstore/write"] } } : r)),
  };

  test("THEN the trigger references no whole resource object, only attributes", () => {
    const references = [...before.matchAll(/\b(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)(\.[a-z_]+)?/g)];
    expect(references.length).toBeGreaterThan(10);
    expect(references.filter((m) => m[2] === undefined).map((m) => m[1])).toEqual([]);
  });

  test("THEN synthesizing twice gives the same trigger, and a changed scope gives another", () => {
    expect(trigger(petstoreDev)).toBe(before);
    expect(trigger(changed)).not.toBe(before);
  });
});
