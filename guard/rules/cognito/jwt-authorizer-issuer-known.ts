// A JWT authorizer trusts a user pool of this configuration, and its audience names app clients of that pool.
import { judgeJwtIssuer } from "../../access/jwt-issuer";
import { valueOf } from "../../access/reference-identity";
import { isUnknown } from "../../model";
import { known, show, untrustedPoolWhy } from "../../access/lookups";
import type { Rule, RuleFinding } from "../types";

export const JwtAuthorizerIssuerKnown: Rule = {
  id: "jwt-authorizer-issuer-known",
  title: "JWT authorizers trust a user pool of this configuration and its app clients",
  severity: "high",
  rationale:
    "An HTTP API's JWT authorizer accepts any token signed by its issuer whose aud (ID tokens) or client_id (access " +
    "tokens) is in its audience. An issuer that is no user pool of this configuration cannot be checked for who gets " +
    "tokens; an audience entry that is no app client of that pool admits tokens minted for someone else's client. An " +
    "issuer written in a dynamic jwt_configuration block is not in plan JSON: the one user pool the block's data names " +
    "is the candidate its audience is judged against, and it is never a pass (not verified). The issuer is judged by what it " +
    "yields: API Gateway compares it with the token's iss (https://cognito-idp.<region>.amazonaws.com/<pool id>), so a " +
    "pool's endpoint without https:// or its id alone trusts no pool; a plan shows an expression known only after apply " +
    "by its references only, so whether https:// is written before the endpoint is not verified there.",
  equivalents: {},
  check(model) {
    const out: RuleFinding[] = [];
    for (const a of model.authorizers) {
      if (a.type !== "JWT") continue;
      const where = { address: a.address, ...(a.api !== undefined && known(a.api.name) ? { api: a.api.name } : {}), file: a.resource.source.file };
      const judged = judgeJwtIssuer(model, a);
      const issuer = judged.target;
      if (judged.kind === "not-the-issuer") {
        out.push({
          ...where,
          detail: `not-the-issuer ${issuer.label}`,
          message: `authorizer ${show(a.name)} trusts issuer ${issuer.label}: ${judged.why}, so it trusts no user pool of this configuration`,
        });
        continue;
      }
      if (issuer.literal !== undefined) {
        out.push({
          ...where,
          detail: `untrusted-issuer ${issuer.label}`,
          message: `authorizer ${show(a.name)} trusts issuer ${issuer.label}, ${untrustedPoolWhy(issuer.label)}`,
        });
        continue;
      }
      const stack = a.resource.source.stack;
      const pool = model.userPools.find((p) => `${p.resource.source.stack}::${p.address}` === issuer.key);
      const clients = model.userPoolClients.filter((c) => c.resource.source.stack === stack && c.userPoolAddress === pool?.address);
      const audience = a.jwtAudience;
      if (audience === undefined || isUnknown(audience)) {
        out.push({
          ...where,
          detail: "audience unknown",
          message: `authorizer ${show(a.name)}: audience ${show(audience)} is known only after apply: not verified`,
        });
        continue;
      }
      // An issuer read from a dynamic block's data is a candidate: its audience is judged against that pool, and
      // what would pass stays not verified (the block itself may name another issuer, which the plan does not show).
      const candidate =
        a.jwtIssuerFromDynamicBlock === true
          ? ` (the one issuer the data of its dynamic jwt_configuration block names)`
          : judged.kind === "undecided"
            ? ` (the candidate its issuer ${judged.expression} names)`
            : "";
      const before = out.length;
      if (audience.length === 0) out.push({ ...where, detail: "audience empty", message: `authorizer ${show(a.name)} has an empty audience` });
      for (const entry of audience) {
        const v = valueOf(model, stack, entry);
        // `${aws_cognito_user_pool_client.web.id}` (or the bare reference in a plan), or a known client id.
        const byRef =
          v.refs.length === 1 && /^(\$\{\u00000\.id\}|\u00000\.id)$/.test(v.template) && clients.some((c) => `${stack}::${c.address}` === v.refs[0].key);
        const byId = typeof entry === "string" && clients.some((c) => c.resource.values["id"] === entry);
        if (!byRef && !byId)
          out.push({
            ...where,
            detail: `audience ${v.display} issuer ${issuer.label}`,
            message: `authorizer ${show(a.name)}: audience ${v.display} is no app client of user pool ${issuer.label}${candidate}`,
          });
      }
      if (judged.kind === "undecided" && a.jwtIssuerFromDynamicBlock !== true && out.length === before)
        out.push({
          ...where,
          detail: `issuer undecided ${issuer.label}`,
          message:
            `authorizer ${show(a.name)}: issuer ${judged.expression} is known only after apply and a plan shows what it references, not its text: ` +
            `https:// before the endpoint is user pool ${issuer.label}'s issuer, the endpoint alone (no scheme) matches none of its tokens, ` +
            `another URL around it trusts whoever serves that host: not verified`,
        });
      else if (candidate !== "" && out.length === before)
        out.push({
          ...where,
          detail: `issuer dynamic-block ${issuer.label}`,
          message: `authorizer ${show(a.name)}: issuer written in a dynamic jwt_configuration block, whose expressions a plan does not show; the data it iterates over names user pool ${issuer.label} only: not verified`,
        });
    }
    return out;
  },
};
