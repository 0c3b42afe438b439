// The hand-written SigV4 signer against the AWS SDK's own (@smithy/signature-v4), and GetParameter against a fake fetch.
import { createHash, createHmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { amzDate, getParameter, signJsonRequest, type Fetch } from "../../../lambdas/edge/ssm";

class Sha256 {
  private readonly parts: Buffer[] = [];
  constructor(private readonly secret?: unknown) {}
  update(data: Uint8Array | string): void {
    this.parts.push(Buffer.from(data));
  }
  async digest(): Promise<Uint8Array> {
    const data = Buffer.concat(this.parts);
    if (this.secret !== undefined)
      return createHmac("sha256", Buffer.from(this.secret as Uint8Array | string))
        .update(data)
        .digest();
    return createHash("sha256").update(data).digest();
  }
  reset(): void {
    this.parts.length = 0;
  }
}

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "session-token" };
const now = new Date("2026-01-02T03:04:05.678Z");

describe("SSM SigV4 signing", () => {
  test("GIVEN a GetParameter call WHEN signed THEN the signature equals the AWS SDK's", async () => {
    const body = JSON.stringify({ Name: "/petstore/prod/edge-verifier/config" });
    const ours = signJsonRequest({ service: "ssm", region: "us-east-1", target: "AmazonSSM.GetParameter", body, credentials, now });
    const sdk = new SignatureV4({ service: "ssm", region: "us-east-1", credentials, sha256: Sha256 as never, uriEscapePath: true, applyChecksum: false });
    const signed = await sdk.sign(
      {
        method: "POST",
        protocol: "https:",
        hostname: "ssm.us-east-1.amazonaws.com",
        path: "/",
        headers: { "content-type": "application/x-amz-json-1.1", host: "ssm.us-east-1.amazonaws.com", "x-amz-target": "AmazonSSM.GetParameter" },
        body,
      } as never,
      { signingDate: now },
    );
    const sdkAuth = (signed as unknown as { headers: Record<string, string> }).headers.authorization;
    const signature = (s: string) => /Signature=([0-9a-f]+)/.exec(s)?.[1];
    expect(signature(ours.headers.authorization)).toBe(signature(sdkAuth));
    expect(ours.headers.authorization).toContain("Credential=AKIDEXAMPLE/20260102/us-east-1/ssm/aws4_request");
    expect(amzDate(now)).toBe("20260102T030405Z");
  });

  test("GIVEN SSM answers WHEN the parameter is read THEN its value is returned; errors and odd shapes throw", async () => {
    const fake =
      (status: number, text: string): Fetch =>
      async () => ({ ok: status < 300, status, text: async () => text });
    await expect(getParameter("/p", "us-east-1", credentials, fake(200, JSON.stringify({ Parameter: { Value: "{}" } })), now)).resolves.toBe("{}");
    await expect(getParameter("/p", "us-east-1", credentials, fake(400, "{}"), now)).rejects.toThrow("HTTP 400");
    await expect(getParameter("/p", "us-east-1", credentials, fake(200, "{}"), now)).rejects.toThrow("no string value");
  });
});
