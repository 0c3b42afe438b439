// The matchers for hand-written policy tests (guard/testing/matchers.ts): each passes on the route's effective
// access, and its failure message shows that access. On the shop fixture, whose Lambda authorizer package is on disk.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadModel, modelFromDocument } from "../../../guard/load";
import { route } from "../../../guard/testing/matchers";

const FIXTURE = join(__dirname, "..", "fixtures", "compliant.tf.json");
const model = loadModel(FIXTURE);

/** The message jest shows for a failing expectation. */
function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("the expectation passed");
}

describe("toHaveAuthorization", () => {
  test("GIVEN the route's effective access THEN it passes: Cognito scopes, IAM groups, the authorizer's route table", () => {
    expect(route(model, "GET /items")).toHaveAuthorization({ type: "COGNITO", scopes: ["shop/read"] });
    expect(route(model, "shop-dev GET /items")).toHaveAuthorization({ type: "COGNITO", scopes: ["shop/read"], authorizer: "shop-dev-cognito" });
    expect(route(model, "GET /reports")).toHaveAuthorization({ type: "AWS_IAM", groups: ["admins"], roles: [] });
    expect(route(model, "DELETE /items/{itemId}")).toHaveAuthorization({ type: "CUSTOM", groups: ["admins"] });
    expect(route(model, "GET /catalog")).toHaveAuthorization({ type: "API_KEY" });
    expect(route(model, "GET /")).not.toHaveAuthorization({ type: "COGNITO" });
  });

  test("GIVEN other scopes THEN it fails showing the effective access and each difference", () => {
    expect(failureOf(() => expect(route(model, "GET /items")).toHaveAuthorization({ type: "COGNITO", scopes: ["shop/write"] }))).toBe(
      "expected shop-dev GET /items to have COGNITO (scopes: shop/write)\n" +
        "but its effective access is COGNITO (scopes: shop/read; authorizer: shop-dev-cognito)\n" +
        '  - scopes are ["shop/read"], expected ["shop/write"]',
    );
  });

  test("GIVEN an open route expected to be Cognito THEN the failure says it is NONE", () => {
    expect(failureOf(() => expect(route(model, "GET /")).toHaveAuthorization({ type: "COGNITO", scopes: ["shop/read"] }))).toBe(
      "expected shop-dev GET / to have COGNITO (scopes: shop/read)\nbut its effective access is NONE\n" +
        "  - type is NONE, expected COGNITO\n" +
        '  - scopes are not known, expected ["shop/read"]',
    );
  });

  test("GIVEN .not and a match THEN the failure shows the access it has", () => {
    expect(failureOf(() => expect(route(model, "GET /reports")).not.toHaveAuthorization({ type: "AWS_IAM" }))).toBe(
      "expected shop-dev GET /reports not to have AWS_IAM, but its effective access is AWS_IAM (groups: admins)",
    );
  });

  test("GIVEN a CUSTOM route whose route table is not at hand THEN no expectation is met: it is not verified", () => {
    const inMemory = modelFromDocument(JSON.parse(readFileSync(FIXTURE, "utf8")), "compliant.tf.json");
    expect(failureOf(() => expect(route(inMemory, "DELETE /items/{id}")).toHaveAuthorization({ type: "CUSTOM" }))).toBe(
      "expected shop-dev DELETE /items/{id} to have CUSTOM\n" +
        "but its effective access is CUSTOM (authorizer: jwt; not verified: the authorizer's route table is not available, so its groups and scopes are not verified)\n" +
        "  - not verified: the authorizer's route table is not available, so its groups and scopes are not verified",
    );
  });
});

describe("toHaveNoOpenRoutesExcept", () => {
  test("GIVEN every open or key-only route listed THEN it passes", () => {
    expect(model).toHaveNoOpenRoutesExcept(["GET /", "shop-dev OPTIONS /items", "GET /catalog"]);
  });

  test("GIVEN an open route not listed THEN it fails listing each with its effective access (a key is no identity)", () => {
    expect(failureOf(() => expect(model).toHaveNoOpenRoutesExcept(["GET /"]))).toBe(
      'expected no open route except ["GET /"], but 2 more are open:\n  - shop-dev OPTIONS /items: NONE\n  - shop-dev GET /catalog: API_KEY',
    );
  });
});

describe("route()", () => {
  test("GIVEN a route not in the model THEN it says so and lists the routes", () => {
    expect(() => route(model, "GET /nope")).toThrow(
      'route "GET /nope" is not in the model; its routes are: shop-dev DELETE /items/{id}, shop-dev GET /, shop-dev GET /catalog, shop-dev GET /items, shop-dev GET /reports, shop-dev OPTIONS /items',
    );
  });

  test("GIVEN a key that is no route key THEN it says what one looks like", () => {
    expect(() => route(model, "/items")).toThrow('route "/items": expected "METHOD /path" or "<api> METHOD /path"');
  });
});
