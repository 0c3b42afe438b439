// IAM pairs: who can obtain credentials that invoke GET /reports/{reportId} (AWS_IAM in the sample): trust
// chains, managed policies by ARN, inline policies, and privileges handed to Cognito group members.
import { only, type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const REPORTS = "GET /reports/{reportId}";

type Trust = { Version: string; Statement: Json[] };

function editTrust(d: Doc, nameIncludes: string, edit: (t: Trust) => void): void {
  const role = only(d, "aws_iam_role", nameIncludes);
  const trust = JSON.parse(String(role["assume_role_policy"])) as Trust;
  edit(trust);
  role["assume_role_policy"] = JSON.stringify(trust);
}

const refOf = (d: Doc, type: string, nameIncludes: string, attr: string): string => {
  const hit = Object.keys(d.resource[type] ?? {}).filter((n) => n.includes(nameIncludes));
  if (hit.length !== 1) throw new Error(`fixture: expected one ${type} matching "${nameIncludes}"`);
  return `\${${type}.${hit[0]}.${attr}}`;
};

function attach(d: Doc, name: string, roleIncludes: string, policyArn: string): void {
  d.resource["aws_iam_role_policy_attachment"][name] = { policy_arn: policyArn, role: refOf(d, "aws_iam_role", roleIncludes, "name") };
}

function policyAttachment(d: Doc, roleIncludes: string, policyArn: string): void {
  d.resource["aws_iam_policy_attachment"] = {
    extra: { name: "extra", policy_arn: policyArn, roles: [refOf(d, "aws_iam_role", roleIncludes, "name")] },
  };
}

function editGroupPermissions(d: Doc, edit: (statements: Json[]) => void): void {
  const p = only(d, "aws_iam_role_policy", "group-role-policy-admins");
  const doc = JSON.parse(String(p["policy"])) as { Statement: Json[] };
  edit(doc.Statement);
  p["policy"] = JSON.stringify(doc);
}

function editInvokeGrant(d: Doc, nameIncludes: string, edit: (statements: Json[]) => Json[]): void {
  const p = only(d, "aws_iam_role_policy", nameIncludes);
  const doc = JSON.parse(String(p["policy"])) as { Statement: Json[] };
  doc.Statement = edit(doc.Statement);
  p["policy"] = JSON.stringify(doc);
}

const inlinePolicy = (d: Doc, roleIncludes: string, statement: Json): void => {
  only(d, "aws_iam_role", roleIncludes)["inline_policy"] = [{ name: "extra", policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }) }];
};

/** The `{reportId}` path part renamed `{id}`: the same route to API Gateway. */
function renameReportParam(d: Doc): void {
  for (const r of Object.values(d.resource["aws_api_gateway_resource"] ?? {})) if (r["path_part"] === "{reportId}") r["path_part"] = "{id}";
}

