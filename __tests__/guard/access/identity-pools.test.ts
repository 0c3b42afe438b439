// Identity-pool effective access (guard/access/identity-pools.ts), the rule that reads it, and the review's
// words, over the real sample synth with an identity pool added as the identity construct builds it.
import { describeCallers, identityCallers, identityPools } from "../../../guard/access/identity-pools";
import { modelFromDocument } from "../../../guard/load";
import { diffModels } from "../../../guard/review/diff";
import { IdentityPoolUnauthenticatedInvoke } from "../../../guard/rules/iam/identity-pool-unauthenticated-invoke";
import { synth, type Doc, type Json } from "../review/fixtures/pairs";
import { IDENTITY_POOL_PAIRS } from "./pairs/identity-pools";

const noPolicies = { policies: [] } as unknown as Parameters<typeof IdentityPoolUnauthenticatedInvoke.check>[1];
const model = (d: Doc) => modelFromDocument(d, "x.cdk.tf.json");
const REPORTS = "GET /reports/{reportId}";

/** The pair's head (its edit to both sides, then its own). */
function head(name: string): Doc {
  const d = synth("dev");
  IDENTITY_POOL_PAIRS[name].both?.(d);
  IDENTITY_POOL_PAIRS[name].mutate(d);
  return d;
}
function base(name: string): Doc {
  const d = synth("dev");
  IDENTITY_POOL_PAIRS[name].both?.(d);
  return d;
}
const reportsCallers = (d: Doc) => identityCallers(model(d)).find((r) => r.route.routeKey === REPORTS)?.callers ?? [];
const identityPool = (d: Doc): Json => d.resource["aws_cognito_identity_pool"]["identities"];

describe("GIVEN the identity pool the identity construct builds (token role mapping, default role without permissions)", () => {
  const d = head("identity-pool-added-harmless");

  it("WHEN its facts are read THEN it admits the web client only, no unauthenticated identities", () => {
    const [pool] = identityPools(model(d));
    expect(pool.providers).toEqual(["client web of user pool petstore-dev-users"]);
    expect(pool.unauthenticated).toBe(false);
  });

  it("THEN the group roles handed by the token do not count: their trust admits only the group-role function", () => {
    expect(identityPools(model(d))[0].handed).toEqual([]);
    expect(reportsCallers(d)).toEqual([]);
  });

  it("THEN the rule is quiet, on it and on both samples", () => {
    expect(IdentityPoolUnauthenticatedInvoke.check(model(d), noPolicies)).toEqual([]);
    for (const env of ["dev", "prod"] as const) expect(IdentityPoolUnauthenticatedInvoke.check(model(synth(env)), noPolicies)).toEqual([]);
  });
});

describe("GIVEN a pool whose guest role can invoke GET /reports/*", () => {
  it("WHEN unauthenticated identities are not allowed THEN nobody reaches the route through it and the rule is quiet", () => {
    expect(reportsCallers(base("identity-pool-unauthenticated-enabled"))).toEqual([]);
    expect(IdentityPoolUnauthenticatedInvoke.check(model(base("identity-pool-unauthenticated-enabled")), noPolicies)).toEqual([]);
  });

  it("WHEN they are allowed THEN anyone reaches the route and the rule fires, critical, naming the route", () => {
    const d = head("identity-pool-unauthenticated-enabled");
    expect(describeCallers(reportsCallers(d))).toBe(
      "unauthenticated identities of identity pool petstore_dev_identities (anyone who asks) (role petstore-dev-identity-guest)",
    );
    const f = IdentityPoolUnauthenticatedInvoke.check(model(d), noPolicies);
    expect(f).toEqual([expect.objectContaining({ route: REPORTS, address: "aws_cognito_identity_pool.identities" })]);
    expect(f[0].message).toContain("can invoke GET /reports/{reportId}");
    expect(IdentityPoolUnauthenticatedInvoke.severity).toBe("critical");
  });

  it("WHEN allow_unauthenticated_identities is known only after apply THEN it counts as allowed (fails closed)", () => {
    const d = base("identity-pool-unauthenticated-enabled");
    identityPool(d)["allow_unauthenticated_identities"] = "${var.allow_guests}";
    expect(IdentityPoolUnauthenticatedInvoke.check(model(d), noPolicies)).toHaveLength(1);
  });

  it("WHEN the guest role's trust names another identity pool THEN this pool cannot hand it out", () => {
    const d = head("identity-pool-unauthenticated-enabled");
    const role = d.resource["aws_iam_role"]["identity_guest"];
    role["assume_role_policy"] = String(role["assume_role_policy"]).replace(
      "${aws_cognito_identity_pool.identities.id}",
      "eu-west-1:11111111-2222-3333-4444-555555555555",
    );
    expect(reportsCallers(d)).toEqual([]);
  });

  it("WHEN the guest role is an ARN outside the configuration THEN it is not verified and counts as able to invoke", () => {
    const d = head("identity-pool-unauthenticated-enabled-harmless");
    const attachment = d.resource["aws_cognito_identity_pool_roles_attachment"]["roles"];
    (attachment["roles"] as Json)["unauthenticated"] = "arn:aws:iam::999999999999:role/guest";
    expect(reportsCallers(d).map((c) => c.role)).toEqual(["arn:aws:iam::999999999999:role/guest (not a role of this configuration: not verified)"]);
    expect(IdentityPoolUnauthenticatedInvoke.check(model(d), noPolicies)).toHaveLength(1);
  });
});

describe("GIVEN the review of an identity-pool widening", () => {
  const review = (name: string) => diffModels(model(base(name)), model(head(name))).changes.filter((c) => c.severity === "blocking");

  it("WHEN a mapping rule now matches every verified user THEN it says who could call before and after", () => {
    const [c] = review("identity-pool-rule-mapping-widened");
    expect(c.subject).toBe(`petstore-dev ${REPORTS}`);
    expect(c.message).toContain(
      'whose claim custom:team Equals "reporting" through identity pool petstore_dev_identities (role petstore-dev-identity-reporting) → ',
    );
    expect(c.message).toContain('whose claim email_verified Equals "true"');
  });

  it("WHEN Google sign-in is added to a pool whose authenticated role invokes THEN the new provider is named", () => {
    const [c] = review("identity-pool-provider-added");
    expect(c.kind).toBe("identity-pool-provider-added");
    expect(c.message).toContain(
      "users signed in with accounts.google.com (app 123456789012-abc.apps.googleusercontent.com) through identity pool petstore_dev_identities now get role petstore-dev-identity-reader",
    );
  });

  it("WHEN every logical id is renamed THEN nothing about identity-pool access changes", () => {
    const b = base("identity-pool-provider-added");
    const h = head("identity-pool-provider-added");
    delete identityPool(h)["supported_login_providers"];
    const rename = (t: string, type: string, id: string) => t.split(`"${id}"`).join(`"${id}_v2"`).split(`${type}.${id}.`).join(`${type}.${id}_v2.`);
    const text = rename(rename(JSON.stringify(h.resource), "aws_cognito_identity_pool", "identities"), "aws_iam_role", "identity_reader");
    h.resource = JSON.parse(text) as Doc["resource"];
    expect(review2(b, h)).toEqual([]);
  });
});

const review2 = (b: Doc, h: Doc) => diffModels(model(b), model(h)).changes.filter((c) => c.severity === "blocking");
