import * as path from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { BundledFunction, type NodeRuntime } from "../../constructs/bundled-function";

const FIXTURE = path.resolve(__dirname, "fixtures", "hello.ts");

interface Synthed {
  resource: Record<string, Record<string, Record<string, unknown>>>;
}

function synth(edge: boolean): Synthed {
  const app = Testing.app();
  const stack = new TerraformStack(app, "s");
  new BundledFunction(stack, "fn", {
    functionName: "petstore-dev-hello",
    entry: FIXTURE,
    files: { "route-table.json": "{}" },
    environment: edge ? undefined : { A: "1" },
    statements: [{ effect: "Allow", actions: ["sts:AssumeRole"], resources: ["arn:aws:iam::1:role/r"] }],
    logRetentionDays: 30,
    edge,
  });
  return JSON.parse(Testing.synth(stack)) as Synthed;
}

const only = (r: Record<string, Record<string, unknown>> | undefined): Record<string, unknown> => {
  const values = Object.values(r ?? {});
  expect(values).toHaveLength(1);
  return values[0];
};

describe("BundledFunction", () => {
  test("GIVEN a handler WHEN synthesized THEN the function uses the bundle hash, arm64, and depends on its log group", () => {
    const out = synth(false);
    const fn = only(out.resource.aws_lambda_function);
    expect(fn.function_name).toBe("petstore-dev-hello");
    expect(fn.architectures).toEqual(["arm64"]);
    expect(fn.runtime).toBe("nodejs22.x");
    expect(fn.handler).toBe("index.handler");
    expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(String(fn.filename)).toMatch(/^assets\/.+\.zip$/);
    expect(fn.environment).toEqual({ variables: { A: "1" } });
    expect(fn.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\./)]));
    const logs = only(out.resource.aws_cloudwatch_log_group);
    expect(logs).toMatchObject({ name: "/aws/lambda/petstore-dev-hello", retention_in_days: 30 });
  });

  test("GIVEN extra statements WHEN synthesized THEN the role may only log to its own group plus those", () => {
    const out = synth(false);
    const role = only(out.resource.aws_iam_role);
    expect(JSON.parse(String(role.assume_role_policy)).Statement[0].Principal.Service).toEqual(["lambda.amazonaws.com"]);
    const policy = String(only(out.resource.aws_iam_role_policy).policy);
    expect(policy).toContain("logs:PutLogEvents");
    expect(policy).toContain("aws_cloudwatch_log_group.");
    expect(policy).toContain("sts:AssumeRole");
    expect(policy).not.toContain("logs:CreateLogGroup");
    expect(policy).not.toMatch(/"Resource":\s*\[?\s*"\*"/);
  });

  test("GIVEN edge WHEN synthesized THEN the role trusts edgelambda, the function is published x86_64 and has no environment", () => {
    const out = synth(true);
    const fn = only(out.resource.aws_lambda_function);
    expect(fn.publish).toBe(true);
    expect(fn.architectures).toEqual(["x86_64"]);
    // Lambda@Edge runs Node.js 22 too: one runtime for every function.
    expect(fn.runtime).toBe("nodejs22.x");
    expect(fn.environment).toBeUndefined();
    const role = only(out.resource.aws_iam_role);
    expect(JSON.parse(String(role.assume_role_policy)).Statement[0].Principal.Service).toContain("edgelambda.amazonaws.com");
  });

  test("GIVEN a runtime this project does not deploy (nodejs20.x, blocked by AWS) WHEN constructed THEN it refuses, naming it", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const runtime = "nodejs20.x" as unknown as NodeRuntime; // what a JavaScript caller could pass
    expect(() => new BundledFunction(stack, "fn", { functionName: "f", entry: FIXTURE, logRetentionDays: 1, runtime })).toThrow(
      'BundledFunction "fn": runtime "nodejs20.x" is not one this project deploys (nodejs22.x)',
    );
  });

  test("GIVEN edge with environment WHEN constructed THEN it refuses", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    expect(() => new BundledFunction(stack, "fn", { functionName: "e", entry: FIXTURE, environment: { A: "1" }, logRetentionDays: 1, edge: true })).toThrow(
      /cannot have environment variables/,
    );
  });
});
