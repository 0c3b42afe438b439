// WAFv2 read from the account (aws-sdk-client-mock): REGIONAL web ACLs and rule groups in each region, the
// CLOUDFRONT scope in us-east-1 whatever --region says, into the state document, where waf-managed-rules judges
// them as it judges the code's; the console weakening a web ACL fails the audit; a denied listing leaves the WAF
// rules not verified; no search string is kept.
import { ListWebACLsCommand } from "@aws-sdk/client-wafv2";
import { main } from "../../../cli/audit";
import { readAccount } from "../../../cli/private/audit/read";
import { deployedModel } from "../../../cli/private/audit/state";
import { webAclChains } from "../../../guard/access/waf";
import { baselineRules, compliantAccount, installAccount, REGION, WAF_SEARCH_STRING_MARKER, writePolicy, type Mocks } from "./fake-account";

async function audit(argv: readonly string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) }, undefined, {});
  return { code, out, err };
}

type Json = { findings: { rule: string; severity: string; address: string; message: string }[] };

let mocks: Mocks | undefined;
afterEach(() => mocks?.restore());

describe("GIVEN an account with a regional and a CLOUDFRONT-scope web ACL", () => {
  test("WHEN read for eu-west-1 only THEN the CLOUDFRONT scope is listed in us-east-1 and both chains are in the model, rules in order", async () => {
    mocks = installAccount(compliantAccount());
    const scopes: string[] = [];
    const snap = await readAccount({ regions: [REGION] });
    for (const call of mocks.waf.commandCalls(ListWebACLsCommand)) {
      const client = call.thisValue as { config: { region: () => Promise<string> } };
      scopes.push(`${call.args[0].input.Scope ?? "?"} ${await client.config.region()}`);
    }
    expect(scopes.sort()).toEqual(["CLOUDFRONT us-east-1", "REGIONAL eu-west-1"]);
    const chains = webAclChains(deployedModel(snap).model);
    expect(chains.map((c) => [c.name, c.defaultAction])).toEqual([
      ["shop-dev", "allow"],
      ["shop-edge", "allow"],
    ]);
    expect(chains[0]?.rules.map((r) => `${r.priority} ${r.kind} ${r.group ?? r.name} ${r.action}`)).toEqual([
      "0 managed AWSManagedRulesKnownBadInputsRuleSet none",
      "1 managed AWSManagedRulesCommonRuleSet none",
      "2 rate rate block",
      "3 other deny-debug block",
    ]);
  });

  test("WHEN audited as deployed THEN waf-managed-rules is judged (no 'not verified') and passes", async () => {
    mocks = installAccount(compliantAccount());
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as Json).findings.filter((f) => f.rule === "waf-managed-rules")).toEqual([]);
    expect(r.err).not.toMatch(/WAFv2/);
  });

  test("WHEN the managed baseline is switched to COUNT in the console THEN exit 1 naming the web ACL and the group", async () => {
    const a = compliantAccount();
    a.webAclRules = baselineRules().map((rule) => (rule.Name === "AWSManagedRulesCommonRuleSet" ? { ...rule, OverrideAction: { Count: {} } } : rule));
    mocks = installAccount(a);
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    expect(r.code).toBe(1);
    const waf = (JSON.parse(r.out) as Json).findings.filter((f) => f.rule === "waf-managed-rules");
    expect(waf).toContainEqual(
      expect.objectContaining({
        severity: "high",
        address: 'aws_wafv2_web_acl.live["111122223333 eu-west-1 web acl shop-dev"]',
        message: expect.stringContaining("web ACL shop-dev: managed rule group AWSManagedRulesCommonRuleSet is in COUNT mode"),
      }),
    );
  });

  test("WHEN ListWebACLs is denied THEN waf-managed-rules is not verified, never passed", async () => {
    mocks = installAccount(compliantAccount());
    mocks.waf.on(ListWebACLsCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } }));
    const r = await audit(["--region", REGION, "--policy", writePolicy(), "--format", "json"]);
    expect(r.err).toMatch(/not read: eu-west-1: ListWebACLs REGIONAL: access denied/);
    expect((JSON.parse(r.out) as Json).findings).toContainEqual(
      expect.objectContaining({ rule: "waf-managed-rules", address: "(audit)", severity: "info", message: expect.stringContaining("is not verified") }),
    );
  });

  test("WHEN read THEN no byte-match search string is kept, and the model still sees that one is set", async () => {
    mocks = installAccount(compliantAccount());
    const snap = await readAccount({ regions: [REGION] });
    expect(JSON.stringify(snap)).not.toContain(WAF_SEARCH_STRING_MARKER);
    const { model, documents } = deployedModel(snap);
    expect(JSON.stringify(documents)).not.toContain(WAF_SEARCH_STRING_MARKER);
    const acl = model.resources.find((x) => x.type === "aws_wafv2_web_acl");
    expect(JSON.stringify(acl?.values)).not.toContain(WAF_SEARCH_STRING_MARKER);
    expect(JSON.stringify(acl?.values)).toContain("x-debug-token");
  });
});
