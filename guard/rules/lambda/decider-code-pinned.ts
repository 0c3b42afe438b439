// The code that decides a route (a Lambda authorizer, a Lambda@Edge function) is the code built from the reviewed
// package: not a version or alias pinned by literal, and not a package the check cannot read.
import { behaviors } from "../../access/cloudfront";
import { codePin, deciderFunctions, packageGap, type CodePin } from "../../access/code-pin";
import { known, show } from "../../access/lookups";
import { handlerDeciders, invokedCode } from "../../access/handler-deciders";
import { asString, blocks } from "../../load/json";
import { authorizerSubjects, lambdaFunctionSubjects } from "../private/subjects";
import type { PolicySet } from "../../policy/types";
import type { Rule, RuleFinding } from "../types";

const deciderPatterns = (policies: PolicySet): string[] => policies.policies.flatMap((p) => (p.deciders ?? []).map((d) => d.function));

const pinMessage = (what: string, pin: Exclude<CodePin, { kind: "reviewed" }>): Pick<RuleFinding, "message" | "severity"> =>
  pin.kind === "pinned"
    ? { message: `${what} runs version/alias ${JSON.stringify(pin.qualifier)} (${pin.via}), not the version published from the reviewed package` }
    : { message: `${what}: ${pin.why}: not verified which code runs`, severity: "medium" };

export const DeciderCodePinned: Rule = {
  id: "decider-code-pinned",
  title: "Authorizers and Lambda@Edge functions run the reviewed package",
  severity: "high",
  rationale:
    "A Lambda authorizer's authorizer_uri and a cache behavior's lambda_function_association name the code that " +
    "decides who passes. With a literal qualifier (`:7`, an alias whose function_version is a literal) they run a " +
    "version published at some other time, from code nobody reviewed here: the package, its digest and the " +
    "bundle-matches-source rule all describe a version that does not run. Only the function's own published version " +
    "(qualified_arn, version) or $LATEST runs the reviewed package. A decider whose code comes from s3_bucket/s3_key " +
    "or a container image cannot be compared with the source: not verified. Backend handlers that decide access " +
    "themselves (rule handler-decider-declared) are deciders too: each route's integration must invoke their reviewed code.",
  equivalents: {},
  // Lambda authorizers and the functions that decide routes; a pinned edge association falls on its distribution.
  subjects: (model, policies) => {
    const fns = [...deciderFunctions(model), ...handlerDeciders(model, deciderPatterns(policies)).map((d) => d.fn)];
    return [
      ...authorizerSubjects(model, policies).filter((s) => model.authorizers.some((a) => a.address === s.address && a.authorizerUri !== undefined)),
      ...lambdaFunctionSubjects(model, policies).filter((s) => fns.some((f) => f.address === s.address && f.source.file === s.file)),
    ];
  },
  check(model, policies) {
    const out: RuleFinding[] = [];
    for (const a of model.authorizers) {
      if (a.authorizerUri === undefined) continue;
      const where = { address: a.address, ...(a.api !== undefined && known(a.api.name) ? { api: a.api.name } : {}), file: a.resource.source.file };
      const pin = codePin(model, a.resource, "authorizer_uri", a.authorizerUri);
      if (pin.kind !== "reviewed") out.push({ ...where, ...pinMessage(`authorizer ${show(a.name)}`, pin) });
    }
    for (const d of model.resources.filter((r) => r.type === "aws_cloudfront_distribution" && r.mode === "managed")) {
      for (const b of behaviors(d)) {
        for (const assoc of blocks(b.block["lambda_function_association"])) {
          const pin = codePin(model, d, b.attribute, assoc["lambda_arn"]);
          if (pin.kind === "reviewed") continue;
          const event = asString(assoc["event_type"]) ?? "?";
          out.push({
            address: d.address,
            file: d.source.file,
            detail: `behavior ${b.name} ${event} ${pin.kind === "pinned" ? `pinned ${pin.qualifier}` : "unverified"}`,
            ...pinMessage(`cache behavior ${b.name}'s ${event} Lambda@Edge function`, pin),
          });
        }
      }
    }
    for (const fn of deciderFunctions(model)) {
      const gap = packageGap(fn);
      if (gap !== undefined) out.push({ address: fn.address, file: fn.source.file, detail: "package", message: `decider function ${fn.address}: ${gap}` });
    }
    const seen = new Set(deciderFunctions(model));
    for (const d of handlerDeciders(model, deciderPatterns(policies))) {
      const where = { address: d.fn.address, file: d.fn.source.file };
      const gap = seen.has(d.fn) ? undefined : packageGap(d.fn);
      if (gap !== undefined) out.push({ ...where, detail: "package", message: `function ${d.target.label}, which decides access itself: ${gap}` });
      for (const r of d.routes) {
        const code = invokedCode(model, d.target, r);
        if (code === "reviewed") continue;
        out.push({
          ...where,
          ...(code.startsWith("not verified") ? { severity: "medium" as const } : {}),
          detail: `route ${r.label} ${code.startsWith("not verified") ? "unverified" : `runs ${code}`}`,
          message: code.startsWith("not verified")
            ? `${r.label} invokes ${d.target.label}, which decides access itself: which code runs is ${code}`
            : `${r.label} invokes ${d.target.label}, which decides access itself, at ${code}, not the version published from the reviewed package`,
        });
      }
    }
    return out;
  },
};
