import { publicKeyPem } from "./helpers/pem";
import { MAX_AUTHORIZATION_LENGTH, parseAuthorization } from "../../lambdas/authorizer/token";
import {
  accessClaims,
  authorizerWithKeys,
  CLIENT_IDS,
  idClaims,
  ISSUER,
  KID,
  machineClaims,
  makeKeyPair,
  PREFIX,
  requestEvent,
  signHs256,
  signRs256,
  TABLES,
  token,
  tokenEvent,
  unsigned,
} from "./helpers/tokens";
import type { Decision } from "../../lambdas/authorizer/decide";

const authz = authorizerWithKeys();
const decide = (authorization: string, verb = "GET", path = "/pets/1"): Decision => authz.decide(tokenEvent(authorization, verb, path));
const effect = (authorization: string, verb = "GET", path = "/pets/1"): string => decide(authorization, verb, path).effect;

describe("authorizer decision: authentication (401 cases)", () => {
  test("GIVEN a valid access token with the route's scope WHEN deciding THEN Allow, principal = sub, context of scalars", () => {
    const d = decide(`Bearer ${token(accessClaims())}`);
    expect(d.effect).toBe("Allow");
    if (d.effect === "Unauthorized") throw new Error("unreachable");
    expect(d.response.principalId).toBe("user-sub-1");
    expect(d.response.context).toEqual({
      sub: "user-sub-1",
      username: "alice",
      client_id: CLIENT_IDS.web,
      token_use: "access",
      groups: "staff",
      scopes: "petstore/read openid",
    });
    expect(d.response.usageIdentifierKey).toBeUndefined();
    expect(d.route).toBe("GET /pets/{petId}");
  });

  test.each([
    ["wrong client", () => token(accessClaims({ client_id: "someotherclient0000000000" }))],
    ["ID token from a wrong client (aud)", () => token(idClaims({ aud: "someotherclient0000000000" }))],
    ["wrong pool/issuer", () => token(accessClaims({ iss: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_OtherPool" }))],
    ["wrong region issuer", () => token(accessClaims({ iss: "https://cognito-idp.us-east-1.amazonaws.com/eu-west-1_TestPool1" }))],
    ["expired", () => token(accessClaims({ exp: Math.floor(Date.now() / 1000) - 1 }))],
    ["nbf in the future", () => token(accessClaims({ nbf: Math.floor(Date.now() / 1000) + 120 }))],
    ["no exp at all", () => token(accessClaims({ exp: undefined }))],
    ["no iat", () => token(accessClaims({ iat: undefined }))],
    ["iat in the future beyond the clock skew", () => token(accessClaims({ iat: Math.floor(Date.now() / 1000) + 600 }))],
    ["auth_time in the future", () => token(accessClaims({ auth_time: Math.floor(Date.now() / 1000) + 600 }))],
    ["no token_use", () => token(accessClaims({ token_use: undefined }))],
    ["token_use refresh", () => token(accessClaims({ token_use: "refresh" }))],
    ["alg none", () => unsigned({ alg: "none", kid: KID }, accessClaims())],
    ["HS256 signed with the public key", () => signHs256({ alg: "HS256", kid: KID }, accessClaims(), publicKeyPem())],
    ["RS256 signed by another key with our kid", () => signRs256({ alg: "RS256", kid: KID }, accessClaims(), makeKeyPair(KID).privateKey)],
    [
      "tampered payload",
      () => {
        const [h, , s] = token(accessClaims()).split(".");
        return `${h}.${Buffer.from(JSON.stringify(accessClaims({ "cognito:groups": ["admins"] }))).toString("base64url")}.${s}`;
      },
    ],
    [
      "tampered signature",
      () => {
        const [h, p, s] = token(accessClaims()).split(".");
        const sig = Buffer.from(s, "base64url");
        sig[10] ^= 1;
        return `${h}.${p}.${sig.toString("base64url")}`;
      },
    ],
    ["unknown kid", () => token(accessClaims(), { kid: "not-a-known-kid" })],
    ["no kid", () => token(accessClaims(), { kid: undefined })],
    ["two-part token", () => token(accessClaims()).split(".").slice(0, 2).join(".")],
    ["four-part token", () => `${token(accessClaims())}.AAAA`],
    ["bad base64", () => token(accessClaims()).replace(".", ".%%")],
    [
      "non-canonical base64url signature (unused low bits set)",
      () => {
        const t = token(accessClaims());
        const last = t[t.length - 1];
        const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return t.slice(0, -1) + alphabet[alphabet.indexOf(last) | 1];
      },
    ],
    ["empty", () => ""],
    ["Bearer only", () => "Bearer"],
    ["Bearer and spaces only", () => "Bearer    "],
    ["Basic scheme", () => `Basic ${Buffer.from("a:b").toString("base64")}`],
    ["Bearer with a tab", () => `Bearer\t${token(accessClaims())}`],
    ["Bearer glued to the token", () => `Bearer${token(accessClaims())}`],
    ["two tokens", () => `Bearer ${token(accessClaims())} ${token(accessClaims())}`],
    ["token with a trailing comma", () => `Bearer ${token(accessClaims())},`],
  ])("GIVEN %s WHEN deciding THEN Unauthorized (401)", (_name, make) => {
    expect(effect(make())).toBe("Unauthorized");
  });

  test("GIVEN a 1 MB token WHEN deciding THEN Unauthorized before any parsing: the verifier is never reached", () => {
    const huge = `Bearer ${"a".repeat(500_000)}.${"b".repeat(500_000)}.c`;
    const verify = jest.spyOn(authz.verifier, "verifySync");
    try {
      const d = decide(huge);
      expect(d.effect).toBe("Unauthorized");
      expect(d.reason).toBe("no-bearer-token");
      expect(verify).not.toHaveBeenCalled();
      // The length check comes first (lambdas/authorizer/token.ts): one over the limit is refused as a whole.
      expect(parseAuthorization(`Bearer ${"a".repeat(MAX_AUTHORIZATION_LENGTH)}`)).toBeNull();
    } finally {
      verify.mockRestore();
    }
  });

  test.each([
    ["bare JWT", (t: string) => t],
    ["Bearer + one space", (t: string) => `Bearer ${t}`],
    ["Bearer + three spaces", (t: string) => `Bearer   ${t}`],
    ["lower-case scheme", (t: string) => `bearer ${t}`],
    ["surrounding spaces (HTTP OWS)", (t: string) => `  Bearer ${t} `],
  ])("GIVEN %s WHEN deciding THEN the token is read", (_name, wrap) => {
    expect(effect(wrap(token(accessClaims())))).toBe("Allow");
  });

  test("GIVEN a malformed methodArn WHEN deciding THEN Unauthorized", () => {
    expect(
      authz.decide({ type: "TOKEN", authorizationToken: token(accessClaims()), methodArn: "arn:aws:execute-api:eu-west-1:123456789012:abc/*" }).effect,
    ).toBe("Unauthorized");
    expect(authz.decide(null).effect).toBe("Unauthorized");
    expect(authz.decide({ type: "OTHER", authorizationToken: token(accessClaims()), methodArn: `${PREFIX}GET/pets/1` }).effect).toBe("Unauthorized");
  });

  test("GIVEN a repeated token that has since expired WHEN deciding again THEN Unauthorized", () => {
    const a = authorizerWithKeys();
    const exp = Math.floor(Date.now() / 1000) + 60;
    const t = token(accessClaims({ exp }));
    expect(a.decide(tokenEvent(t, "GET", "/pets/1")).effect).toBe("Allow");
    expect(a.decide(tokenEvent(t, "GET", "/pets/1"), exp + 1).effect).toBe("Unauthorized");
  });
});

describe("authorizer decision: authorization (403 cases)", () => {
  test("GIVEN an ID token on a route that needs an access token WHEN deciding THEN explicit Deny of this method", () => {
    const d = decide(token(idClaims()));
    expect(d.effect).toBe("Deny");
    expect(d.reason).toBe("token-use:id");
    if (d.effect === "Unauthorized") throw new Error("unreachable");
    const deny = d.response.policyDocument.Statement.find((s) => s.Effect === "Deny");
    expect(deny?.Resource).toContain(`${PREFIX}GET/pets/1`);
  });

  test("GIVEN an admin's access token on a route that needs an ID token WHEN deciding THEN Deny", () => {
    const d = decide(token(accessClaims({ "cognito:groups": ["admins"] })), "DELETE", "/pets/1");
    expect(d).toMatchObject({ effect: "Deny", reason: "token-use:access" });
  });

  test("GIVEN an ID token of an admin from the web client WHEN deleting THEN Allow", () => {
    expect(effect(token(idClaims()), "DELETE", "/pets/1")).toBe("Allow");
  });

  test("GIVEN a token without the required group WHEN deciding THEN Deny (missing-group)", () => {
    expect(decide(token(idClaims({ "cognito:groups": ["staff"] })), "DELETE", "/pets/1")).toMatchObject({ effect: "Deny", reason: "missing-group" });
    expect(decide(token(idClaims({ "cognito:groups": undefined })), "DELETE", "/pets/1")).toMatchObject({ effect: "Deny", reason: "missing-group" });
  });

  test("GIVEN an access token without the required scope WHEN deciding THEN Deny (missing-scope)", () => {
    expect(decide(token(accessClaims({ scope: "petstore/write" })))).toMatchObject({ effect: "Deny", reason: "missing-scope" });
    expect(decide(token(accessClaims({ scope: "petstore/readx aws.cognito.signin.user.admin" })))).toMatchObject({ effect: "Deny", reason: "missing-scope" });
  });

  test("GIVEN a client_credentials token (no groups, sub == client_id) WHEN calling user-only routes THEN Deny", () => {
    const machine = token(machineClaims());
    expect(decide(machine, "DELETE", "/pets/1")).toMatchObject({ effect: "Deny" });
    const request = authorizerWithKeys(TABLES["jwt-request"]);
    expect(request.decide(requestEvent({ Authorization: `Bearer ${machine}` }, "PUT", "/pets/1/photo"))).toMatchObject({
      effect: "Deny",
      reason: "missing-group",
    });
    // ...while the scope-only route is open to it
    expect(effect(machine)).toBe("Allow");
  });

  test("GIVEN a token from an allowed pool client not listed on the route WHEN deciding THEN Deny (client-not-allowed)", () => {
    const partnerId = token(idClaims({ aud: CLIENT_IDS["partner-sync"] }));
    expect(decide(partnerId, "DELETE", "/pets/1")).toMatchObject({ effect: "Deny", reason: "client-not-allowed" });
  });

  test("GIVEN a method outside the route table WHEN deciding THEN Deny that exact method", () => {
    const d = decide(token(accessClaims()), "POST", "/pets/1");
    expect(d).toMatchObject({ effect: "Deny", reason: "route-not-in-table", route: null });
  });
});

describe("REQUEST events", () => {
  const request = authorizerWithKeys(TABLES["jwt-request"]);
  const admin = token(idClaims({ "cognito:groups": ["staff"] }));
  test("GIVEN the Authorization header in any case WHEN deciding THEN it is read", () => {
    expect(request.decide(requestEvent({ authorization: `Bearer ${admin}` }, "PUT", "/pets/7/photo")).effect).toBe("Allow");
    expect(request.decide(requestEvent({ AUTHORIZATION: admin }, "PUT", "/pets/7/photo")).effect).toBe("Allow");
  });
  test("GIVEN no header, or two different Authorization headers WHEN deciding THEN Unauthorized", () => {
    expect(request.decide(requestEvent({}, "PUT", "/pets/7/photo")).effect).toBe("Unauthorized");
    expect(request.decide(requestEvent({ authorization: admin, Authorization: admin }, "PUT", "/pets/7/photo")).effect).toBe("Unauthorized");
    const multi = { ...requestEvent({ authorization: admin }, "PUT", "/pets/7/photo"), multiValueHeaders: { authorization: [admin, admin] } };
    expect(request.decide(multi).effect).toBe("Unauthorized");
  });
});

describe("API keys from the authorizer", () => {
  test("GIVEN apiKeyFromAuthorizer WHEN a known client is allowed THEN usageIdentifierKey is its key", () => {
    const a = authorizerWithKeys({ ...TABLES["jwt-token"], apiKeyFromAuthorizer: true }, {}, { apiKeysByClient: { "partner-sync": "key-value-123" } });
    const d = a.decide(tokenEvent(token(machineClaims()), "GET", "/pets/1"));
    expect(d.effect === "Allow" && d.response.usageIdentifierKey).toBe("key-value-123");
  });
});

test("issuer constant matches the pool", () => expect(ISSUER).toContain("eu-west-1_TestPool1"));
