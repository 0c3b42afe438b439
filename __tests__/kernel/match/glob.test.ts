// The one wildcard matcher: IAM semantics, explicit case, and no backtracking blow-up.
import fc from "fast-check";
import { coversArnGlob, globMatchSteps, matchesAction, matchesArn, matchesName } from "../../../kernel/match/glob";

/** The reference: the same glob as a regular expression (exponential in the worst case; fine on short inputs). */
const reference = (pattern: string, input: string, flags: string): boolean =>
  new RegExp(`^${[...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("")}$`, `s${flags}`).test(input);

describe("GIVEN IAM-style globs", () => {
  it.each([
    ["GET/pets/*", "GET/pets/1/photo", true],
    ["GET/pets/*/photo", "GET/pets/1", false],
    ["*/files/*", "DELETE/files/a/b", true],
    ["GET/?", "GET/a", true],
    ["GET/?", "GET/", false],
    ["", "", true],
    ["*", "", true],
    ["a*b*c", "abc", true],
    ["a*b*c", "acb", false],
  ])("WHEN matching ARN %p against %p THEN %p", (p, s, want) => {
    expect(matchesArn(p, s)).toBe(want);
  });

  it("THEN ARNs and paths are case-sensitive: GET/Pets does not match GET/pets", () => {
    expect(matchesArn("arn:aws:execute-api:*:*:abc/prod/GET/Pets", "arn:aws:execute-api:eu-west-1:1:abc/prod/GET/pets")).toBe(false);
    expect(matchesArn("execute-api:api/*/GET/pets", "execute-api:api/dev/GET/pets")).toBe(true);
    expect(matchesName("petstore-*", "Petstore-dev")).toBe(false);
  });

  it("THEN IAM action names are case-insensitive", () => {
    expect(matchesAction("Execute-API:invoke", "execute-api:Invoke")).toBe(true);
    expect(matchesAction("execute-api:*", "execute-api:Invoke")).toBe(true);
    expect(matchesAction("execute-api:Inv?ke", "execute-api:Invoke")).toBe(true);
    expect(matchesAction("execute-api:ManageConnections", "execute-api:Invoke")).toBe(false);
  });

  it("THEN a pattern covers a narrower glob only when its wildcards cover the other's", () => {
    expect(coversArnGlob("api/dev/GET/*", "api/dev/GET/pets/*")).toBe(true);
    expect(coversArnGlob("api/*/*", "api/dev/GET/pets")).toBe(true);
    expect(coversArnGlob("api/dev/GET/pets/*", "api/dev/GET/*")).toBe(false);
    // `?` is one character; a `*` in the narrower glob is any number of them.
    expect(coversArnGlob("api/dev/GET/pets/?", "api/dev/GET/pets/*")).toBe(false);
    expect(coversArnGlob("api/dev/GET/pets/?", "api/dev/GET/pets/?")).toBe(true);
    expect(coversArnGlob("api/dev/GET/pets/x", "api/dev/GET/pets/?")).toBe(false);
  });

  it("THEN it agrees with the regular-expression reference on random inputs (both cases)", () => {
    const alphabet = fc.constantFrom("a", "A", "b", "/", "*", "?", ".");
    const text = fc.array(fc.constantFrom("a", "A", "b", "/", "."), { maxLength: 12 }).map((xs) => xs.join(""));
    const pattern = fc.array(alphabet, { maxLength: 10 }).map((xs) => xs.join(""));
    fc.assert(
      fc.property(pattern, text, (p, s) => {
        expect(matchesArn(p, s)).toBe(reference(p, s, ""));
        expect(matchesAction(p, s)).toBe(reference(p, s, "i"));
      }),
      { numRuns: 3000 },
    );
  });

  it("THEN coverage is sound: whenever it says covered, every expansion of the narrower glob matches", () => {
    const glob = fc.array(fc.constantFrom("a", "b", "/", "*", "?"), { maxLength: 7 }).map((xs) => xs.join(""));
    const fill = fc.array(fc.constantFrom("", "a", "b", "/", "ab", "b/a"), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(glob, glob, fill, (outer, inner, fills) => {
        if (!coversArnGlob(outer, inner)) return;
        let k = 0;
        const expansion = [...inner].map((c) => (c === "*" ? fills[k++ % fills.length] : c === "?" ? (fills[k++ % fills.length] + "a")[0] : c)).join("");
        expect(matchesArn(outer, expansion)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("WHEN a pattern like *a*a*a...b meets a 10 kB ARN THEN it is answered with bounded work (no backtracking blow-up)", () => {
    const pattern = `${"*a".repeat(40)}*b`;
    const arn = `arn:aws:execute-api:eu-west-1:123456789012:abc/prod/GET/${"a".repeat(10_000)}`;
    const { matched, steps } = globMatchSteps(pattern, arn, { case: "case-sensitive" });
    expect(matched).toBe(false);
    // The greedy two-pointer algorithm: at most (pattern + 1) × (input + 1) comparisons; a backtracking regex
    // engine needs combinatorially many here.
    expect(steps).toBeLessThanOrEqual((pattern.length + 1) * (arn.length + 1));
    expect(steps).toBeLessThan(50 * arn.length);
  });
});
