// app-client-password-auth on choice-based sign-in (ALLOW_USER_AUTH): the caller picks its first factor, and when
// the pool allows PASSWORD (Cognito's default when sign_in_policy is unset) it may send the password itself.
// Derived from the sample's dev synth: its web client with SRP and choice-based sign-in instead of USER_PASSWORD_AUTH.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { modelFromDocument } from "../../../../guard/load";
import type { RuleFinding } from "../../../../guard/rules/types";
import { AppClientPasswordAuth } from "../../../../guard/rules/cognito/app-client-password-auth";

type Json = Record<string, unknown>;
type Doc = { resource: Record<string, Record<string, Json>> };

const SYNTH = join(__dirname, "..", "..", "review", "fixtures", "synth", "petstore-dev.cdk.tf.json");
const WEB = "identity_client-web_C7D0E3A6";
const POOL = "identity_user-pool_40B5B78A";

/** The synth with the web client on `flows` and the pool (and client) edited; the rule's findings on the web client. */
function findings(flows: readonly string[], edit: (pool: Json, client: Json) => void = () => undefined): RuleFinding[] {
  const doc = JSON.parse(readFileSync(SYNTH, "utf8")) as Doc;
  const client = doc.resource["aws_cognito_user_pool_client"]?.[WEB];
  const pool = doc.resource["aws_cognito_user_pool"]?.[POOL];
  if (client === undefined || pool === undefined) throw new Error("the synth has no web client or pool");
  client["explicit_auth_flows"] = [...flows];
  edit(pool, client);
  return AppClientPasswordAuth.check(modelFromDocument(doc, SYNTH), { policies: [] }).filter((f) => f.address === `aws_cognito_user_pool_client.${WEB}`);
}

const CHOICE = ["ALLOW_USER_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
const factors = (list: unknown) => (pool: Json) => (pool["sign_in_policy"] = { allowed_first_auth_factors: list });

describe("app-client-password-auth on choice-based sign-in", () => {
  test("GIVEN SRP alone (the harmless base) WHEN checked THEN nothing is reported", () => {
    expect(findings(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])).toEqual([]);
  });

  test("GIVEN ALLOW_USER_AUTH on a pool without sign_in_policy (PASSWORD alone by default) WHEN checked THEN medium: the password itself", () => {
    const found = findings(CHOICE);
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      [
        "medium",
        'app client "web": ALLOW_USER_AUTH (the pool allows PASSWORD as the first factor) sends the password itself to Cognito instead of an SRP proof (the client has no secret)',
      ],
    ]);
  });

  test("GIVEN ALLOW_USER_AUTH on a pool allowing PASSWORD beside passkeys WHEN checked THEN it is reported", () => {
    expect(findings(CHOICE, factors(["WEB_AUTHN", "PASSWORD"])).map((f) => f.severity)).toEqual(["medium"]);
  });

  test("GIVEN ALLOW_USER_AUTH on a pool whose first factors are passkeys and e-mail codes (the twin) WHEN checked THEN nothing is reported", () => {
    expect(findings(CHOICE, factors(["WEB_AUTHN", "EMAIL_OTP"]))).toEqual([]);
  });

  test("GIVEN the pool's first factors from a variable WHEN checked THEN not verified (low), never a pass", () => {
    const found = findings(CHOICE, factors("${var.first_factors}"));
    expect(found.map((f) => f.severity)).toEqual(["low"]);
    expect(found[0]?.message).toMatch(/ALLOW_USER_AUTH .* not verified$/);
  });

  test("GIVEN the client names a pool the configuration does not hold WHEN checked THEN not verified (low)", () => {
    const found = findings(CHOICE, (_pool, client) => (client["user_pool_id"] = "eu-west-1_AbCdEfGhI"));
    expect(found.map((f) => f.severity)).toEqual(["low"]);
    expect(found[0]?.message).toMatch(/not verified$/);
  });

  test("GIVEN USER_PASSWORD_AUTH beside choice-based sign-in on a passkey-only pool WHEN checked THEN the password flow is still reported", () => {
    const found = findings([...CHOICE, "ALLOW_USER_PASSWORD_AUTH"], factors(["WEB_AUTHN"]));
    expect(found.map((f) => f.message)).toEqual([
      'app client "web": ALLOW_USER_PASSWORD_AUTH sends the password itself to Cognito instead of an SRP proof (the client has no secret)',
    ]);
  });
});
