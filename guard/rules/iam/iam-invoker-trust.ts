// Roles that can invoke an AWS_IAM route are assumable only by principals this configuration defines.
import { iamAccess, type RoleAccess } from "../../access/iam";
import type { Rule, RuleFinding } from "../types";

export const IamInvokerTrust: Rule = {
  id: "iam-invoker-trust",
  title: "Roles that invoke AWS_IAM routes trust no one outside the configuration",
  severity: "high",
  rationale:
    "With AWS_IAM authorization, whoever can assume a role holding execute-api:Invoke calls the route. A trust " +
    "policy naming `*` lets any AWS principal in; one naming another account (or its root) lets in whoever that " +
    "account's administrators choose. Roles that may assume the role are followed: their trust counts too.",
  equivalents: {},
  check(model) {
    const routesByRole = new Map<RoleAccess, string[]>();
    for (const r of iamAccess(model).routes) {
      for (const { role } of r.roles) routesByRole.set(role, [...(routesByRole.get(role) ?? []), r.route.routeKey ?? r.route.address]);
    }
    const out: RuleFinding[] = [];
    for (const [role, routes] of routesByRole) {
      for (const a of role.assumers.filter((x) => x.reach !== "inside")) {
        out.push({
          address: role.address,
          // Who may assume it and what it reaches: another outsider, or more routes, is another finding.
          detail: `assumable-by ${a.text} invokes ${JSON.stringify([...new Set(routes)].sort())}`,
          message: `role ${role.name} can invoke ${routes.join(", ")} and is assumable by ${a.text}`,
          file: role.resource.source.file,
          ...(a.reach === "anyone" ? { severity: "critical" as const } : {}),
        });
      }
    }
    return out;
  },
};
