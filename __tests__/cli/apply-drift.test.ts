// Drift between the reviewed plan and the apply: both plans' refreshed prior_state, compared resource by resource.
import { driftSince, formatDrift, sameValue } from "../../cli/private/apply-drift";

type Res = { address: string; type: string; values: Record<string, unknown> };
const planWith = (resources: Res[], children: Res[][] = []): unknown => ({
  prior_state: {
    values: {
      root_module: {
        resources: resources.map((r) => ({ ...r, mode: "managed", name: r.address.split(".")[1] })),
        child_modules: children.map((c) => ({ resources: c.map((r) => ({ ...r, mode: "managed" })) })),
      },
    },
  },
});
const method = (authorization: string): Res => ({
  address: "aws_api_gateway_method.get_pets",
  type: "aws_api_gateway_method",
  values: { authorization, authorization_scopes: ["petstore/read"], api_key_required: false },
});

describe("driftSince", () => {
  it("GIVEN the same refreshed state THEN there is no drift", () => {
    expect(driftSince(planWith([method("COGNITO_USER_POOLS")]), planWith([method("COGNITO_USER_POOLS")]))).toEqual([]);
  });

  it("GIVEN a method switched to NONE in the console after the plan THEN it names the address and the attribute", () => {
    const drifts = driftSince(planWith([method("COGNITO_USER_POOLS")]), planWith([method("NONE")]));
    expect(drifts).toEqual([{ address: "aws_api_gateway_method.get_pets", kind: "changed", attributes: ["authorization"] }]);
    expect(formatDrift(drifts)).toBe("  aws_api_gateway_method.get_pets: changed outside the reviewed plan (authorization)");
  });

  it("GIVEN a secret value changed THEN the message names the attribute, never either value", () => {
    const param = (value: string): Res => ({ address: "aws_ssm_parameter.origin", type: "aws_ssm_parameter", values: { value } });
    const text = formatDrift(driftSince(planWith([param("s3cr3t-before")]), planWith([param("s3cr3t-after")])));
    expect(text).toContain("aws_ssm_parameter.origin");
    expect(text).not.toMatch(/s3cr3t/);
  });

  it("GIVEN a resource deleted outside, and one that appeared in the state THEN both are drift", () => {
    const other: Res = { address: "aws_lambda_function_url.backend", type: "aws_lambda_function_url", values: { authorization_type: "NONE" } };
    const drifts = driftSince(planWith([method("NONE")]), planWith([other]));
    expect(drifts.map((d) => [d.address, d.kind])).toEqual([
      ["aws_api_gateway_method.get_pets", "gone"],
      ["aws_lambda_function_url.backend", "appeared"],
    ]);
  });

  it("GIVEN a change inside a child module THEN it is found by its full address", () => {
    const inModule: Res = { address: "module.api.aws_api_gateway_method.m", type: "aws_api_gateway_method", values: { authorization: "AWS_IAM" } };
    const drifts = driftSince(planWith([], [[inModule]]), planWith([], [[{ ...inModule, values: { authorization: "NONE" } }]]));
    expect(drifts.map((d) => d.address)).toEqual(["module.api.aws_api_gateway_method.m"]);
  });

  it("GIVEN only a distribution's deployment status moved (InProgress to Deployed) THEN that is not drift", () => {
    const dist = (status: string, comment: string): Res => ({
      address: "aws_cloudfront_distribution.edge",
      type: "aws_cloudfront_distribution",
      values: { status, comment },
    });
    expect(driftSince(planWith([dist("InProgress", "a")]), planWith([dist("Deployed", "a")]))).toEqual([]);
    expect(driftSince(planWith([dist("InProgress", "a")]), planWith([dist("Deployed", "b")]))[0]?.attributes).toEqual(["comment"]);
  });

  it("GIVEN a first deploy (no prior state on either side) THEN there is no drift", () => {
    expect(driftSince({}, {})).toEqual([]);
  });
});

describe("sameValue", () => {
  it.each([
    [null, undefined, true],
    [[1, { a: null }], [1, {}], true],
    [[1, 2], [2, 1], false],
    [{ a: [] }, { a: null }, false],
    ["1", 1, false],
  ])("GIVEN %j and %j THEN %s", (a, b, same) => {
    expect(sameValue(a, b)).toBe(same);
  });
});
