// Validation of the `cognito` section: user pool settings, domain, resource servers, groups, clients.
import { MIN_REASON_LENGTH, reasonProblem } from "../../kernel/io/words";
import type { AppClientSpec, CognitoSpec, GroupSpec, ResourceServerSpec, StatementSpec } from "../types";
import { checkDuplicates, checkInt, checkNonEmpty, checkRefs } from "./checks";
import { NAME_PATTERNS, PASSWORD_LENGTH, RESERVED_DOMAIN_WORDS, STANDARD_USER_SCOPES, TEMP_PASSWORD_DAYS, TOKEN_LIMITS } from "./limits";
import type { DeclaredNames } from "./names";
import { isPrivilegedAction } from "./privileged";
import { joinPath, q, type ProblemList } from "./problems";

export function validateCognito(p: ProblemList, cognito: CognitoSpec, names: DeclaredNames): void {
  const base = "cognito";
  validateUserPool(p, cognito);
  if (cognito.domainPrefix !== undefined) validateDomainPrefix(p, joinPath(base, "domainPrefix"), cognito.domainPrefix);

  const rsPath = joinPath(base, "resourceServers");
  checkDuplicates(p, rsPath, cognito.resourceServers, (rs) => rs.identifier, "resource server identifier", "identifier");
  checkDuplicates(p, rsPath, cognito.resourceServers, (rs) => rs.name, "resource server name");
  cognito.resourceServers.forEach((rs, i) => validateResourceServer(p, joinPath(rsPath, i), rs));

  const groupsPath = joinPath(base, "groups");
  checkDuplicates(p, groupsPath, cognito.groups, (g) => g.name, "group");
  cognito.groups.forEach((g, i) => validateGroup(p, joinPath(groupsPath, i), g));

  const clientsPath = joinPath(base, "clients");
  checkDuplicates(p, clientsPath, cognito.clients, (c) => c.name, "client");
  cognito.clients.forEach((c, i) => validateClient(p, joinPath(clientsPath, i), c, cognito, names));
}

function validateUserPool(p: ProblemList, cognito: CognitoSpec): void {
  const pool = cognito.userPool;
  const path = "cognito.userPool";
  const subject = `user pool ${q(pool.name)}`;
  checkNonEmpty(p, joinPath(path, "name"), pool.name, "user pool name");
  const pw = joinPath(path, "passwordPolicy");
  checkInt(p, joinPath(pw, "minimumLength"), pool.passwordPolicy.minimumLength, PASSWORD_LENGTH.min, PASSWORD_LENGTH.max, `${subject}: password minimumLength`);
  checkInt(
    p,
    joinPath(pw, "temporaryPasswordValidityDays"),
    pool.passwordPolicy.temporaryPasswordValidityDays,
    TEMP_PASSWORD_DAYS.min,
    TEMP_PASSWORD_DAYS.max,
    `${subject}: temporaryPasswordValidityDays`,
  );
  // Threat protection is a PLUS-plan feature; Cognito rejects the pool otherwise.
  if (pool.advancedSecurityMode !== "OFF" && pool.featurePlan !== "PLUS") {
    p.add(
      joinPath(path, "advancedSecurityMode"),
      `${subject}: advancedSecurityMode ${pool.advancedSecurityMode} needs featurePlan "PLUS" (got ${q(pool.featurePlan)})`,
      pool.advancedSecurityMode,
    );
  }
}

function validateDomainPrefix(p: ProblemList, path: string, prefix: string): void {
  if (!NAME_PATTERNS.domainPrefix.test(prefix)) {
    p.add(path, `domain prefix ${q(prefix)} must be 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen`, prefix);
  }
  const reserved = RESERVED_DOMAIN_WORDS.find((w) => prefix.toLowerCase().includes(w));
  if (reserved !== undefined) p.add(path, `domain prefix ${q(prefix)} must not contain ${q(reserved)} (reserved by Cognito)`, prefix);
}

function validateResourceServer(p: ProblemList, path: string, rs: ResourceServerSpec): void {
  const subject = `resource server ${q(rs.identifier)}`;
  if (!NAME_PATTERNS.resourceServerId.test(rs.identifier)) {
    p.add(joinPath(path, "identifier"), `${subject}: identifier must be 1-256 printable characters without spaces, quotes or backslashes`, rs.identifier);
  }
  checkNonEmpty(p, joinPath(path, "name"), rs.name, `${subject}: name`);
  for (const scope of Object.keys(rs.scopes)) {
    if (!NAME_PATTERNS.scopeName.test(scope)) {
      p.add(
        joinPath(joinPath(path, "scopes"), scope),
        `${subject}: scope name ${q(scope)} must be printable characters without /, spaces, quotes or backslashes`,
        scope,
      );
    }
  }
}

