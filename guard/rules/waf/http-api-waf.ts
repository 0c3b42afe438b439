// HTTP APIs cannot have a WAF web ACL: a public one is filtered only by CloudFront + WAF in front of it, and
// only while its default execute-api endpoint is disabled (or callers go around CloudFront).
import { blocks } from "../../load/json";
import { isUnknown, type Model, type RestApi } from "../../model";
import { known, show } from "../../access/lookups";
import { refsOf, resolveRefs } from "../../access/cloudfront";
import { distributionValueLinks } from "../../access/edge-links";
import { entrancesOf } from "../../access/doors/entrances";
import { mutualTlsOnly } from "../../access/mutual-tls";
import type { Rule, RuleFinding } from "../types";

/** Addresses of the HTTP APIs a distribution with a web ACL references in its origins (their api_endpoint). */
function wafFrontedAddresses(model: Model): Set<string> {
  const out = new Set<string>();
  for (const d of model.resources) {
    if (d.type !== "aws_cloudfront_distribution" || d.mode !== "managed") continue;
    const acl = d.values["web_acl_id"];
    const hasAcl = (typeof acl === "string" && acl !== "") || (isUnknown(acl) && acl.expression !== undefined);
    if (!hasAcl) continue;
    const refs = [...blocks(d.values["origin"]).flatMap((o) => refsOf(o["domain_name"])), ...(d.references["origin"] ?? [])];
    for (const r of resolveRefs(model, d, refs, "aws_apigatewayv2_api")) out.add(r.address);
    // By value too (a state document: the origin is the API's execute-api host or a custom domain mapped to it).
    for (const r of distributionValueLinks(model, d).apis) if (r.type === "aws_apigatewayv2_api") out.add(r.address);
  }
  return out;
}

/** Is this HTTP API fronted by a distribution with a web ACL? (Every distribution read once per check, not per API.) */
const wafFronted = (fronted: ReadonlySet<string>, api: RestApi): boolean => fronted.has(api.address);

export const HttpApiWaf: Rule = {
  id: "http-api-waf",
  title: "HTTP APIs are reached only through CloudFront with a WAF web ACL",
  severity: "high",
  rationale:
    "WAF web ACLs attach to REST API stages, not to HTTP APIs. An HTTP API's only filter (rate limits, managed " +
    "rules) is a CloudFront distribution with a web ACL in front of it, and that filter holds only when the default " +
    "execute-api endpoint is disabled (disable_execute_api_endpoint = true), or callers simply go around it. A custom " +
    "domain mapped to the API is such a way around too: with the default endpoint disabled, an HTTP API served by a " +
    "custom domain is still reported (medium when mutual TLS narrows it to certificate holders or CloudFront + WAF " +
    "fronts it).",
  equivalents: { checkov: ["CKV2_AWS_29"], kics: ["api_gateway_without_waf"] },
  check(model) {
    const out: RuleFinding[] = [];
    let frontedAddresses: Set<string> | undefined;
    for (const api of model.apis) {
      if (api.protocol !== "HTTP") continue;
      const where = { address: api.address, ...(known(api.name) ? { api: api.name } : {}), file: api.resource.source.file };
      const disabled = api.disableExecuteApiEndpoint;
      frontedAddresses ??= wafFrontedAddresses(model);
      if (disabled === true) {
        // No execute-api endpoint, but a custom domain serves the API directly (a web ACL cannot attach to it):
        // nothing filters unless CloudFront + WAF fronts it, and even then the domain itself goes around it.
        const domains = entrancesOf(model, api).filter((e) => e.kind === "custom-domain");
        if (domains.length === 0) continue;
        const names = domains.map((e) => e.id.replace(/^custom-domain:/, "")).join(", ");
        const mtls = mutualTlsOnly(model, api) !== undefined;
        const fronted = wafFronted(frontedAddresses, api);
        out.push({
          ...where,
          message: `HTTP API ${show(api.name)} has its default execute-api endpoint disabled, but custom domain ${names} serves it directly, where no web ACL can attach${fronted ? ": callers can go around the CloudFront web ACL" : " and no CloudFront distribution with one fronts it"}${mtls ? " (mutual TLS admits only client certificate holders)" : ""}`,
          ...(fronted || mtls ? { severity: "medium" as const } : {}),
        });
        continue;
      }
      const fronted = wafFronted(frontedAddresses, api);
      const endpoint = isUnknown(disabled) ? `disable_execute_api_endpoint is ${show(disabled)}` : "its default execute-api endpoint is enabled";
      out.push({
        ...where,
        message: fronted
          ? `HTTP API ${show(api.name)} has CloudFront + WAF in front, but ${endpoint}: callers can go around the web ACL`
          : `HTTP API ${show(api.name)} cannot have a WAF web ACL, no CloudFront distribution with one fronts it, and ${endpoint}`,
        ...(fronted ? { severity: "medium" as const } : {}),
      });
    }
    return out;
  },
};
