// Semantic validation of an access spec: every cross-reference, AWS limit and API Gateway resource
// conflict, reported together (never just the first) so one synth run shows everything to fix.
import type { AccessSpec, SpecProblem } from "./types";
import { declaredNames } from "./private/names";
import { ProblemList } from "./private/problems";
import { validateCognito } from "./private/validate-cognito";
import { validateRoutes } from "./private/validate-routes";
import { validateAuthorizers, validateCorsWafEdge, validateIdentity, validateInvokerRoles, validateStage, validateUsagePlans } from "./private/validate-api";

/** Pure: no I/O. An empty result means the spec may be synthesized. `file` is copied into each problem. */
export function validateSpec(spec: AccessSpec, file: string): SpecProblem[] {
  const problems = new ProblemList(file);
  const names = declaredNames(spec);
  validateIdentity(problems, spec);
  validateCognito(problems, spec.cognito, names);
  validateAuthorizers(problems, spec.authorizers);
  validateInvokerRoles(problems, spec.invokerRoles);
  validateRoutes(problems, spec, names);
  validateUsagePlans(problems, spec);
  validateStage(problems, spec);
  validateCorsWafEdge(problems, spec, names);
  return problems.toArray();
}
