// IAM (aws_iam_*): which principals hold credentials that reach an AWS_IAM route, and who may become them.
import { DOC, DOORS, IAM, LIFECYCLE, modelled, NAME, neutral, notVerified, type TypeTable } from "./types";

const PRINCIPALS = "users' credentials and the most their policies may grant: not modelled yet (their policies are: guard/access/doors)";
const ACCOUNT = "account-wide sign-in and credential settings for IAM users";
const FEDERATION = "an identity provider whose tokens IAM accepts for AssumeRoleWithWebIdentity / SAML";

export const IAM_TYPES: Readonly<Record<string, TypeTable>> = {
  aws_iam_access_key: notVerified(PRINCIPALS, ["pgp_key", "secret", "ses_smtp_password_v4", "status", "user"]),
  aws_iam_account_alias: neutral(NAME, ["account_alias"]),
  aws_iam_account_password_policy: notVerified(ACCOUNT, [
    "allow_users_to_change_password",
    "hard_expiry",
    "max_password_age",
    "minimum_password_length",
    "password_reuse_prevention",
    "require_lowercase_characters",
    "require_numbers",
    "require_symbols",
    "require_uppercase_characters",
  ]),
  aws_iam_group: {
    ...modelled(DOORS, "judged", ["name"]),
    ...neutral(NAME, ["path"]),
  },
  aws_iam_group_membership: {
    ...modelled(DOORS, "judged", ["group", "users"]),
    ...neutral(NAME, ["name"]),
  },
  aws_iam_group_policies_exclusive: notVerified(PRINCIPALS, ["group_name", "policy_names"]),
  aws_iam_group_policy: {
    ...modelled(DOORS, "judged", ["group", "policy"]),
    ...neutral(NAME, ["name", "name_prefix"]),
  },
  aws_iam_group_policy_attachment: modelled(DOORS, "judged", ["group", "policy_arn"]),
  aws_iam_group_policy_attachments_exclusive: notVerified(PRINCIPALS, ["group_name", "policy_arns"]),
  aws_iam_instance_profile: {
    ...notVerified("hands a role's credentials to EC2 instances", ["role"]),
    ...neutral(NAME, ["name", "name_prefix", "path"]),
  },
  aws_iam_openid_connect_provider: notVerified(FEDERATION, ["client_id_list", "thumbprint_list", "url"]),
  aws_iam_organizations_features: notVerified("central root access across the organisation", ["enabled_features"]),
  aws_iam_policy: {
    ...modelled(IAM, "judged", ["policy", "name", "path"]),
    ...neutral(NAME, ["name_prefix"]),
    ...neutral(DOC, ["description"]),
  },
  aws_iam_policy_attachment: {
    ...modelled(IAM, "judged", ["policy_arn", "roles"]),
    ...modelled(DOORS, "judged", ["groups", "users"]),
    ...neutral(NAME, ["name"]),
  },
  aws_iam_role: {
    ...modelled(IAM, "judged", ["assume_role_policy", "inline_policy.name", "inline_policy.policy", "managed_policy_arns", "name", "path"]),
    ...notVerified("the most a role's policies may grant, and how long its sessions last", ["permissions_boundary", "max_session_duration"]),
    ...neutral(NAME, ["name_prefix"]),
    ...neutral(LIFECYCLE, ["force_detach_policies"]),
    ...neutral(DOC, ["description"]),
  },
  aws_iam_role_policies_exclusive: notVerified("removes every inline policy of the role not named here", ["policy_names", "role_name"]),
  aws_iam_role_policy: {
    ...modelled(IAM, "judged", ["policy", "role"]),
    ...neutral(NAME, ["name", "name_prefix"]),
  },
  aws_iam_role_policy_attachment: modelled(IAM, "judged", ["policy_arn", "role"]),
  aws_iam_role_policy_attachments_exclusive: notVerified("detaches every managed policy of the role not named here", ["policy_arns", "role_name"]),
  aws_iam_saml_provider: {
    ...notVerified(FEDERATION, ["saml_metadata_document"]),
    ...neutral(NAME, ["name"]),
  },
  aws_iam_security_token_service_preferences: neutral("which STS token format global endpoints issue", ["global_endpoint_token_version"]),
  aws_iam_server_certificate: {
    ...notVerified("a TLS certificate and key that CloudFront or load balancers may present", ["certificate_body", "certificate_chain", "private_key"]),
    ...neutral(NAME, ["name", "name_prefix", "path"]),
  },
  aws_iam_service_linked_role: {
    ...notVerified("a role an AWS service assumes with the service's own policy", ["aws_service_name", "custom_suffix"]),
    ...neutral(DOC, ["description"]),
  },
  aws_iam_service_specific_credential: notVerified(PRINCIPALS, ["service_name", "service_password", "status", "user_name"]),
  aws_iam_signing_certificate: notVerified(PRINCIPALS, ["certificate_body", "status", "user_name"]),
  aws_iam_user: {
    ...modelled(DOORS, "judged", ["name"]),
    ...notVerified(PRINCIPALS, ["permissions_boundary"]),
    ...neutral(NAME, ["path"]),
    ...neutral(LIFECYCLE, ["force_destroy"]),
  },
  aws_iam_user_group_membership: modelled(DOORS, "judged", ["groups", "user"]),
  aws_iam_user_login_profile: notVerified(PRINCIPALS, ["password", "password_length", "password_reset_required", "pgp_key", "user"]),
  aws_iam_user_policies_exclusive: notVerified(PRINCIPALS, ["policy_names", "user_name"]),
  aws_iam_user_policy: {
    ...modelled(DOORS, "judged", ["policy", "user"]),
    ...neutral(NAME, ["name", "name_prefix"]),
  },
  aws_iam_user_policy_attachment: modelled(DOORS, "judged", ["policy_arn", "user"]),
  aws_iam_user_policy_attachments_exclusive: notVerified(PRINCIPALS, ["policy_arns", "user_name"]),
  aws_iam_user_ssh_key: notVerified(PRINCIPALS, ["encoding", "public_key", "status", "username"]),
  aws_iam_virtual_mfa_device: neutral("an MFA device's name and path; assigning it is done outside Terraform", ["path", "virtual_mfa_device_name"]),
};
