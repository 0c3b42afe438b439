// Reads one SSM parameter with a hand-signed (SigV4) HTTPS call. The edge bundle carries no AWS SDK: the
// project does not depend on @aws-sdk/client-ssm, and a 60-line signer keeps the viewer-request bundle small.
import { createHash, createHmac } from "node:crypto";

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignedRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const sha256Hex = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");
const hmac = (key: Buffer | string, s: string): Buffer => createHmac("sha256", key).update(s, "utf8").digest();

/** `YYYYMMDDTHHMMSSZ`, SigV4's timestamp. */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** Builds a SigV4-signed POST of an AWS JSON 1.1 API call (`target` e.g. `AmazonSSM.GetParameter`). */
export function signJsonRequest(opts: {
  readonly service: string;
  readonly region: string;
  readonly target: string;
  readonly body: string;
  readonly credentials: AwsCredentials;
  readonly now: Date;
}): SignedRequest {
  const host = `${opts.service}.${opts.region}.amazonaws.com`;
  const date = amzDate(opts.now);
  const day = date.slice(0, 8);
  const headers: Record<string, string> = {
    "content-type": "application/x-amz-json-1.1",
    host,
    "x-amz-date": date,
    "x-amz-target": opts.target,
  };
  if (opts.credentials.sessionToken) headers["x-amz-security-token"] = opts.credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const canonicalRequest = ["POST", "/", "", ...names.map((n) => `${n}:${headers[n].trim()}`), "", names.join(";"), sha256Hex(opts.body)].join("\n");
  const scope = `${day}/${opts.region}/${opts.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", date, scope, sha256Hex(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${opts.credentials.secretAccessKey}`, day), opts.region), opts.service), "aws4_request");
  const signature = createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${opts.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return { url: `https://${host}/`, headers, body: opts.body };
}

/** The Lambda runtime's credentials (set for Lambda@Edge too; only user-defined variables are unsupported). */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): AwsCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error("no AWS credentials in the environment");
  return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN };
}

export type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

/** Budget for the cold-start GetParameter; with the JWKS download it stays inside the 5 s viewer limit (keys.ts). */
export const SSM_TIMEOUT_MS = 2000;

/** GetParameter → its value. Throws on any HTTP or shape error, or after SSM_TIMEOUT_MS. */
export async function getParameter(name: string, region: string, credentials: AwsCredentials, fetchImpl: Fetch, now = new Date()): Promise<string> {
  const req = signJsonRequest({ service: "ssm", region, target: "AmazonSSM.GetParameter", body: JSON.stringify({ Name: name }), credentials, now });
  const res = await fetchImpl(req.url, { method: "POST", headers: { ...req.headers }, body: req.body, signal: AbortSignal.timeout(SSM_TIMEOUT_MS) });
  const text = await res.text();
  if (!res.ok) throw new Error(`SSM GetParameter ${name}: HTTP ${res.status}`);
  const parsed: unknown = JSON.parse(text);
  const value =
    typeof parsed === "object" &&
    parsed !== null &&
    "Parameter" in parsed &&
    typeof parsed.Parameter === "object" &&
    parsed.Parameter !== null &&
    "Value" in parsed.Parameter
      ? parsed.Parameter.Value
      : undefined;
  if (typeof value !== "string") throw new Error(`SSM GetParameter ${name}: no string value in the response`);
  return value;
}
