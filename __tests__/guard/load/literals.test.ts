// The loader's record of literal attributes (model.ts WrittenAttributes) on the parts of a plan's `configuration` the
// real plan of __tests__/guard/rules/fixtures/secret-literal-plan does not exercise: module outputs, a module
// variable's own default, a module call's for_each, count.index, `x = null`, and the record's per-address sharing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { planLiterals } from "../../../guard/load/literals-plan";

const resource = (address: string, expressions: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  address,
  mode: "managed",
  type: address.split(".")[0],
  name: address.split(".")[1],
  expressions,
  ...extra,
});

const root = {
  variables: { given: {}, defaulted: { default: "d" } },
  resources: [
    resource("aws_api_gateway_api_key.from_output", { value: { references: ["module.keys.value", "module.keys"] } }),
    resource("aws_api_gateway_api_key.from_dynamic_output", { value: { references: ["module.keys.generated", "module.keys"] } }),
    resource("aws_api_gateway_api_key.counted", { name: { references: ["count.index"] }, value: { constant_value: null } }),
  ],
  module_calls: {
    keys: {
      expressions: {},
      module: {
        variables: { own: { default: "module-default" } },
        outputs: {
          value: { expression: { references: ["var.own"] } },
          generated: { expression: { references: ["random_password.p.result", "random_password.p"] } },
        },
        resources: [],
      },
    },
    users: {
      for_each_expression: { constant_value: { a: "x" } },
      expressions: { password: { references: ["each.value"] }, other: { references: ["var.given"] } },
      module: {
        variables: { password: {}, other: {} },
        resources: [resource("aws_cognito_user.u", { password: { references: ["var.password"] }, username: { references: ["var.other"] } })],
      },
    },
  },
};

describe("planLiterals", () => {
  const writtenAt = planLiterals(root);
  const literal = (address: string, path: string) => writtenAt(address)?.literals.find((l) => l.path === path)?.source;

  test("GIVEN a module output that is a variable's default inside the module THEN the default of module.keys.var.own", () => {
    expect(literal("aws_api_gateway_api_key.from_output", "value")).toEqual({ kind: "default", variable: "module.keys.var.own" });
  });

  test("GIVEN a module output from a resource THEN not literal", () => {
    expect(literal("aws_api_gateway_api_key.from_dynamic_output", "value")).toBeUndefined();
  });

  test("GIVEN count.index alone THEN a constant; `x = null` THEN not set, so not literal", () => {
    expect(literal("aws_api_gateway_api_key.counted", "name")).toEqual({ kind: "constant" });
    expect(literal("aws_api_gateway_api_key.counted", "value")).toBeUndefined();
  });

  test("GIVEN a module input from the call's constant for_each THEN a constant; from a root variable without default THEN not", () => {
    expect(literal("module.users.aws_cognito_user.u", "password")).toEqual({ kind: "constant" });
    expect(literal("module.users.aws_cognito_user.u", "username")).toBeUndefined();
  });

  test("GIVEN the same configuration address twice THEN one record, and none for an address the configuration lacks", () => {
    expect(writtenAt("module.users.aws_cognito_user.u")).toBe(writtenAt("module.users.aws_cognito_user.u"));
    expect(writtenAt("module.users.aws_cognito_user.u")?.names).toEqual(["password", "username"]);
    expect(writtenAt("aws_api_gateway_api_key.nowhere")).toBeUndefined();
  });
});

describe("GIVEN a real plan of a JSON-syntax configuration (compliant.tf.json planned by terraform, as cdktf's are)", () => {
  // terraform shows a template string as constant_value and lists its references beside it.
  const plan = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "compliant.plan.json"), "utf8")) as {
    configuration: { root_module: { resources: { address: string; expressions: Record<string, unknown> }[] } };
  };
  const writtenAt = planLiterals(plan.configuration.root_module as unknown as Parameters<typeof planLiterals>[0]);
  const authorizer = plan.configuration.root_module.resources.find((r) => r.address === "aws_api_gateway_authorizer.cognito");
  if (authorizer === undefined) throw new Error("compliant.plan.json has no aws_api_gateway_authorizer.cognito");
  const paths = (writtenAt(authorizer.address)?.literals ?? []).map((l) => l.path);

  test('THEN a template naming a resource (constant_value "${aws_x.y.id}" with references) is not literal', () => {
    expect(authorizer.expressions["rest_api_id"]).toMatchObject({ constant_value: expect.stringContaining("${"), references: expect.any(Array) });
    expect(paths).not.toContain("rest_api_id");
  });

  test("THEN a plain constant beside it still is", () => {
    expect(paths).toContain("name");
  });

  test("THEN a template of a variable without a default is not literal; with one, it is that default", () => {
    const record = planLiterals({
      variables: { given: {}, defaulted: { default: "d" } },
      resources: [
        resource("aws_api_gateway_api_key.k", {
          value: { constant_value: "${var.given}", references: ["var.given"] },
          description: { constant_value: "${var.defaulted}", references: ["var.defaulted"] },
        }),
      ],
    })("aws_api_gateway_api_key.k");
    expect(record?.literals).toEqual([{ path: "description", source: { kind: "default", variable: "var.defaulted" } }]);
  });
});
