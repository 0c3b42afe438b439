// What the shipped policy intends, as the review asks it. A new execute-api:Invoke grant that the policy asks for
// (the group and invoker roles of a new stack) is shown, not blocking; a new grant to a principal the policy does not
// name still blocks. A new public route passes only with the policy's type and reason, or as a listed CORS preflight.
import { join } from "path";
import { modelFromDocument } from "../../../guard/load";
import { deciderPatterns, grantIntendedBy, publicRouteAllowedBy } from "../../../guard/policy/intended";
import { loadPolicies } from "../../../guard/policy/load";
import { RULES } from "../../../guard/rules";
import { diffModels } from "../../../guard/review/diff";
import { synth, type Doc } from "../review/fixtures/pairs";

const policies = loadPolicies(join(__dirname, "..", "..", "..", "policies"), RULES);

/** The dev synth without its two invoke grants: the base before the grants were added. */
function withoutGrants(): Doc {
  const doc = synth("dev");
  const policiesOfRoles = doc.resource["aws_iam_role_policy"] as Record<string, unknown>;
  for (const name of Object.keys(policiesOfRoles)) if (name.startsWith("invoke_")) delete policiesOfRoles[name];
  return doc;
}

function review(head: Doc) {
  const b = modelFromDocument(withoutGrants(), "base.cdk.tf.json");
  const h = modelFromDocument(head, "head.cdk.tf.json");
  return diffModels(b, h, { grantIntended: grantIntendedBy(policies, h) });
}

describe("GIVEN the invoke grants are new", () => {
  it("WHEN the policy names their roles on the routes they reach THEN they are intended: shown, not blocking", () => {
    const r = review(synth("dev"));
    const kinds = r.changes.map((c) => `${c.severity}:${c.kind}`);
    expect(kinds).not.toContain("blocking:invoke-grant-widened");
    expect(kinds.filter((k) => k === "info:invoke-grant-intended")).toHaveLength(2);
  });

  it("WHEN one of them is granted to a role the policy does not name THEN it still blocks", () => {
    const head = synth("dev");
    const roles = head.resource["aws_iam_role"] as Record<string, Record<string, unknown>>;
    const reporting = Object.entries(roles).find(([n]) => n.includes("reporting"));
    if (reporting === undefined) throw new Error("fixture: no reporting role");
    reporting[1]["name"] = "petstore-dev-invoker-someone-else";
    const kinds = review(head).changes.map((c) => `${c.severity}:${c.kind}`);
    expect(kinds).toContain("blocking:invoke-grant-widened");
  });
});

describe("GIVEN a new public route", () => {
  const allowed = publicRouteAllowedBy(policies);

  it("WHEN the policy names it with that public type and a reason THEN it is allowed", () => {
    expect(allowed("petstore-dev", "GET /health", "NONE")).toBe(true);
    expect(allowed("petstore-dev", "GET /catalog", "API_KEY")).toBe(true);
  });

  it("WHEN its public type differs from the policy's, or the policy wants it authenticated THEN it is not", () => {
    expect(allowed("petstore-dev", "GET /catalog", "NONE")).toBe(false);
    expect(allowed("petstore-dev", "GET /pets", "NONE")).toBe(false);
  });

  it("WHEN it is an OPTIONS preflight THEN only on a listed path, only as NONE", () => {
    expect(allowed("petstore-dev", "OPTIONS /pets", "NONE")).toBe(true);
    expect(allowed("petstore-dev", "OPTIONS /pets", "API_KEY")).toBe(false);
    expect(allowed("petstore-dev", "OPTIONS /admin", "NONE")).toBe(false);
  });

  it("WHEN no policy matches the API THEN it is not allowed", () => {
    expect(allowed("billing-prod", "GET /health", "NONE")).toBe(false);
  });
});

describe("GIVEN a policy set", () => {
  it("WHEN its deciders are asked for THEN every policy's function name patterns are listed", () => {
    expect(deciderPatterns(policies)).toEqual(["petstore-*-admin-only"]);
    expect(deciderPatterns({ policies: [] })).toEqual([]);
  });
});
