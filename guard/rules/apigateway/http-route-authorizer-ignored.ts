// An HTTP API route with an authorizer_id but authorization_type NONE (or omitted) is open: the authorizer never runs.
import { routeFinding, show } from "../../access/lookups";
import type { Rule } from "../types";
import { routeSubjects } from "../private/subjects";

export const HttpRouteAuthorizerIgnored: Rule = {
  id: "http-route-authorizer-ignored",
  title: "HTTP API routes with an authorizer_id set their authorization_type",
  severity: "critical",
  rationale:
    "aws_apigatewayv2_route's authorization_type defaults to NONE, and API Gateway ignores an authorizer_id on a " +
    "NONE route: the route reads as protected in review and is open to anyone (terraform-aws-modules/apigateway-v2 " +
    "#82). The authorizer must be named by authorization_type JWT or CUSTOM.",
  equivalents: {},
  subjects: routeSubjects((r) => r.form === "http-route" && r.authorization === "NONE"),
  check: (model) =>
    model.routes
      .filter((r) => r.form === "http-route" && r.authorization === "NONE")
      .filter((r) => {
        const id = r.resource.values["authorizer_id"];
        return id !== undefined && id !== null && id !== "";
      })
      .map((r) => {
        const set = r.resource.values["authorization_type"];
        const how = set === undefined || set === null ? "authorization_type is omitted, which means NONE" : `authorization_type is ${show(set)}`;
        return routeFinding(
          r,
          `${r.routeKey ?? r.address} names authorizer ${r.authorizer !== undefined ? show(r.authorizer.name) : show(r.resource.values["authorizer_id"])} but ${how}: the authorizer never runs and the route is open`,
        );
      }),
};
