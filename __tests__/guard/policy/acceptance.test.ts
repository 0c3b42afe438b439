// The one matching rule of baseline entries and policy waivers: each part the acceptance names must be the finding's;
// the finding must not be above its severity.
import { judge, names, type Acceptance, type FindingIdentity } from "../../../guard/policy/acceptance";

const finding: FindingIdentity = {
  rule: "backend-doors-intended",
  severity: "high",
  address: "aws_lambda_function.backend",
  detail: "unintended function-url:backend admits iam:IAM principals",
  stack: "petstore-dev",
};
const exact: Acceptance = {
  rule: finding.rule,
  address: { exactly: finding.address },
  api: { exactly: undefined },
  route: { exactly: undefined },
  detail: { exactly: finding.detail },
  stack: { exactly: finding.stack },
  severity: "high",
};

describe("names", () => {
  test("GIVEN every part named exactly THEN it names the finding", () => {
    expect(names(exact, finding)).toBe(true);
  });

  test.each<[string, Partial<Acceptance>]>([
    ["another rule", { rule: "no-open-method" }],
    ["another detail (another door)", { detail: { exactly: "unintended function-url:backend admits anyone:" } }],
    ["no detail, exactly (the finding has one)", { detail: { exactly: undefined } }],
    ["another stack", { stack: { exactly: "petstore-prod" } }],
    ["an API the finding does not have", { api: { exactly: "petstore-dev" } }],
    ["an address pattern it does not match", { address: { pattern: "aws_lambda_function.other*" } }],
    ["a route pattern, and the finding has no route", { route: { pattern: "GET *" } }],
  ])("GIVEN %s THEN it does not name the finding", (_n, change) => {
    expect(names({ ...exact, ...change }, finding)).toBe(false);
  });

  test('GIVEN a pattern for the address and "any" for the rest THEN it names the finding', () => {
    expect(names({ ...exact, address: { pattern: "aws_lambda_function.*" }, detail: "any", stack: "any" }, finding)).toBe(true);
  });
});

describe("judge", () => {
  test("GIVEN the finding at the ceiling THEN it accepts", () => {
    expect(judge(exact, finding)).toBe("accepts");
  });
  test("GIVEN the finding above the ceiling THEN it is above, not accepted", () => {
    expect(judge(exact, { ...finding, severity: "critical" })).toBe("above");
  });
  test("GIVEN no ceiling THEN any severity is accepted", () => {
    const { severity: _, ...uncapped } = exact;
    expect(judge(uncapped, { ...finding, severity: "critical" })).toBe("accepts");
  });
  test("GIVEN a finding it does not name THEN none", () => {
    expect(judge(exact, { ...finding, detail: "other" })).toBe("none");
  });
});
