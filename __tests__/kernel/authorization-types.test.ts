// The one authorization-type table: its rows are consistent, and every vocabulary the project speaks (the spec's
// words, the policy's, API Gateway's, the review's ranking) is the table's.
import {
  AUTHORIZATION_TYPE_NAMES,
  AUTHORIZATION_TYPES,
  authorizationType,
  POLICY_ALIASES,
  policyWordType,
  reviewRow,
  specWordType,
  typeAtGateway,
  type AuthorizationType,
} from "../../kernel/authorization-types";
import { gatewayTypeFor } from "../../guard/access/lookups";
import type { Route } from "../../guard/model";
import { parsePolicyDocument } from "../../guard/policy/parse";
import { INTENDED_TYPES } from "../../guard/policy/types";
import type { AuthorizationSpec } from "../../access-spec/types";

describe("the authorization-type table", () => {
  it("GIVEN the rows THEN each type appears once, and ranks order them weakest first (equal ranks: different populations)", () => {
    expect(new Set(AUTHORIZATION_TYPE_NAMES).size).toBe(AUTHORIZATION_TYPES.length);
    const rank = (t: AuthorizationType): number => authorizationType(t).rank;
    expect(rank("NONE")).toBeLessThan(rank("API_KEY"));
    expect(rank("API_KEY")).toBeLessThan(rank("CUSTOM"));
    expect(rank("EDGE")).toBe(rank("CUSTOM"));
    expect(rank("CUSTOM")).toBeLessThan(rank("COGNITO"));
    expect([rank("COGNITO"), rank("JWT")]).toEqual([rank("AWS_IAM"), rank("AWS_IAM")]);
  });

  it("GIVEN the rows THEN only NONE and API_KEY are open, and the types with an authorizer resource are COGNITO, CUSTOM and JWT", () => {
    expect(AUTHORIZATION_TYPES.filter((r) => r.open).map((r) => r.type)).toEqual(["NONE", "API_KEY"]);
    expect(AUTHORIZATION_TYPES.filter((r) => r.needsAuthorizer).map((r) => r.type)).toEqual(["COGNITO", "CUSTOM", "JWT"]);
  });

  it("GIVEN the rows THEN what one says of itself agrees: an authorizer has types and a word, a review word one rank and openness", () => {
    for (const row of AUTHORIZATION_TYPES) {
      expect({ type: row.type, fits: row.authorizerTypes.length > 0, word: row.authorizerWord !== undefined }).toEqual({
        type: row.type,
        fits: row.needsAuthorizer,
        word: row.needsAuthorizer,
      });
      // Scopes the gateway checks are scopes the policy states; the authorizer the gateway needs is one the policy may name.
      if (row.gatewayScopes) expect(row.policy.scopes).toBe(true);
      expect(row.policy.authorizer === "refused").toBe(!row.needsAuthorizer);
      const speaker = reviewRow(row.reviewWord);
      expect({ type: row.type, rank: row.rank, open: row.open }).toEqual({ type: row.type, rank: speaker.rank, open: speaker.open });
    }
    expect(typeAtGateway("COGNITO_USER_POOLS")).toBe("COGNITO");
    expect(typeAtGateway("JWT")).toBe("JWT");
    expect(typeAtGateway("NONE")).toBeUndefined();
    expect(typeAtGateway("none")).toBeUndefined();
  });

  it("GIVEN the access spec's auth words THEN they are exactly the table's spec words", () => {
    // A compile error here means the spec gained or lost a word: give it a row (or a specWord) in the table.
    const specWords: Record<AuthorizationSpec["type"], true> = { NONE: true, API_KEY: true, AWS_IAM: true, COGNITO: true, LAMBDA: true, EDGE: true };
    const tableWords = AUTHORIZATION_TYPES.flatMap((r) => (r.specWord === undefined ? [] : [r.specWord]));
    expect(tableWords.sort()).toEqual(Object.keys(specWords).sort());
    expect(specWordType("LAMBDA")).toBe("CUSTOM");
    expect(specWordType("JWT")).toBeUndefined();
  });

  it("GIVEN the policy THEN its words are the table's types, and LAMBDA is an alias of CUSTOM", () => {
    expect(INTENDED_TYPES).toEqual(AUTHORIZATION_TYPE_NAMES);
    expect(POLICY_ALIASES).toEqual([{ word: "LAMBDA", type: "CUSTOM" }]);
    expect(policyWordType("LAMBDA")).toBe("CUSTOM");
    expect(policyWordType("COGNITO_USER_POOLS")).toBeUndefined();
  });

  it("GIVEN a policy route typed with the alias THEN it parses as CUSTOM; an unknown word is refused naming the types and the alias", () => {
    const doc = (type: string) => ({ api: "shop-*", routes: { "GET /x": { type, authorizer: "a", reason: "r" } } });
    const ok = parsePolicyDocument(doc("LAMBDA"), "p.yaml");
    expect(ok.problems).toEqual([]);
    expect(ok.policy?.routes["GET /x"]?.type).toBe("CUSTOM");
    const bad = parsePolicyDocument(doc("COGNITO_USER_POOLS"), "p.yaml");
    expect(bad.problems.map((p) => p.message).join("\n")).toContain(`must be one of ${AUTHORIZATION_TYPE_NAMES.join(", ")} (LAMBDA = CUSTOM)`);
  });

  it("GIVEN API Gateway's REST values THEN the policy check expects the table's on a REST method", () => {
    const method = { form: "rest-method" } as Route;
    for (const row of AUTHORIZATION_TYPES) expect(gatewayTypeFor(method, row.type)).toBe(row.restGateway);
    expect(gatewayTypeFor(method, "COGNITO")).toBe("COGNITO_USER_POOLS");
    expect(gatewayTypeFor(method, "EDGE")).toBe("NONE");
  });
});
