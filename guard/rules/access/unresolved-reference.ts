// A reference the loader could not follow is a finding: a method whose path or authorizer is unknown cannot pass.
// A route's missing authorizer is authorizer-exists's finding on the route (one cause, one finding per route).
import { reportedOnRoutes } from "../private/route-authorizer-problems";
import type { Rule } from "../types";

export const UnresolvedReference: Rule = {
  id: "unresolved-reference",
  title: "Every reference between API resources resolves",
  severity: "high",
  rationale:
    "Routes, authorizers and stages are reconstructed by following references. A reference that points at " +
    "nothing in the configuration (or is ambiguous) would otherwise make the checks that depend on it pass silently. " +
    "A route's authorizer_id that needs an authorizer is authorizer-exists's finding, on the route, with the same reason.",
  equivalents: {},
  check: (model) => {
    const onRoutes = reportedOnRoutes(model);
    return model.unresolved
      .filter((u) => !onRoutes.has(u))
      .map((u) => ({
        address: u.address,
        detail: u.attribute,
        message: `${u.attribute}: ${u.reason}`,
        file: u.source.file,
      }));
  },
};
