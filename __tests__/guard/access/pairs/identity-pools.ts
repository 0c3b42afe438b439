// Identity-pool pairs (issue 9, item 2): the sample has no identity pool, so one is added as the identity
// construct builds it (user clients as providers, an authenticated default role without permissions, token role
// mapping that denies ambiguous tokens); for a widening both sides get it and the head widens it. The route
// reached is GET /reports/{reportId} (AWS_IAM), through a role holding the sample's own invoke grant.
import { only, nameOf, type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const REPORTS = "GET /reports/{reportId}";
const POOL = "aws_cognito_identity_pool";
const ATTACHMENT = "aws_cognito_identity_pool_roles_attachment";
const IDS = `\${${POOL}.identities.id}`;

const userPoolRef = (d: Doc): string => `\${aws_cognito_user_pool.${nameOf(d, "aws_cognito_user_pool", only(d, "aws_cognito_user_pool"))}.endpoint}`;
const clientRef = (d: Doc, name: string): string =>
  `\${aws_cognito_user_pool_client.${nameOf(d, "aws_cognito_user_pool_client", only(d, "aws_cognito_user_pool_client", `client-${name}`))}.id}`;

/** A role trusting the identity pool (aud, and amr = `amr`), as constructs/identity.ts writes it. */
function identityRole(d: Doc, id: string, name: string, amr: "authenticated" | "unauthenticated"): string {
  d.resource["aws_iam_role"][id] = {
    name,
    assume_role_policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["sts:AssumeRoleWithWebIdentity"],
          Principal: { Federated: ["cognito-identity.amazonaws.com"] },
          Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": IDS }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr } },
        },
      ],
    }),
  };
  return `\${aws_iam_role.${id}.arn}`;
}

/** The sample's own invoke grant on GET /reports/* (the admins group role's), given to another role. */
function invokeReports(d: Doc, roleId: string): void {
  const grant = only(d, "aws_iam_role_policy", "invoke-group-admins");
  d.resource["aws_iam_role_policy"][`${roleId}_invoke`] = { ...structuredClone(grant), role: `\${aws_iam_role.${roleId}.name}` };
}

/** A harmless policy (the admins role's S3 read) for a role that must not reach any route. */
function readReports(d: Doc, roleId: string): void {
  const s3 = only(d, "aws_iam_role_policy", "group-role-policy-admins");
  d.resource["aws_iam_role_policy"][`${roleId}_s3`] = { ...structuredClone(s3), role: `\${aws_iam_role.${roleId}.name}` };
}

/** The identity pool constructs/identity.ts builds for the sample's user client `web`. */
function addIdentityPool(d: Doc): void {
  d.resource[POOL] = {
    identities: {
      identity_pool_name: "petstore_dev_identities",
      allow_unauthenticated_identities: false,
      cognito_identity_providers: [{ client_id: clientRef(d, "web"), provider_name: userPoolRef(d), server_side_token_check: true }],
    },
  };
  const fallback = identityRole(d, "identity_default", "petstore-dev-identity-default", "authenticated");
  d.resource[ATTACHMENT] = {
    roles: {
      identity_pool_id: IDS,
      roles: { authenticated: fallback },
      role_mapping: [{ identity_provider: `${userPoolRef(d)}:${clientRef(d, "web")}`, type: "Token", ambiguous_role_resolution: "Deny" }],
    },
  };
}

const pool = (d: Doc): Json => d.resource[POOL]["identities"];
const attachment = (d: Doc): Json => d.resource[ATTACHMENT]["roles"];
const roles = (d: Doc): Json => attachment(d)["roles"] as Json;

/** The pool plus a guest role for unauthenticated identities (not yet allowed), able to invoke or not. */
function withGuestRole(invokes: boolean): (d: Doc) => void {
  return (d) => {
    addIdentityPool(d);
    roles(d)["unauthenticated"] = identityRole(d, "identity_guest", "petstore-dev-identity-guest", "unauthenticated");
    (invokes ? invokeReports : readReports)(d, "identity_guest");
  };
}

/** The pool whose authenticated role (used by every provider without a role mapping) can invoke or not. */
function withAuthenticatedRole(invokes: boolean): (d: Doc) => void {
  return (d) => {
    addIdentityPool(d);
    roles(d)["authenticated"] = identityRole(d, "identity_reader", "petstore-dev-identity-reader", "authenticated");
    (invokes ? invokeReports : readReports)(d, "identity_reader");
  };
}

