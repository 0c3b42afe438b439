// A client that may now request a scope: the review names the routes requiring it, by one definition with the
// new-client case (guard/access/cognito.ts routesOfClient): Cognito methods, and Lambda authorizer routes whose
// route table requires the scope, never those restricted to other clients or already passed.
import { modelFromDocument } from "../../../guard/load";
import type { AuthorizerRouteRequirement } from "../../../guard/model";
import { diffModels } from "../../../guard/review/diff";
import { requirementsFrom, tableKey, type RouteTables } from "../../../guard/review/route-tables";
import { only, synth, type Doc } from "../review/fixtures/pairs";
import { CLIENT_SCOPE_PAIRS } from "./pairs/client-scopes";

const model = (d: Doc) => modelFromDocument(d, "x.cdk.tf.json");
const row = (method: AuthorizerRouteRequirement["method"], path: string, scopes: string[], clients: string[] | null = null): AuthorizerRouteRequirement => ({
  method,
  path,
  groups: [],
  scopes,
  tokenUse: "access",
  clients,
});

/** The jwt-token authorizer's route table, as its bundled route-table.json would say. */
function tables(rows: ReturnType<typeof row>[]): RouteTables {
  return new Map([[tableKey("", "petstore-dev-authz-jwt-token"), requirementsFrom(rows)]]);
}

function review(mutate: (d: Doc) => void, rows: ReturnType<typeof row>[]) {
  const base = synth("dev");
  const head = synth("dev");
  mutate(head);
  const t = tables(rows);
  return diffModels(model(base), model(head), { routeTables: { base: t, head: t } }).changes.filter((c) => c.kind.startsWith("client-scopes-added"));
}

const partnerGetsWrite = CLIENT_SCOPE_PAIRS["client-scope-added"].mutate;

describe("GIVEN partner-sync may now request petstore/write", () => {
  it("WHEN no route table is readable THEN only POST /pets grows: the unreadable routes already counted as passed", () => {
    const [c] = review(partnerGetsWrite, []);
    expect(c.severity).toBe("blocking");
    expect(c.message).toContain("more callers pass petstore-dev POST /pets;");
    expect(c.message).toContain(
      "POST /pets: access tokens of pool petstore-dev-users with scope petstore/write from clients web → access tokens of pool petstore-dev-users with scope petstore/write from clients partner-sync, web",
    );
  });

  it("WHEN the route table requires petstore/write on GET /pets/{petId} THEN that Lambda authorizer route is named too", () => {
    const [c] = review(partnerGetsWrite, [row("GET", "/pets/{petId}", ["petstore/write"]), row("DELETE", "/pets/{petId}", [])]);
    expect(c.subject).toBe("app client partner-sync (petstore-dev)");
    expect(c.message).toContain("more callers pass petstore-dev GET /pets/{petId}, petstore-dev POST /pets;");
    expect(c.message).toContain(
      "GET /pets/{petId}: access tokens of pool petstore-dev-users with scope petstore/write from clients web → access tokens of pool petstore-dev-users with scope petstore/write from clients partner-sync, web",
    );
  });

  it("WHEN that route accepts only the web client THEN it is not named", () => {
    const [c] = review(partnerGetsWrite, [row("GET", "/pets/{petId}", ["petstore/write"], ["web"])]);
    expect(c.message).not.toContain("GET /pets/{petId}");
  });

  it("WHEN the route already accepted petstore/read, which partner-sync had THEN it is not named", () => {
    const [c] = review(partnerGetsWrite, [row("GET", "/pets/{petId}", ["petstore/read", "petstore/write"])]);
    expect(c.message).not.toContain("GET /pets/{petId}");
  });
});

describe("GIVEN a client that gains a scope no route requires", () => {
  it("WHEN reviewed THEN it is shown, not blocking", () => {
    const [c] = review(
      (d) => void (only(d, "aws_cognito_user_pool_client", "client-partner-sync")["allowed_oauth_scopes"] = ["petstore/read", "petstore/orders", "openid"]),
      [row("GET", "/pets/{petId}", ["petstore/read"])],
    );
    expect(c).toEqual(expect.objectContaining({ severity: "info", kind: "client-scopes-added-no-route" }));
  });
});
