// `npm run docs`: writes docs/rules.md from the rule registry (id, title, severity, rationale, peers' ids).
// A test fails when the committed file differs from what this renders.
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AUTHORIZATION_TYPE_NAMES, POLICY_ALIASES, typesWith } from "../kernel/authorization-types";
import { RULES } from "../guard/rules";
import type { Rule } from "../guard/rules/types";

const ids = (xs: readonly string[] | undefined): string => (xs === undefined || xs.length === 0 ? "–" : xs.map((x) => `\`${x}\``).join(", "));

const aliases = POLICY_ALIASES.map((a) => `\`${a.word}\` is accepted for ${a.type}`).join(", ");

const POLICY_FORMAT = [
  "## The intended-authorization policy file",
  "",
  "One YAML or JSON file per API in `policies/`, written by hand by security reviewers (see `policies/petstore.yaml`).",
  "Its JSON Schema is `schema/policy.schema.json` (for editors: `# yaml-language-server: $schema=<path to it>`); renamed",
  "words and format versions are in [migrations.md](migrations.md).",
  "",
  "| key | meaning |",
  "|---|---|",
  "| `version` | the policy format the file is written for: `1` (optional); a later format is refused (exit 2) rather than read as this one |",
  "| `api` / `apis` | API name (REST, HTTP or WebSocket API) or name patterns (`*`, `?`): `petstore-*` |",
  `| \`routes\` | route key (\`"GET /pets/{petId}"\`) -> \`type\` (${AUTHORIZATION_TYPE_NAMES.join(", ")}; ${aliases}), \`authorizer\` (\`\${api}\` = the API name), \`scopes\`, \`groups\`, \`roles\` (${typesWith((f) => f.roles)} role-name patterns), \`clients\` (${typesWith((f) => f.clients)} only: app client names the verifier accepts), \`apiKey\`, \`reason\` (required for ${typesWith((f) => f.reason !== "optional")}) |`,
  "| `corsPreflight` | resource paths whose `OPTIONS` preflight (MOCK, NONE, no key) is intended |",
  "| `overrides` | `[{apis, routes, corsPreflight}]`: per-API-name replacements (e.g. prod behind edge authentication) |",
  "| `allowWholeApiInvoke` | patterns (resource ARN, policy address or role name) allowed to grant `execute-api:Invoke` on a whole API |",
  "| `identityProviders` | `[{name, reason}]`: federated identity providers (`provider_name`) whose users may hold tokens for the API's routes; default none (only the pool's own users) |",
  "| `doors` | backend function name pattern -> `only` (door id patterns: `api:<api> <route>`, `execute-api:<api>`, `distribution:<address>`, `custom-domain:<domain>`, `function-url:<function>`, `lambda-permission:<address>`, `iam-invoke:<function>`) and `exceptions` (`[{door, reason}]`): the doors each backend may have (rule `backend-doors-intended`); default: routes, the default endpoint and distributions referencing the API |",
  "| `tokenValidity` | `maxIdAccessMinutes` (default 60), `maxRefreshDays` (default 30) |",
  "| `waivers` | `[{rule, address and/or route, detail, severity, reason}]` (one finding: an address pattern must name resources, not be `*`): the finding is still reported, marked waived, and does not fail the check. `detail`: the finding's detail, exactly; `severity`: the most severe finding it accepts (above it: not waived, said on stderr). Without `detail`, for a finding that has one, a waiver is coarse: it waives only its rule's one finding on that address and route, and nothing critical unless its `severity` says so ([check.md](check.md#waivers)). A finding of no API (user pool, IAM policy) is waived only by its exact address, and a policy may raise its severity but not lower it |",
  "| `severities` | rule id -> severity override |",
  "",
  "Unknown keys, bad route keys and missing reasons are errors (exit 2), each named with file, path and value.",
  "",
  "Groups and scopes of CUSTOM routes are enforced inside the Lambda authorizer, not by API Gateway: the check",
  "compares them with the `route-table.json` in the authorizer's zip package (its `filename`, relative to the stack",
  "directory, as in `cdktf.out`). When the package is not on disk (a bare plan elsewhere) they are reported as an",
  '`info` finding, "not verified", rather than passed silently.',
  "",
  "`EDGE` means authenticated at the edge (a Lambda@Edge verifier on viewer-request, before the CloudFront cache)",
  "and `NONE` with no API key at the gateway; `scopes` (optional): those the verifier requires for it. Such a method",
  "passes `method-matches-policy` and `no-open-method` only while every stage of its API admits CloudFront alone",
  "(regional web ACL: default BLOCK, the only ALLOW an exact `X-Origin-Verify` match) and every distribution whose",
  "origin is the API runs the verifier on viewer-request on each cache behavior serving it; otherwise the finding",
  "says which part is missing. An EDGE route with gateway authorization is a type mismatch like any other.",
  "What the verifier enforces per route (mode `edge`, scopes, clients) is in the `edge-config.json` bundled in its",
  "zip package, resolved as the verifier does (the route's scopes, else its longest path prefix's; the route's",
  "clients, else the config-wide ones): compared with the policy's `scopes`, and with its `clients` when the policy",
  "names them (absent: clients not compared), when the package is on disk (cdktf.out); an `info` finding",
  '"not verified" otherwise, as for CUSTOM routes.',
  "",
];