const allowGuests = (d: Doc): void => void (pool(d)["allow_unauthenticated_identities"] = true);
const addGoogle = (d: Doc): void => void (pool(d)["supported_login_providers"] = { "accounts.google.com": "123456789012-abc.apps.googleusercontent.com" });

const rule = (claim: string, value: string, roleId: string): Json => ({ claim, match_type: "Equals", value, role_arn: `\${aws_iam_role.${roleId}.arn}` });

/** The pool, where the web client's users of team `reporting` get a role that can invoke GET /reports/* by rule. */
function withReportingRule(d: Doc): void {
  addIdentityPool(d);
  identityRole(d, "identity_reporting", "petstore-dev-identity-reporting", "authenticated");
  invokeReports(d, "identity_reporting");
  attachment(d)["role_mapping"] = [
    {
      identity_provider: `${userPoolRef(d)}:${clientRef(d, "web")}`,
      type: "Rules",
      ambiguous_role_resolution: "Deny",
      mapping_rule: [rule("custom:team", "reporting", "identity_reporting")],
    },
  ];
}
const mappingRules = (d: Doc): Json[] => (attachment(d)["role_mapping"] as Json[])[0]["mapping_rule"] as Json[];

export const IDENTITY_POOL_PAIRS: Readonly<Record<string, AccessPair>> = {
  "identity-pool-unauthenticated-enabled": {
    env: "dev",
    description: "the identity pool now allows unauthenticated identities, and its guest role can invoke GET /reports/*",
    both: withGuestRole(true),
    mutate: allowGuests,
    blocking: ["identity-pool-unauthenticated-invoke"],
    names: REPORTS,
    check: ["identity-pool-unauthenticated-invoke"],
  },
  "identity-pool-unauthenticated-enabled-harmless": {
    env: "dev",
    description: "twin: the same pool allows unauthenticated identities, but the guest role can only read S3",
    both: withGuestRole(false),
    mutate: allowGuests,
    blocking: [],
    check: [],
  },
  "identity-pool-added-with-guests": {
    env: "dev",
    description: "a new identity pool with unauthenticated identities, whose guest role can invoke GET /reports/* (head only)",
    mutate: (d) => {
      withGuestRole(true)(d);
      allowGuests(d);
    },
    // The guest role is a new invoker too: the IAM comparer and the route's invoke grants name it.
    blocking: ["identity-pool-unauthenticated-invoke", "iam-invokers-widened", "invoker-added", "invoke-grant-widened"],
    names: REPORTS,
    check: ["identity-pool-unauthenticated-invoke"],
  },
  "identity-pool-added-harmless": {
    env: "dev",
    description: "twin: the identity pool as the identity construct builds it (token role mapping, default role without permissions)",
    mutate: addIdentityPool,
    blocking: [],
    check: [],
  },
  "identity-pool-rule-mapping-widened": {
    env: "dev",
    description: "the web client's mapping rule hands the reporting role (invokes GET /reports/*) to every verified user instead of team reporting",
    both: withReportingRule,
    mutate: (d) => void (mappingRules(d)[0] = rule("email_verified", "true", "identity_reporting")),
    blocking: ["identity-pool-role-mapping-widened"],
    names: REPORTS,
    check: [],
  },
  "identity-pool-rule-mapping-harmless": {
    env: "dev",
    description: "twin: a rule for every verified user is added, handing them the default role, which invokes nothing",
    both: withReportingRule,
    mutate: (d) => void mappingRules(d).push(rule("email_verified", "true", "identity_default")),
    blocking: [],
    check: [],
  },
  "identity-pool-provider-added": {
    env: "dev",
    description: "the identity pool, whose authenticated role can invoke GET /reports/*, now also admits Google sign-in",
    both: withAuthenticatedRole(true),
    mutate: addGoogle,
    blocking: ["identity-pool-provider-added"],
    names: REPORTS,
    check: [],
  },
  "identity-pool-provider-added-harmless": {
    env: "dev",
    description: "twin: Google sign-in added to a pool whose authenticated role can only read S3",
    both: withAuthenticatedRole(false),
    mutate: addGoogle,
    blocking: [],
    check: [],
  },
};
