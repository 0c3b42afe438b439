// Every Lambda function runs on a runtime AWS still lets you create and update, judged at the model's day
// (model.asOf) against AWS's dated table (private/runtimes.ts): a blocked runtime fails the next deploy that touches
// the function, whatever the plan says.
import { lambdaFunctions, type LambdaFunctionFacts } from "../../access/lambda-functions";
import { show } from "../../access/lookups";
import { daysBetween } from "../../../kernel/io/day";
import { isUnknown } from "../../model";
import { lifecycleOf, RUNTIME_TABLE_CHECKED_ON, type RuntimeLifecycle } from "../private/runtimes";
import { lambdaFunctionSubjects } from "../private/subjects";
import type { Rule, RuleFinding } from "../types";

/** How many days ahead of a block a runtime is reported (medium), so there is time to move. */
export const RUNTIME_WARNING_DAYS = 90;

function finding(f: LambdaFunctionFacts, message: string, extra: Partial<RuleFinding> = {}): RuleFinding {
  const name = f.functionName === undefined ? "" : ` ${isUnknown(f.functionName) ? show(f.functionName) : JSON.stringify(f.functionName)}`;
  return { address: f.address, message: `function${name}: ${message}`, file: f.resource.source.file, ...extra };
}

/** What `runtime` means on `day`: undefined when nothing is due within the warning window. */
function judge(runtime: string, life: RuntimeLifecycle, day: string): { message: string; severity: "high" | "medium" } | undefined {
  const since = (d: string): string => `since ${d}${life.atTheLatest === true ? " at the latest" : ""}`;
  const toCreate = daysBetween(day, life.blockCreate);
  const toUpdate = daysBetween(day, life.blockUpdate);
  const asOf = `(as of ${day}; deprecated ${life.deprecated})`;
  if (toUpdate <= 0) {
    return {
      severity: "high",
      message: `runtime ${runtime}: AWS blocks creating functions on it ${since(life.blockCreate)} and updating them ${since(life.blockUpdate)}, so a deploy that creates or changes this function fails ${asOf}`,
    };
  }
  if (toCreate <= 0) {
    return {
      severity: "high",
      message: `runtime ${runtime}: AWS blocks creating functions on it ${since(life.blockCreate)}, so a deploy that creates this function fails, and updating them from ${life.blockUpdate} (in ${toUpdate} days) ${asOf}`,
    };
  }
  if (toCreate <= RUNTIME_WARNING_DAYS || daysBetween(life.deprecated, day) >= 0) {
    return {
      severity: "medium",
      message: `runtime ${runtime}: AWS blocks creating functions on it from ${life.blockCreate} (in ${toCreate} days) and updating them from ${life.blockUpdate}; move to a newer runtime before then ${asOf}`,
    };
  }
  return undefined;
}

export const LambdaRuntimeSupported: Rule = {
  id: "lambda-runtime-supported",
  title: "Lambda functions run on a runtime AWS still lets you create and update",
  severity: "high",
  rationale:
    "AWS deprecates a managed runtime (no more security patches), then blocks creating functions on it, then updating " +
    "them: from those days a deploy that creates or changes the function fails, and a plan cannot show it. Judged at " +
    "the day of the run (check --as-of to choose one) against a dated table (guard/rules/private/runtimes.ts) from " +
    "AWS's 'Building Lambda functions with Node.js' and 'Lambda runtimes' pages: high once a block has begun, medium " +
    `within ${RUNTIME_WARNING_DAYS} days of the create block or once deprecated. A runtime the table does not list, or ` +
    "one known only after apply, is reported low, not verified. Container images (no runtime) are not judged. " +
    "Also AWS Security Hub control Lambda.2.",
  equivalents: { checkov: ["CKV_AWS_363"], tflint: ["aws_lambda_function_deprecated_runtime"], cdkNag: ["AwsSolutions-L1"] },
  subjects: lambdaFunctionSubjects,
  check(model) {
    const day = model.asOf ?? RUNTIME_TABLE_CHECKED_ON;
    const out: RuleFinding[] = [];
    for (const f of lambdaFunctions(model)) {
      // An image carries its own runtime; a .zip function without one is refused by AWS at create, dates aside.
      if (f.packageType === "Image" || f.runtime === undefined) continue;
      if (isUnknown(f.runtime)) {
        out.push(finding(f, `runtime ${show(f.runtime)} is known only after apply: whether AWS still accepts it is not verified`, { severity: "low" }));
        continue;
      }
      const life = lifecycleOf(f.runtime);
      if (life === undefined) {
        out.push(
          finding(f, `runtime ${JSON.stringify(f.runtime)} is not in the dated table of Lambda runtimes: whether AWS still accepts it is not verified`, {
            severity: "low",
          }),
        );
        continue;
      }
      const verdict = judge(f.runtime, life, day);
      if (verdict !== undefined) out.push(finding(f, verdict.message, verdict.severity === "high" ? {} : { severity: verdict.severity }));
    }
    return out;
  },
};
