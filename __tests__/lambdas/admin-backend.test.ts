import { handler as adminOnly } from "../../lambdas/admin-only";
import { handler as backend } from "../../lambdas/backend";
import { listClaim } from "../../lambdas/shared/claims";

const cognitoEvent = (claims: Record<string, unknown>): unknown => ({
  httpMethod: "GET",
  resource: "/admin",
  path: "/admin",
  requestContext: { requestId: "r1", authorizer: { claims } },
});

describe("admin-only", () => {
  test.each([["admins"], ["staff,admins"], ['["staff","admins"]'], ["[staff admins]"]])("GIVEN cognito:groups %p WHEN called THEN 200", async (groups) => {
    const res = await adminOnly(cognitoEvent({ sub: "s", "cognito:username": "alice", "cognito:groups": groups }));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ username: "alice", sub: "s" });
  });
  test.each([[undefined], ["staff"], ["administrators"], ['["admins"'], [42]])("GIVEN cognito:groups %p WHEN called THEN 403 JSON", async (groups) => {
    const res = await adminOnly(cognitoEvent({ sub: "s", "cognito:groups": groups }));
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body)).toEqual({ error: "requires group admins" });
  });
  test("GIVEN no authorizer claims WHEN called THEN 403", async () => {
    expect((await adminOnly({ requestContext: {} })).statusCode).toBe(403);
  });
});

describe("backend", () => {
  test("GIVEN a Cognito-authorized call WHEN called THEN it echoes route and principal", async () => {
    const res = await backend({ ...(cognitoEvent({ sub: "s", username: "bob", client_id: "c" }) as object), resource: "/pets/{petId}", path: "/pets/1" });
    expect(JSON.parse(res.body)).toEqual({
      route: "GET /pets/{petId}",
      path: "/pets/1",
      principal: { type: "cognito", sub: "s", username: "bob", clientId: "c" },
      requestId: "r1",
    });
  });
  test("GIVEN a Lambda-authorizer call WHEN called THEN the principal comes from the context", async () => {
    const res = await backend({
      httpMethod: "DELETE",
      resource: "/pets/{petId}",
      requestContext: { authorizer: { principalId: "sub-1", username: "alice", client_id: "web" } },
    });
    expect(JSON.parse(res.body).principal).toEqual({ type: "lambda-authorizer", sub: "sub-1", username: "alice", clientId: "web" });
  });
  test("GIVEN garbage WHEN called THEN still a JSON 200 with an anonymous principal", async () => {
    const res = await backend(null);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).principal).toEqual({ type: "anonymous" });
  });
});

describe("listClaim", () => {
  test.each<[unknown, string[] | null]>([
    ["a,b", ["a", "b"]],
    ["[a b]", ["a", "b"]],
    ['["a","b"]', ["a", "b"]],
    [["a"], ["a"]],
    [undefined, []],
    ['["a",', null],
    [[1], null],
    [{}, null],
  ])("GIVEN %p THEN %p", (value, expected) => expect(listClaim(value)).toEqual(expected));
});
