// An HTTP API integration that hands the backend a verified identity replaces what the caller sent under that
// name: `append:` keeps the caller's own value in front of it.
import { appendedIdentities, routeIntegrations } from "../../access/identity-mapping";
import { describeSource } from "../../access/identity/sources";
import { routeFinding } from "../../access/lookups";
import type { Rule } from "../types";
import { routeSubjects } from "../private/subjects";

export const HttpIdentityAppended: Rule = {
  id: "http-identity-appended",
  title: "HTTP API identity mappings overwrite what the caller sent",
  severity: "high",
  rationale:
    "An HTTP API parameter mapping `append:header.x-user` = `$context.authorizer.claims.sub` keeps the x-user header " +
    "the caller sent and adds the token's value after it: the backend receives `attacker,alice` and, reading the first " +
    "value (most frameworks do), acts for whoever the caller named. `overwrite:` (or `remove:` then `append:`) makes " +
    "the value the verified identity alone.",
  equivalents: {},
  subjects: routeSubjects((r) => r.form === "http-route"),
  check: (model) =>
    routeIntegrations(model).flatMap((r) =>
      appendedIdentities(r).map((a) =>
        routeFinding(
          r.routeRef,
          `${r.route}: ${a.name} is appended from ${describeSource(a.source)} after whatever the caller sends as ${a.name}, which API Gateway keeps: the backend may read the caller's value as the identity (use overwrite:)`,
        ),
      ),
    ),
};
