// Lambda functions as the runtime rule reads them: name, runtime and package type, typed, from each managed
// `aws_lambda_function` instance (cdk.tf.json or plan alike; `${...}` and values known after apply are Unknown).
import { isUnknown, type Model, type ResourceInstance, type Val } from "../model";

export interface LambdaFunctionFacts {
  readonly address: string;
  readonly functionName: Val<string> | undefined;
  /** `runtime`; undefined when not set (container images have none). */
  readonly runtime: Val<string> | undefined;
  /** `package_type`: Zip (Terraform's default) or Image. */
  readonly packageType: Val<string>;
  readonly resource: ResourceInstance;
}

const text = (v: unknown): Val<string> | undefined => (isUnknown(v) ? v : typeof v === "string" && v !== "" ? v : undefined);

export function lambdaFunctions(model: Model): LambdaFunctionFacts[] {
  return model.resources
    .filter((r) => r.mode === "managed" && r.type === "aws_lambda_function")
    .map((r) => ({
      address: r.address,
      functionName: text(r.values["function_name"]),
      runtime: text(r.values["runtime"]),
      packageType: text(r.values["package_type"]) ?? "Zip",
      resource: r,
    }));
}
