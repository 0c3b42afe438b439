// The one authorization-type table: its rows are consistent, and every vocabulary the project speaks (the spec's
// words, the policy's, API Gateway's, the review's ranking) is the table's.
import {
  AUTHORIZATION_TYPE_NAMES,
  AUTHORIZATION_TYPES,
  POLICY_ALIASES,
  policyWordType,
  REVIEW_WORDS,
  reviewRow,
  specWordType,
  typeAtGateway,
  type ReviewWord,
} from "../../kernel/authorization-types";
import { gatewayTypeFor } from "../../guard/access/lookups";
import type { Route } from "../../guard/model";
import { parsePolicyDocument } from "../../guard/policy/parse";
import { INTENDED_TYPES } from "../../guard/policy/types";
import type { AuthorizationSpec } from "../../access-spec/types";

describe("the authorization-type table", () => {
  it("GIVEN the rows THEN each type appears once, every open type ranks below every closed one, and no open type needs an authorizer", () => {
    expect(new Set(AUTHORIZATION_TYPE_NAMES).size).toBe(AUTHORIZATION_TYPES.length);
    const open = AUTHORIZATION_TYPES.filter((r) => r.open);
    const closed = AUTHORIZATION_TYPES.filter((r) => !r.open);
    expect(open.length).toBeGreaterThan(0);
    expect(closed.length).toBeGreaterThan(0);
    for (const o of open)
      for (const c of closed) expect({ open: o.type, below: c.type, ranks: o.rank < c.rank }).toEqual({ open: o.type, below: c.type, ranks: true });
    for (const o of open) expect({ type: o.type, needsAuthorizer: o.needsAuthorizer }).toEqual({ type: o.type, needsAuthorizer: false });
  });

  it("GIVEN the rows THEN openness is who gets through: open types admit anyone or key holders and conformance calls them openly", () => {
    for (const row of AUTHORIZATION_TYPES) {
      const admitsAnyone = row.admits === "anyone" || row.admits === "key-holders";
      expect({ type: row.type, admitsAnyone, gate: row.conformance.gate === "open" }).toEqual({ type: row.type, admitsAnyone: row.open, gate: row.open });
    }
  });

  it("GIVEN the rows THEN what one says of itself agrees: an authorizer has types and a word, a review word one rank, openness, order and pool use", () => {
    for (const row of AUTHORIZATION_TYPES) {
      expect({ type: row.type, fits: row.authorizerTypes.length > 0, word: row.authorizerWord !== undefined }).toEqual({
        type: row.type,
        fits: row.needsAuthorizer,
        word: row.needsAuthorizer,
      });
      // Scopes the gateway checks are scopes the policy states; the authorizer the gateway needs is one the policy may name.
      if (row.gatewayScopes) expect(row.policy.scopes).toBe(true);
      expect(row.policy.authorizer === "refused").toBe(!row.needsAuthorizer);
      // A gateway authorizer that checks tokens checks the pool's (or an issuer's): the review weighs those routes for pool changes.
      if (row.gatewayScopes) expect({ type: row.type, poolTokens: row.poolTokens }).toEqual({ type: row.type, poolTokens: true });
      const speaker = reviewRow(row.reviewWord);
      const said = (r: typeof row) => ({ rank: r.rank, open: r.open, reviewOrder: r.reviewOrder, poolTokens: r.poolTokens });
      expect({ type: row.type, ...said(row) }).toEqual({ type: row.type, ...said(speaker) });
    }
  });

  it("GIVEN the review words THEN each has its own place in the review's order, which never lists a word before a weaker one", () => {
    const orders = REVIEW_WORDS.map((w) => reviewRow(w).reviewOrder);
    expect(new Set(orders).size).toBe(REVIEW_WORDS.length);
    expect([...orders].sort((a, b) => a - b)).toEqual(orders);
    for (let i = 1; i < REVIEW_WORDS.length; i++) {
      const [weaker, next] = [REVIEW_WORDS[i - 1] as ReviewWord, REVIEW_WORDS[i] as ReviewWord];
      expect({ after: weaker, word: next, notWeaker: reviewRow(weaker).rank <= reviewRow(next).rank }).toEqual({ after: weaker, word: next, notWeaker: true });
    }
    expect(new Set(AUTHORIZATION_TYPES.map((r) => r.reviewWord))).toEqual(new Set(REVIEW_WORDS));
  });

  it("GIVEN API Gateway's own values THEN each names the row that has it (REST first), and NONE or an unknown value names none", () => {
    for (const row of AUTHORIZATION_TYPES.filter((r) => r.restGateway !== "NONE")) {
      expect({ value: row.restGateway, type: typeAtGateway(row.restGateway) }).toEqual({ value: row.restGateway, type: row.type });
      if (row.httpGateway === undefined) continue;
      const byRest = AUTHORIZATION_TYPES.find((r) => r.restGateway === row.httpGateway)?.type;
      expect({ value: row.httpGateway, type: typeAtGateway(row.httpGateway) }).toEqual({ value: row.httpGateway, type: byRest ?? row.type });
    }
    expect(typeAtGateway("NONE")).toBeUndefined();
    expect(typeAtGateway("none")).toBeUndefined();
  });

  it("GIVEN the access spec's auth words THEN they are exactly the table's spec words", () => {
    // A compile error here means the spec gained or lost a word: give it a row (or a specWord) in the table.
    const specWords: Record<AuthorizationSpec["type"], true> = { NONE: true, API_KEY: true, AWS_IAM: true, COGNITO: true, LAMBDA: true, EDGE: true };
    const tableWords = AUTHORIZATION_TYPES.flatMap((r) => (r.specWord === undefined ? [] : [r.specWord]));
    expect(tableWords.sort()).toEqual(Object.keys(specWords).sort());
    for (const row of AUTHORIZATION_TYPES) if (row.specWord !== undefined) expect(specWordType(row.specWord)).toBe(row.type);
    for (const row of AUTHORIZATION_TYPES.filter((r) => r.specWord !== r.type)) expect(specWordType(row.type)).toBeUndefined();
  });

  it("GIVEN the policy THEN its words are the table's types and aliases, each read as its type; a gateway-only value is none", () => {
    expect(INTENDED_TYPES).toEqual(AUTHORIZATION_TYPE_NAMES);
    expect(POLICY_ALIASES).toEqual(AUTHORIZATION_TYPES.flatMap((r) => r.policyAliases.map((a) => ({ word: a.word, type: r.type }))));
    for (const type of AUTHORIZATION_TYPE_NAMES) expect(policyWordType(type)).toBe(type);
    for (const alias of POLICY_ALIASES) expect(policyWordType(alias.word)).toBe(alias.type);
    expect(new Set([...AUTHORIZATION_TYPE_NAMES, ...POLICY_ALIASES.map((a) => a.word)]).size).toBe(AUTHORIZATION_TYPE_NAMES.length + POLICY_ALIASES.length);
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
  });
});
