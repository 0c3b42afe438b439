// A client that may now request a scope: the review names the routes requiring it, by one definition with the
// new-client case (guard/access/cognito.ts routesOfClient): Cognito methods, Lambda authorizer routes whose route
// table and EDGE routes whose edge config require the scope, never those restricted to other clients or already passed.
import { modelFromDocument } from "../../../guard/load";
import type { AuthorizerRouteRequirement, Model } from "../../../guard/model";
import { edgeVerifiers } from "../../../guard/access/origin";
import { diffModels } from "../../../guard/review/diff";
import { requirementsFrom, tableKey, type RouteTables } from "../../../guard/review/route-tables";
import { method, only, synth, type Doc } from "../review/fixtures/pairs";
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

describe("GIVEN the prod API, whose GET /pets is EDGE behind the verifier configured with the pool", () => {
  /** The prod synth with GET /pets NONE at the gateway and the verifier's baked config attached, as from its package. */
  function edgeModel(d: Doc, scopes: string[]): Model {
    const m = method(d, "GET", "/pets");
    Object.assign(m, { authorization: "NONE", api_key_required: false });
    delete m["authorizer_id"];
    delete m["authorization_scopes"];
    const loaded = model(d);
    const api = loaded.apis.find((a) => a.name === "petstore-prod");
    const [fn] = api === undefined ? [] : edgeVerifiers(loaded, api).functions;
    if (fn === undefined) throw new Error("fixture: no edge verifier function resolved");
    const table = { file: "edge.zip", routes: [{ method: "GET" as const, path: "/pets", mode: "edge" as const, scopes, clients: null }] };
    return { ...loaded, edgeConfigs: [{ functionAddress: fn.address, source: fn.source, table }] };
  }
  const edgeReview = (scopes: string[]) => {
    const base = edgeModel(synth("prod"), scopes);
    const head = synth("prod");
    partnerGetsWrite(head);
    return diffModels(base, edgeModel(head, scopes)).changes.filter((c) => c.kind.startsWith("client-scopes-added"));
  };

  it("WHEN partner-sync may now request petstore/write, which the edge config requires for GET /pets THEN that EDGE route is named", () => {
    const [c] = edgeReview(["petstore/write"]);
    expect(c?.severity).toBe("blocking");
    expect(c?.message).toContain("petstore-prod GET /pets");
  });

  it("WHEN the edge config requires petstore/read, which partner-sync had THEN GET /pets is not named (the harmless twin)", () => {
    const changes = edgeReview(["petstore/read"]);
    expect(changes.map((c) => c.message).join("\n")).not.toContain("petstore-prod GET /pets");
  });
});