/** The staff group role gets an inline grant of GET /reports/* on the API's stage, the deeper-path Deny, and `deny`. */
function staffReportsGrant(d: Doc, deny: ((api: string, stage: string) => string) | undefined): void {
  const api = refOf(d, "aws_api_gateway_rest_api", "api", "execution_arn");
  const stage = refOf(d, "aws_api_gateway_stage", "stage", "stage_name");
  const statements: Json[] = [
    { Effect: "Allow", Action: "execute-api:Invoke", Resource: `${api}/${stage}/GET/reports/*` },
    { Effect: "Deny", Action: "execute-api:Invoke", Resource: `${api}/${stage}/GET/reports/*/*` },
  ];
  if (deny !== undefined) statements.push({ Effect: "Deny", Action: "execute-api:Invoke", Resource: deny(api, stage) });
  only(d, "aws_iam_role", "group-role-staff")["inline_policy"] = [
    { name: "reports", policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
  ];
}

/** A second Cognito group handing the admins group role to its members; its name is `name`. */
function groupSharingAdminsRole(d: Doc, name: string): void {
  const admins = only(d, "aws_cognito_user_group", "group-admins");
  d.resource["aws_cognito_user_group"]["identity_group-ops"] = { ...admins, name, description: "Operators", precedence: 5 };
}

export const IAM_PAIRS: Readonly<Record<string, AccessPair>> = {
  // A Deny that refuses nothing in AWS must not take a role out of a route's invokers (found by adversarial review).
  "iam-deny-other-stage-literal": {
    env: "dev",
    description: "the staff role is granted GET /reports/* on the stage and 'denied' it on a stage literally named 'stage'",
    mutate: (d) => staffReportsGrant(d, (api) => `${api}/stage/GET/reports/*`),
    blocking: ["iam-invokers-widened", "invoke-grant-widened", "invoker-added"],
    names: REPORTS,
    check: ["method-matches-policy"],
  },
  "iam-deny-stage-id-not-name": {
    env: "dev",
    description: "the same, with the Deny on the stage's id interpolated where its name belongs",
    mutate: (d) => staffReportsGrant(d, (api) => `${api}/${refOf(d, "aws_api_gateway_stage", "stage", "id")}/GET/reports/*`),
    blocking: ["iam-invokers-widened", "invoke-grant-widened", "invoker-added"],
    names: REPORTS,
    check: ["method-matches-policy"],
  },
  "iam-deny-other-account": {
    env: "dev",
    description: "the same, with the Deny on the API id in another region and account",
    mutate: (d) =>
      staffReportsGrant(d, () => `arn:aws:execute-api:eu-fake-1:000000000000:${refOf(d, "aws_api_gateway_rest_api", "api", "id")}/*/GET/reports/*`),
    blocking: ["iam-invokers-widened", "invoke-grant-widened", "invoker-added"],
    names: REPORTS,
    check: ["method-matches-policy"],
  },
  "iam-deny-same-stage": {
    env: "dev",
    description: "twin: the Deny names the very stage the grant names, so the staff role still cannot call the route",
    mutate: (d) => staffReportsGrant(d, (api, stage) => `${api}/${stage}/GET/reports/*`),
    // The review still shows the new grant (it blocks grants as written); the route's callers are unchanged.
    blocking: ["invoke-grant-widened"],
    check: [],
  },
  "iam-group-name-after-apply": {
    env: "dev",
    description: "a group named only after apply hands the admins role (and GET /reports/{reportId}) to its members",
    mutate: (d) => groupSharingAdminsRole(d, `${refOf(d, "aws_cognito_user_pool", "user-pool", "name")}-ops`),
    blocking: ["iam-invokers-widened"],
    names: REPORTS,
    check: ["method-matches-policy"],
  },
  "iam-group-named-ops": {
    env: "dev",
    description: "the same group with a literal name (blocked before, and still)",
    mutate: (d) => groupSharingAdminsRole(d, "ops"),
    blocking: ["iam-invokers-widened"],
    names: REPORTS,
    check: ["method-matches-policy"],
  },
  "iam-trust-foreign-account-param-renamed": {
    env: "dev",
    description: "the same foreign trust, in a head that also renames the route's path parameter ({reportId} -> {id})",
    mutate: (d) => {
      renameReportParam(d);
      editTrust(
        d,
        "invoker-reporting",
        (t) => void t.Statement.push({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "sts:AssumeRole" }),
      );
    },
    blocking: ["iam-invokers-widened"],
    names: "GET /reports/{id}",
    check: ["iam-invoker-trust"],
  },
  "iam-param-renamed-only": {
    env: "dev",
    description: "the route's path parameter renamed ({reportId} -> {id}) and nothing else: no one new can invoke it",
    mutate: renameReportParam,
    blocking: [],
    check: [],
  },
  "iam-trust-foreign-account": {
    env: "dev",
    description: "the reporting invoker role is also trusted by account 999999999999",
    mutate: (d) =>
      editTrust(
        d,
        "invoker-reporting",
        (t) => void t.Statement.push({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "sts:AssumeRole" }),
      ),
    blocking: ["iam-invokers-widened"],
    names: REPORTS,
    check: ["iam-invoker-trust"],
  },
  "iam-trust-rewritten": {
    env: "dev",
    description: "twin: the reporting invoker role's trust is rewritten (Sid, principal as a string), same principal",
    mutate: (d) =>
      editTrust(d, "invoker-reporting", (t) => {
        t.Statement = [{ Sid: "EcsTasks", Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: ["sts:AssumeRole"] }];
      }),
    blocking: [],
    check: [],
  },
  "iam-chain-anyone": {
    env: "dev",
    description: "the group-role function's execution role (which may assume the admins group role) trusts *",
    mutate: (d) => editTrust(d, "fn-group-role", (t) => void t.Statement.push({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })),
    blocking: ["iam-invokers-widened"],
    names: REPORTS,
    check: ["iam-invoker-trust"],
  },
  "iam-chain-service-added": {
    env: "dev",
    description: "the reporting invoker role is also trusted by the Lambda service",
    mutate: (d) =>
      editTrust(d, "invoker-reporting", (t) => void ((t.Statement[0]["Principal"] as Json)["Service"] = ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"])),
    blocking: ["iam-invokers-widened"],
    names: REPORTS,
    check: [],
  },
  "iam-chain-deny-added": {
    env: "dev",
    description: "twin: the group-role function's execution role gets an explicit Deny statement for *",
    mutate: (d) =>
      editTrust(
        d,
        "fn-group-role",
        (t) =>
          void t.Statement.push({ Effect: "Deny", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      ),
    blocking: [],
    check: [],
  },
  "iam-invoke-full-access-on-group-role": {
    env: "dev",
    description: "AmazonAPIGatewayInvokeFullAccess attached to the staff group role",
    mutate: (d) => attach(d, "staff_invoke", "group-role-staff", "arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess"),
    blocking: ["iam-invokers-widened", "group-role-privileged"],
    names: REPORTS,
    check: ["cognito-group-role-privileges", "method-matches-policy"],
  },
  "iam-xray-on-group-role": {
    env: "dev",
    description: "twin: AWSXRayDaemonWriteAccess attached to the staff group role",
    mutate: (d) => attach(d, "staff_xray", "group-role-staff", "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"),
    blocking: [],
    check: [],
  },
  "iam-admin-managed-policy-arns": {
    env: "dev",
    description: "AdministratorAccess in the staff group role's managed_policy_arns",
    mutate: (d) => void (only(d, "aws_iam_role", "group-role-staff")["managed_policy_arns"] = ["arn:aws:iam::aws:policy/AdministratorAccess"]),
    // AdministratorAccess also invokes the backend directly (lambda:InvokeFunction): a new door.
    blocking: ["iam-invokers-widened", "group-role-privileged", "door-added"],
    names: REPORTS,
    check: ["cognito-group-role-privileges", "method-matches-policy"],
  },
  "iam-empty-managed-policy-arns": {
    env: "dev",
    description: "twin: an empty managed_policy_arns on the staff group role",
    mutate: (d) => void (only(d, "aws_iam_role", "group-role-staff")["managed_policy_arns"] = []),
    blocking: [],
    check: [],
  },
  "iam-unknown-managed-policy": {
    env: "dev",
    description: "a customer managed policy from outside the configuration attached to the backend role (aws_iam_policy_attachment)",
    mutate: (d) => policyAttachment(d, "fn-backend_role", "arn:aws:iam::123456789012:policy/reporting-extra"),
    // The unreadable policy may grant lambda:InvokeFunction on the backend as well: a new direct-invocation door.
    blocking: ["iam-invokers-widened", "managed-policy-unverified", "door-added"],
    names: REPORTS,
    check: ["iam-managed-policy-verified", "method-matches-policy"],
  },
  "iam-known-managed-policy": {
    env: "dev",
    description: "twin: AWSLambdaBasicExecutionRole attached to the backend role (aws_iam_policy_attachment)",
    mutate: (d) => policyAttachment(d, "fn-backend_role", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
    blocking: [],
    check: [],
  },
  "iam-passrole-group-permissions": {
    env: "dev",
    description: "the admins group permissions gain iam:PassRole",
    mutate: (d) => editGroupPermissions(d, (s) => void s.push({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" })),
    blocking: ["group-role-privileged"],
    names: "group role petstore-dev-group-admins",
    check: ["cognito-group-role-privileges"],
  },
  "iam-s3-list-group-permissions": {
    env: "dev",
    description: "twin: the admins group permissions gain s3:ListBucket on the reports bucket",
    mutate: (d) => editGroupPermissions(d, (s) => void s.push({ Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::petstore-dev-reports" })),
    blocking: [],
    check: [],
  },
  "iam-inline-invoke-star": {
    env: "dev",
    description: "the backend role gets an inline_policy with execute-api:Invoke on *",
    mutate: (d) => inlinePolicy(d, "fn-backend_role", { Effect: "Allow", Action: "execute-api:Invoke", Resource: "*" }),
    blocking: ["iam-invokers-widened", "invoke-grant-widened", "invoker-added"],
    names: REPORTS,
    check: ["execute-api-invoke-scoped"],
  },
  "iam-invoke-deny-dropped": {
    env: "dev",
    description: "the reporting role's grant loses its Deny on GET/reports/*/*, so it reaches every path below /reports/{reportId}",
    mutate: (d) => editInvokeGrant(d, "invoke-role-reporting", (s) => s.filter((x) => x["Effect"] !== "Deny")),
    blocking: ["iam-deny-removed"],
    names: REPORTS,
    check: ["execute-api-invoke-scoped"],
  },
  "iam-invoke-deny-narrowed": {
    env: "dev",
    description: "the reporting role's Deny narrows to GET/reports/*/pdf: /reports/{id}/anything-else is reachable",
    mutate: (d) =>
      editInvokeGrant(d, "invoke-role-reporting", (s) =>
        s.map((x) => (x["Effect"] === "Deny" ? { ...x, Resource: String(x["Resource"]).replace(/\*\/\*$/, "*/pdf") } : x)),
      ),
    blocking: ["iam-deny-removed"],
    names: REPORTS,
    check: ["execute-api-invoke-scoped"],
  },
  "iam-invoke-deny-conditional": {
    env: "dev",
    description: "the reporting role's Deny gains a condition (it may not apply: it counts as no Deny)",
    mutate: (d) =>
      editInvokeGrant(d, "invoke-role-reporting", (s) =>
        s.map((x) => (x["Effect"] === "Deny" ? { ...x, Condition: { Bool: { "aws:ViaAWSService": "true" } } } : x)),
      ),
    blocking: ["iam-deny-removed"],
    names: REPORTS,
    check: ["execute-api-invoke-scoped"],
  },
  "iam-invoke-deny-notresource": {
    env: "dev",
    description: "the reporting role's Deny becomes NotResource GET/reports/* (reads as tighter; denies nothing below /reports/{id})",
    mutate: (d) =>
      editInvokeGrant(d, "invoke-role-reporting", (s) =>
        s.map((x) => (x["Effect"] === "Deny" ? { Effect: "Deny", Action: x["Action"], NotResource: String(x["Resource"]).replace(/\/\*$/, "") } : x)),
      ),
    blocking: ["iam-deny-removed"],
    names: REPORTS,
    check: ["execute-api-invoke-scoped"],
  },
  "iam-invoke-deny-after-apply": {
    env: "dev",
    description: "the reporting role's Deny moves to a policy known only after apply (a data source's json)",
    mutate: (d) => {
      editInvokeGrant(d, "invoke-role-reporting", (s) => s.filter((x) => x["Effect"] !== "Deny"));
      const role = only(d, "aws_iam_role_policy", "invoke-role-reporting")["role"];
      d.resource["aws_iam_role_policy"]["reporting-deny"] = { name: "deny-deeper", role, policy: "${data.aws_iam_policy_document.deny_deeper.json}" };
    },
    // The unreadable policy may also grant: invoke-grant-unverifiable; the lost Deny is iam-deny-removed.
    blocking: ["iam-deny-removed", "invoke-grant-unverifiable"],
    names: REPORTS,
    check: ["execute-api-invoke-scoped"],
  },
  "iam-invoke-deny-two-statements": {
    env: "dev",
    description: "twin: the reporting role's Deny is written as two Deny statements (GET/reports/*/* and, redundantly, GET/reports/*/*/*)",
    mutate: (d) =>
      editInvokeGrant(d, "invoke-role-reporting", (s) =>
        s.flatMap((x) =>
          x["Effect"] === "Deny"
            ? [
                { ...x, Sid: "DenyDeeper", Action: ["execute-api:Invoke"] },
                { ...x, Sid: "DenyDeeperStill", Resource: `${String(x["Resource"])}/*` },
              ]
            : [x],
        ),
      ),
    blocking: [],
    check: [],
  },
  "iam-invoke-deny-split": {
    env: "dev",
    description: "twin: the reporting role's Deny on GET/reports/*/* moves to a policy of its own on the same role",
    mutate: (d) => {
      let deny: Json[] = [];
      editInvokeGrant(d, "invoke-role-reporting", (s) => {
        deny = s.filter((x) => x["Effect"] === "Deny");
        return s.filter((x) => x["Effect"] !== "Deny");
      });
      const role = only(d, "aws_iam_role_policy", "invoke-role-reporting")["role"];
      d.resource["aws_iam_role_policy"]["reporting-deny"] = { name: "deny-deeper", role, policy: JSON.stringify({ Version: "2012-10-17", Statement: deny }) };
    },
    blocking: [],
    check: [],
  },
  "iam-inline-logs": {
    env: "dev",
    description: "twin: the backend role gets an inline_policy for CloudWatch metrics",
    mutate: (d) => inlinePolicy(d, "fn-backend_role", { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" }),
    blocking: [],
    check: [],
  },
};
