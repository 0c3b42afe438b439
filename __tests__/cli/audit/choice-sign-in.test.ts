// The audit's Cognito state carries a pool's sign-in policy, so app-client-password-auth judges a live client with
// choice-based sign-in (ALLOW_USER_AUTH) by its pool's first factors: PASSWORD (or no policy: Cognito's default)
// fires, passkeys and e-mail codes alone pass. The live client names its pool by id, not by reference.
import { modelFromDocument } from "../../../guard/load";
import { AppClientPasswordAuth } from "../../../guard/rules/cognito/app-client-password-auth";
import { stateDocument } from "../../../cli/private/audit/state-doc";
import { cognitoResources } from "../../../cli/private/audit/state-identity";
import type { UserPoolRead } from "../../../cli/private/audit/snapshot";

function liveFindings(firstFactors?: ("PASSWORD" | "WEB_AUTHN" | "EMAIL_OTP")[]): string[] {
  const read: UserPoolRead = {
    pool: {
      Id: "eu-west-1_AbCdEfGhI",
      Name: "shop-users",
      Arn: "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI",
      ...(firstFactors !== undefined ? { Policies: { SignInPolicy: { AllowedFirstAuthFactors: firstFactors } } } : {}),
    },
    clients: [{ ClientId: "1a2b3c", ClientName: "web", UserPoolId: "eu-west-1_AbCdEfGhI", ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
    groups: [],
    resourceServers: [],
    totpEnabled: false,
  };
  const doc = stateDocument(cognitoResources("eu-west-1", [read]));
  return AppClientPasswordAuth.check(modelFromDocument(doc, "state.json"), { policies: [] }).map((f) => `${String(f.severity)} ${f.message}`);
}

describe("app-client-password-auth on an audited pool", () => {
  test("GIVEN a live pool without a sign-in policy WHEN its USER_AUTH client is judged THEN the password itself (medium)", () => {
    expect(liveFindings()).toEqual([
      'medium app client "web": ALLOW_USER_AUTH (the pool allows PASSWORD as the first factor) sends the password itself to Cognito instead of an SRP proof (the client has no secret)',
    ]);
  });

  test("GIVEN a live pool allowing PASSWORD first WHEN judged THEN reported", () => {
    expect(liveFindings(["PASSWORD", "WEB_AUTHN"])).toHaveLength(1);
  });

  test("GIVEN a live pool with passkeys and e-mail codes as first factors (the twin) WHEN judged THEN nothing is reported", () => {
    expect(liveFindings(["WEB_AUTHN", "EMAIL_OTP"])).toEqual([]);
  });
});