function validateGroup(p: ProblemList, path: string, group: GroupSpec): void {
  const subject = `group ${q(group.name)}`;
  checkNonEmpty(p, joinPath(path, "name"), group.name, "group name");
  checkInt(p, joinPath(path, "precedence"), group.precedence, 0, 2 ** 31 - 1, `${subject}: precedence`);
  group.permissions?.forEach((st, i) => {
    const stPath = joinPath(joinPath(path, "permissions"), i);
    // An empty action or resource list is rejected by IAM; say so here rather than at apply time.
    if (st.actions.length === 0) p.add(joinPath(stPath, "actions"), `${subject}: a permission statement needs at least one action`, st.actions);
    if (st.resources.length === 0) p.add(joinPath(stPath, "resources"), `${subject}: a permission statement needs at least one resource`, st.resources);
    checkPrivilegedActions(p, stPath, st, subject);
  });
}

/**
 * Group permissions go to every member of the group: `*` actions and anything covering iam:PassRole (privilege
 * escalation) are refused unless the statement carries the labelled escape hatch with a reason.
 */
function checkPrivilegedActions(p: ProblemList, stPath: string, st: StatementSpec, subject: string): void {
  if (st.effect !== "Allow") return;
  const hatch = st.allowPrivilegedActions;
  if (hatch !== undefined && reasonProblem(hatch.reason) !== undefined) {
    p.add(
      joinPath(joinPath(stPath, "allowPrivilegedActions"), "reason"),
      `${subject}: allowPrivilegedActions needs a written reason of at least ${MIN_REASON_LENGTH} characters`,
      hatch.reason,
    );
  }
  if (hatch !== undefined) return;
  st.actions.forEach((action, i) => {
    if (isPrivilegedAction(action)) {
      p.add(
        joinPath(joinPath(stPath, "actions"), i),
        `${subject}: action ${q(action)} hands every member of the group ${action.toLowerCase().startsWith("iam:") ? "iam:PassRole" : "every action of a service or all of them"}; set allowPrivilegedActions: { reason } on the statement if that is intended`,
        action,
      );
    }
  });
}

function validateClient(p: ProblemList, path: string, client: AppClientSpec, cognito: CognitoSpec, names: DeclaredNames): void {
  const subject = `client ${q(client.name)}`;
  checkNonEmpty(p, joinPath(path, "name"), client.name, "client name");
  const tv = joinPath(path, "tokenValidity");
  for (const field of ["idTokenMinutes", "accessTokenMinutes", "refreshTokenMinutes"] as const) {
    const { min, max } = TOKEN_LIMITS[field];
    const value = client.tokenValidity[field];
    if (!Number.isInteger(value) || value < min || value > max) {
      p.add(joinPath(tv, field), `${subject}: ${field} must be an integer from ${min} to ${max} (Cognito's limits)`, value);
    }
  }
  const scopesPath = joinPath(path, "scopes");
  if (client.kind === "machine") {
    // client_credentials tokens carry only the client's allowed scopes: none means a useless (or, worse, unchecked) token.
    if (client.scopes.length === 0) p.add(scopesPath, `${subject}: a machine (client_credentials) client needs at least one scope`, client.scopes);
    checkRefs(p, scopesPath, client.scopes, names.scopes, "scope", subject);
    if (cognito.domainPrefix === undefined) {
      p.add(
        "cognito.domainPrefix",
        `${subject}: a machine (client_credentials) client needs cognito.domainPrefix (the token endpoint is on the pool domain)`,
        undefined,
      );
    }
  } else {
    const allowed = new Set([...names.scopes, ...STANDARD_USER_SCOPES]);
    checkRefs(p, scopesPath, client.scopes, allowed, "scope", subject);
    client.callbackUrls?.forEach((url, i) => checkRedirectUrl(p, joinPath(joinPath(path, "callbackUrls"), i), url, subject));
    client.logoutUrls?.forEach((url, i) => checkRedirectUrl(p, joinPath(joinPath(path, "logoutUrls"), i), url, subject));
    if (client.allowUserPasswordAuth !== undefined && reasonProblem(client.allowUserPasswordAuth.reason) !== undefined) {
      p.add(
        joinPath(joinPath(path, "allowUserPasswordAuth"), "reason"),
        `${subject}: allowUserPasswordAuth needs a written reason of at least ${MIN_REASON_LENGTH} characters`,
        client.allowUserPasswordAuth.reason,
      );
    }
  }
}

/** Cognito accepts https URLs, and plain http only for localhost. */
function checkRedirectUrl(p: ProblemList, path: string, url: string, subject: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const ok = parsed !== undefined && parsed.hash === "" && (parsed.protocol === "https:" || (parsed.protocol === "http:" && parsed.hostname === "localhost"));
  if (!ok) p.add(path, `${subject}: redirect URL ${q(url)} must be https (http only for localhost) and have no fragment`, url);
}
