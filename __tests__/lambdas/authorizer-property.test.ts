// Property: no mutated, forged or random token is ever allowed (>= 10,000 per run).
import fc from "fast-check";
import { accessClaims, authorizerWithKeys, idClaims, KID, makeKeyPair, signHs256, signRs256, token, tokenEvent, unsigned } from "./helpers/tokens";
import { publicKeyPem } from "./helpers/pem";

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const authz = authorizerWithKeys();
const VALID = token(accessClaims({ "cognito:groups": ["admins"] }));
const VALID_ID = token(idClaims());
const ATTACKER = makeKeyPair(KID);
const b64 = (s: string): string => Buffer.from(s).toString("base64url");

// Sanity: the unmutated tokens are allowed, so the property is not vacuous.
test("GIVEN the unmutated tokens WHEN deciding THEN they are allowed", () => {
  expect(authz.decide(tokenEvent(VALID, "GET", "/pets/1")).effect).toBe("Allow");
  expect(authz.decide(tokenEvent(VALID_ID, "DELETE", "/pets/1")).effect).toBe("Allow");
});

const charMutation = fc
  .tuple(fc.constantFrom(VALID, VALID_ID), fc.nat(), fc.constantFrom(...(B64URL + ".=+/ ").split("")))
  .map(([t, i, c]) => {
    const at = i % t.length;
    return t.slice(0, at) + c + t.slice(at + 1);
  })
  .filter((t) => t !== VALID && t !== VALID_ID);

const insertionOrDeletion = fc.tuple(fc.constantFrom(VALID, VALID_ID), fc.nat(), fc.boolean(), fc.constantFrom(...B64URL.split(""))).map(([t, i, del, c]) => {
  const at = i % t.length;
  return del ? t.slice(0, at) + t.slice(at + 1) : t.slice(0, at) + c + t.slice(at);
});

const partShuffle = fc
  .tuple(fc.constantFrom(VALID, VALID_ID), fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 5 }))
  .map(([t, order]) => {
    const parts = t.split(".");
    return order.map((i) => parts[i]).join(".");
  })
  .filter((t) => t !== VALID && t !== VALID_ID);

// (The headers are equal, so only payload/signature splices change anything.)
const spliced = fc.tuple(fc.integer({ min: 1, max: 2 })).map(([i]) => {
  const a = VALID.split(".");
  const b = VALID_ID.split(".");
  a[i] = b[i];
  return a.join(".");
});

const jsonValue = fc.jsonValue({ maxDepth: 2 });
const forgedClaims = fc.record({
  sub: fc.oneof(fc.string(), fc.constant("user-sub-1")),
  token_use: fc.oneof(fc.constantFrom("access", "id", "refresh"), jsonValue),
  "cognito:groups": fc.oneof(fc.constant(["admins"]), jsonValue),
  scope: fc.oneof(fc.constant("petstore/read"), jsonValue),
  exp: fc.oneof(fc.integer(), fc.constant(4102444800), jsonValue),
  extra: jsonValue,
});
const forged = fc.tuple(forgedClaims, fc.constantFrom("none", "HS256", "RS256-attacker", "RS512", "ES256", "rs256")).map(([claims, how]) => {
  const payload = accessClaims(claims);
  if (how === "none") return unsigned({ alg: "none", kid: KID }, payload);
  if (how === "HS256") return signHs256({ alg: "HS256", kid: KID }, payload, publicKeyPem());
  if (how === "RS256-attacker") return signRs256({ alg: "RS256", kid: KID }, payload, ATTACKER.privateKey);
  // a real signature but a header that lies about the algorithm
  return signRs256({ alg: how, kid: KID }, payload);
});

const randomParts = fc.array(fc.string({ unit: fc.constantFrom(...B64URL.split("")), maxLength: 40 }), { minLength: 1, maxLength: 4 }).map((p) => p.join("."));
const randomJsonParts = fc
  .tuple(jsonValue, jsonValue, fc.string({ maxLength: 20 }))
  .map(([h, p, s]) => `${b64(JSON.stringify(h))}.${b64(JSON.stringify(p))}.${b64(s)}`);
const anyString = fc.string({ maxLength: 200 });

const wrapped = fc
  .tuple(
    fc
      .oneof(charMutation, insertionOrDeletion, partShuffle, spliced, forged, randomParts, randomJsonParts, anyString)
      .filter((t) => t !== VALID && t !== VALID_ID),
    fc.constantFrom("", "Bearer ", "bearer  ", "Bearer\t", " "),
  )
  .map(([t, prefix]) => prefix + t);

test("GIVEN 10,000 mutated, forged or random tokens WHEN deciding on every route THEN none is allowed", () => {
  fc.assert(
    fc.property(wrapped, fc.constantFrom(["GET", "/pets/1"], ["DELETE", "/pets/2"]), (auth, [verb, path]) => {
      const d = authz.decide(tokenEvent(auth, verb, path));
      if (d.effect === "Allow") return false;
      // Nor may a Deny smuggle an Allow statement for another route.
      return d.effect === "Unauthorized" || d.response.policyDocument.Statement.every((s) => s.Effect === "Deny");
    }),
    { numRuns: 10_000 },
  );
});
