// SigV4 for the conformance run: credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN), or a role assumed with them through STS (--role-arn); the signing role's name, for judging
// AWS_IAM routes; and the signature itself (@smithy/signature-v4, service execute-api).
import { Sha256 } from "@aws-crypto/sha256-js";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Obtained } from "./tokens";

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface Signer {
  readonly credentials: Credentials;
  /** The role the signatures come from; undefined when not known (an IAM user, or STS would not say). */
  readonly roleName: string | undefined;
  /** How the credentials were obtained, for the report. */
  readonly source: string;
}

/** `arn:aws:iam::1:role/path/name` or `arn:aws:sts::1:assumed-role/name/session` -> `name`. */
function roleNameOf(arn: string): string | undefined {
  const assumed = /^arn:aws[\w-]*:sts::\d*:assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  if (assumed !== null) return assumed[1];
  const role = /^arn:aws[\w-]*:iam::\d*:role\/(?:[^/]*\/)*([^/]+)$/.exec(arn);
  return role === null ? undefined : role[1];
}

function envCredentials(env: Readonly<Record<string, string | undefined>>): Credentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (accessKeyId === undefined || accessKeyId === "" || secretAccessKey === undefined || secretAccessKey === "") return undefined;
  const sessionToken = env.AWS_SESSION_TOKEN;
  return { accessKeyId, secretAccessKey, ...(sessionToken !== undefined && sessionToken !== "" ? { sessionToken } : {}) };
}

const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** The credentials SigV4 cases are signed with, or why there are none. */
export async function resolveSigner(
  env: Readonly<Record<string, string | undefined>>,
  region: string,
  roleArn: string | undefined,
  timeoutMs: number,
): Promise<Obtained<Signer>> {
  const ambient = envCredentials(env);
  if (ambient === undefined) return { ok: false, why: "no AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)" };
  const endpoint = env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL;
  const sts = new STSClient({ region, credentials: ambient, maxAttempts: 2, ...(endpoint !== undefined && endpoint !== "" ? { endpoint } : {}) });
  const abortSignal = AbortSignal.timeout(timeoutMs);
  try {
    if (roleArn !== undefined) {
      let out;
      try {
        out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "api-access-conformance", DurationSeconds: 900 }), { abortSignal });
      } catch (e) {
        return { ok: false, why: `sts:AssumeRole of ${roleArn} failed: ${errorText(e)}` };
      }
      const c = out.Credentials;
      if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined) return { ok: false, why: `sts:AssumeRole of ${roleArn} returned no credentials` };
      return {
        ok: true,
        value: {
          credentials: {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            ...(c.SessionToken !== undefined ? { sessionToken: c.SessionToken } : {}),
          },
          roleName: roleNameOf(out.AssumedRoleUser?.Arn ?? roleArn),
          source: `role ${roleArn} assumed through STS`,
        },
      };
    }
    let arn: string | undefined;
    try {
      arn = (await sts.send(new GetCallerIdentityCommand({}), { abortSignal })).Arn;
    } catch {
      arn = undefined;
    }
    return {
      ok: true,
      value: {
        credentials: ambient,
        roleName: arn === undefined ? undefined : roleNameOf(arn),
        source: `the environment's credentials (${arn ?? "sts:GetCallerIdentity did not answer"})`,
      },
    };
  } finally {
    sts.destroy();
  }
}

/** The headers that sign `method url` (host, x-amz-date, authorization, ...), for execute-api in `region`. */
export async function sigV4Headers(
  signer: Credentials,
  region: string,
  method: string,
  url: URL,
  headers: Readonly<Record<string, string>>,
  body?: string,
): Promise<Record<string, string>> {
  const sig = new SignatureV4({ service: "execute-api", region, credentials: signer, sha256: Sha256 });
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const signed = await sig.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port !== "" ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query,
    headers: { ...headers, host: url.host },
    ...(body !== undefined ? { body } : {}),
  });
  return signed.headers;
}
