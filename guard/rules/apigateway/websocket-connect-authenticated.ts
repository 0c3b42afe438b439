// A WebSocket API authenticates its clients once, on $connect: without a $connect route, or with $connect NONE, every
// client connects unauthenticated and every route of the API runs for it.
import { isUnknown, type Route } from "../../model";
import { CONNECT_ROUTE_KEY } from "../../../kernel/match/route";
import { apiKind, apiNameOf, intendedFor, routeFinding, show } from "../../access/lookups";
import type { Rule, RuleFinding } from "../types";
import { routeSubjects } from "../private/subjects";

const isConnect = (r: Route): boolean => r.api?.protocol === "WEBSOCKET" && r.routeKey === CONNECT_ROUTE_KEY;

export const WebsocketConnectAuthenticated: Rule = {
  id: "websocket-connect-authenticated",
  title: "WebSocket API connections are authenticated",
  severity: "high",
  rationale:
    "A WebSocket API's authorizer can be attached only to its $connect route; $disconnect, $default and custom " +
    "routes run on the connection $connect accepted. Without a $connect route API Gateway accepts every connection, " +
    "and a $connect with authorization NONE authenticates nobody: anyone who knows the URL connects and sends " +
    "messages to every route (into a queue, a Lambda, a database). Only a policy that names the API's $connect as " +
    "NONE (or API_KEY) with a written reason makes that intended.",
  equivalents: { checkov: ["CKV_AWS_309"] },
  subjects: routeSubjects(isConnect),
  check(model, policies) {
    const out: RuleFinding[] = [];
    for (const r of model.routes.filter(isConnect)) {
      const others = model.routes.filter((x) => x.api === r.api && x !== r).map((x) => x.routeKey ?? x.address);
      const reach = others.length === 0 ? "" : ` and can send to ${others.join(", ")}`;
      if (isUnknown(r.authorization)) {
        out.push(
          routeFinding(
            r,
            `$connect: authorization ${show(r.authorization)} is known only after apply, so whether connections are authenticated is not verified`,
            { severity: "info" },
          ),
        );
        continue;
      }
      if (r.authorization.toUpperCase() !== "NONE") continue;
      const want = intendedFor(policies, r);
      if ((want?.type === "NONE" || want?.type === "API_KEY") && (want.reason ?? "").trim() !== "") continue;
      const why =
        r.implicit === true
          ? `${apiKind(r.api)} ${JSON.stringify(apiNameOf(r) ?? r.api?.address ?? r.address)} has no $connect route: API Gateway accepts every connection`
          : `$connect has authorization NONE${r.apiKeyRequired === true ? " (an API key meters, it does not authenticate)" : ""}`;
      out.push(routeFinding(r, `${why}, so every client connects unauthenticated${reach}; no policy names $connect as public with a reason`));
    }
    return out;
  },
};
