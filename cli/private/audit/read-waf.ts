// WAFv2 web ACLs and rule groups of one scope: REGIONAL in each region (what REST API stages name in webAclArn),
// CLOUDFRONT once per account in us-east-1, where that scope lives whatever --region says. One listing per scope
// and kind, one Get per ACL or group (their rules are not in the listing). Byte-match search strings (the
// origin-verify secret among them) are dropped at read time.
import { GetRuleGroupCommand, GetWebACLCommand, ListRuleGroupsCommand, ListWebACLsCommand, type Scope } from "@aws-sdk/client-wafv2";
import { allPages, each, type Caller } from "./calls";
import type { RegionClients } from "./clients";
import type { WafRead } from "./snapshot";
import { withoutSearchStrings } from "./waf-secrets";

const LIMIT = 100;

export async function readWaf(caller: Caller, clients: RegionClients, region: string, scope: Scope): Promise<WafRead> {
  const waf = clients.wafv2;
  const send = <C extends object, T>(c: C, f: (c: C) => Promise<T>) => caller.call("wafv2", c, f);
  const [acls, groups] = await Promise.all([
    caller.attempt(region, "wafv2", `ListWebACLs ${scope}`, () =>
      allPages(async (NextMarker) => {
        const r = await send(new ListWebACLsCommand({ Scope: scope, Limit: LIMIT, NextMarker }), (c) => waf.send(c));
        return { items: r.WebACLs, next: r.NextMarker };
      }),
    ),
    caller.attempt(region, "wafv2", `ListRuleGroups ${scope}`, () =>
      allPages(async (NextMarker) => {
        const r = await send(new ListRuleGroupsCommand({ Scope: scope, Limit: LIMIT, NextMarker }), (c) => waf.send(c));
        return { items: r.RuleGroups, next: r.NextMarker };
      }),
    ),
  ]);
  const webAcls = await each(acls ?? [], (s) =>
    caller.attempt(region, "wafv2", `GetWebACL ${scope} ${s.Name ?? s.Id ?? ""}`, async () => {
      const r = await send(new GetWebACLCommand({ Scope: scope, Name: s.Name, Id: s.Id }), (c) => waf.send(c));
      return r.WebACL === undefined ? undefined : withoutSearchStrings(r.WebACL);
    }),
  );
  const ruleGroups = await each(groups ?? [], (s) =>
    caller.attempt(region, "wafv2", `GetRuleGroup ${scope} ${s.Name ?? s.Id ?? ""}`, async () => {
      const r = await send(new GetRuleGroupCommand({ Scope: scope, Name: s.Name, Id: s.Id }), (c) => waf.send(c));
      return r.RuleGroup === undefined ? undefined : withoutSearchStrings(r.RuleGroup);
    }),
  );
  return {
    scope,
    webAcls: webAcls.filter((a) => a !== undefined),
    ruleGroups: ruleGroups.filter((g) => g !== undefined),
  };
}
