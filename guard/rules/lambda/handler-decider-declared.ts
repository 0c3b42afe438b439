// A backend handler that decides access itself (it checks groups or claims before it answers) is declared so in the
// Terraform (its access-decider tag, from the access spec's decidesAccess) and in the policy's `deciders` section,
// both: the review judges its code from the base's tag and the base's policy, and a head without the tag is a
// decider that stopped saying so.
import { deciderTag, DECIDER_TAG } from "../../access/handler-deciders";
import { managed } from "../../access/doors/refs";
import { matchesName } from "../../../kernel/match/glob";
import type { PolicySet } from "../../policy/types";
import { lambdaFunctionSubjects } from "../private/subjects";
import type { Rule, RuleFinding } from "../types";

const namedBy = (policies: PolicySet, name: unknown): { file: string; reason: string } | undefined => {
  if (typeof name !== "string") return undefined;
  for (const p of policies.policies) {
    const d = (p.deciders ?? []).find((x) => matchesName(x.function, name));
    if (d !== undefined) return { file: p.file, reason: d.reason };
  }
  return undefined;
};

export const HandlerDeciderDeclared: Rule = {
  id: "handler-decider-declared",
  title: "Backend handlers that decide access are declared in the Terraform and in the policy",
  severity: "high",
  rationale:
    "Some backend handlers decide access themselves: the Cognito authorizer only authenticates, and the handler " +
    "refuses callers outside a group. Their code is as much a decider as an authorizer's, so the review blocks any " +
    `change to it, for the functions the base declares: the \`${DECIDER_TAG}\` tag (written from the access spec's ` +
    "`decidesAccess`) and the policy's `deciders` section (`{<function name pattern>: <what it checks>}`). A function " +
    "the policy names whose tag is gone has stopped saying what it is (high); a tagged function no policy names is " +
    "judged only while the tag stays (medium: add it to the policy; check --init-policy drafts the entry).",
  equivalents: {},
  subjects: (model, policies) =>
    lambdaFunctionSubjects(model, policies).filter((s) =>
      managed(model, "aws_lambda_function").some(
        (f) =>
          f.address === s.address && f.source.file === s.file && (deciderTag(f) !== undefined || namedBy(policies, f.values["function_name"]) !== undefined),
      ),
    ),
  check(model, policies) {
    const out: RuleFinding[] = [];
    for (const fn of managed(model, "aws_lambda_function")) {
      const name = fn.values["function_name"];
      const tag = deciderTag(fn);
      const policy = namedBy(policies, name);
      const where = { address: fn.address, file: fn.source.file };
      const label = typeof name === "string" ? name : fn.address;
      if (policy !== undefined && (tag === undefined || tag === "unknown"))
        out.push({
          ...where,
          message:
            `function ${label}: ${policy.file} names it as deciding access itself (${JSON.stringify(policy.reason)}), but its ` +
            `${DECIDER_TAG} tag is ${tag === "unknown" ? "known only after apply: not verified" : "missing"} (the access spec's decidesAccess on its routes writes it)`,
        });
      else if (policy === undefined && tag !== undefined && tag !== "unknown")
        out.push({
          ...where,
          severity: "medium",
          message: `function ${label} declares that it decides access itself (${DECIDER_TAG}: ${JSON.stringify(tag)}), but no policy's deciders section names it: the review judges its code only while the tag stays`,
        });
    }
    return out;
  },
};
