// Lambda proxy behind the Cognito authorizer (ID tokens): temporary credentials for the caller's group role
// via STS AssumeRole. Refusals are 403 JSON; an STS failure is a 502 that never echoes STS's message.
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { authorizerClaims } from "../shared/claims";
import { json, type ProxyResult } from "../shared/http";
import { decideGroupRole, parseGroupRoleConfig, type GroupRoleConfig } from "./decide";

export interface GroupRoleDeps {
  readonly sts: STSClient;
  /** null when the environment is invalid: every call is refused. */
  readonly config: GroupRoleConfig | null;
}

export function createHandler(deps: GroupRoleDeps): (event: unknown) => Promise<ProxyResult> {
  return async (event) => {
    if (deps.config === null) return json(500, { error: "misconfigured" });
    const claims = authorizerClaims(event);
    const decision = decideGroupRole(claims, deps.config);
    const sub = claims && typeof claims.sub === "string" ? claims.sub : null;
    if (!decision.ok) {
      log({ decision: "refused", reason: decision.error, sub });
      return json(decision.status, { error: decision.error });
    }
    try {
      const out = await deps.sts.send(new AssumeRoleCommand({ ...decision.input }));
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) throw new Error("STS returned no credentials");
      log({ decision: "assumed", role: decision.input.RoleArn, sub });
      return json(200, {
        roleArn: decision.input.RoleArn,
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration.toISOString(),
      });
    } catch (err) {
      log({ decision: "sts-failed", error: err instanceof Error ? err.name : "unknown", role: decision.input.RoleArn, sub });
      return json(502, { error: "could not obtain credentials" });
    }
  };
}

function loadConfig(): GroupRoleConfig | null {
  try {
    return parseGroupRoleConfig(process.env);
  } catch (err) {
    log({ event: "config-error", message: err instanceof Error ? err.message : "unknown" });
    return null;
  }
}

function log(entry: Record<string, unknown>): void {
  console.log(JSON.stringify({ source: "group-role", ...entry }));
}

export const handler = createHandler({ sts: new STSClient({}), config: loadConfig() });