const RULES_DIR = join(__dirname, "..", "guard", "rules");

/** The service folder holding guard/rules/<service>/<id>.ts, or undefined when none (or more than one) does. */
function ruleServiceOnDisk(id: string): string | undefined {
  const found = readdirSync(RULES_DIR, { withFileTypes: true }).filter(
    (e) => e.isDirectory() && e.name !== "private" && existsSync(join(RULES_DIR, e.name, `${id}.ts`)),
  );
  return found.length === 1 ? found[0]?.name : undefined;
}

/** Where a rule's code and its failing and passing examples are, as links from docs/. */
function whereIs(id: string, service: string | undefined): string {
  if (service === undefined) return "";
  const examples = `../__tests__/guard/rules/${service}/${id}`;
  return `Code: [\`guard/rules/${service}/${id}.ts\`](../guard/rules/${service}/${id}.ts) · examples: [failing](${examples}/fail.tf.json), [passing](${examples}/pass.tf.json)`;
}

export function renderRulesDoc(rules: readonly Rule[] = RULES, serviceOf: (id: string) => string | undefined = ruleServiceOnDisk): string {
  const out: string[] = [
    "# Policy-as-code rules",
    "",
    "<!-- Generated by `npm run docs` (cli/gen-rules-doc.ts) from guard/rules/index.ts and guard/rules/<service>/<rule-id>.ts. Do not edit by hand. -->",
    "",
    "Each rule is one file, `guard/rules/<service>/<rule-id>.ts`, filed under the service of what it judges (`access`: the",
    "policy weighed against the whole configuration; `apigateway`, `cloudfront` with Lambda@Edge, `cognito`, `iam`,",
    "`lambda`, `waf`), and is listed in the registry `guard/rules/index.ts`. Beside its test, in",
    "`__tests__/guard/rules/<service>/<rule-id>/`, are a Terraform input it must report (`fail.tf.json`), one it must stay",
    "silent on (`pass.tf.json`) and the policy both are checked against (`policy.yaml`, when one is used):",
    "`__tests__/guard/rules/registry.test.ts` fails for a rule without them. They are written by",
    "`npx tsx __tests__/guard/rules/generate.ts` from the edits in `__tests__/guard/rules/<service>/fixtures.ts`.",
    "",
    "`npm run check -- <cdk.tf.json | plan.json | cdktf.out> --policy policies/` runs every rule below over the",
    "normalized model. Severities can be overridden and single findings waived (with a reason, still reported)",
    "in the policy file (`severities:`, `waivers:`).",
    "",
    "| id | title | severity | checkov | KICS | trivy | cdk-nag | tflint |",
    "|---|---|---|---|---|---|---|---|",
    ...rules.map(
      (r) =>
        `| [\`${r.id}\`](#${r.id}) | ${r.title} | ${r.severity} | ${ids(r.equivalents.checkov)} | ${ids(r.equivalents.kics)} | ${ids(r.equivalents.trivy)} | ${ids(r.equivalents.cdkNag)} | ${ids(r.equivalents.tflint)} |`,
    ),
    "",
  ];
  for (const r of rules) {
    const where = whereIs(r.id, serviceOf(r.id));
    out.push(`## ${r.id}`, "", `**${r.title}** — severity \`${r.severity}\``, "", r.rationale, "", ...(where === "" ? [] : [where, ""]));
  }
  out.push(...POLICY_FORMAT);
  return out.join("\n");
}

export const RULES_DOC_PATH = join(__dirname, "..", "docs", "rules.md");

if (require.main === module) {
  writeFileSync(RULES_DOC_PATH, renderRulesDoc());
  process.stdout.write(`wrote ${RULES_DOC_PATH} (${RULES.length} rules)\n`);
}
