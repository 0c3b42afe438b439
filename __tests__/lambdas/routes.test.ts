import { routeArnSuffix as routeGlob } from "../../kernel/match/route";
import { compareSpecificity, globMatches, globOverlapsRoute, parseMethodArn, templateMatches } from "../../lambdas/authorizer/routes";

describe("route templates as API Gateway matches them", () => {
  test.each<[string, string, boolean]>([
    ["/pets/{petId}", "/pets/1", true],
    ["/pets/{petId}", "/pets/1/photo", false],
    ["/pets/{petId}", "/pets/", false],
    ["/pets/{petId}", "/pets", false],
    ["/files/{proxy+}", "/files/a", true],
    ["/files/{proxy+}", "/files/a/b/c", true],
    ["/files/{proxy+}", "/files", false],
    ["/files/{proxy+}", "/files//a", false],
    ["/", "/", true],
    ["/", "/x", false],
    ["/pets/mine", "/pets/mine", true],
  ])("template %s vs %s → %s", (template, path, expected) => expect(templateMatches(template, path)).toBe(expected));

  test("GIVEN literal, param and proxy siblings THEN literal beats param beats proxy", () => {
    expect(compareSpecificity("/pets/mine", "/pets/{id}")).toBeLessThan(0);
    expect(compareSpecificity("/pets/{id}", "/pets/{proxy+}")).toBeLessThan(0);
    expect(compareSpecificity("/pets/{id}", "/pets/{other}")).toBe(0);
  });
});

describe("ARN globs", () => {
  test("GIVEN routes THEN globs replace parameters and ANY with *", () => {
    expect(routeGlob("GET", "/pets/{petId}/photo")).toBe("GET/pets/*/photo");
    expect(routeGlob("ANY", "/files/{proxy+}")).toBe("*/files/*");
    expect(routeGlob("GET", "/")).toBe("GET/");
  });
  test("GIVEN a glob THEN * crosses slashes, as in API Gateway policies", () => {
    expect(globMatches("GET/pets/*", "GET/pets/1/photo")).toBe(true);
    expect(globMatches("GET/pets/*/photo", "GET/pets/1")).toBe(false);
    expect(globMatches("*/files/*", "DELETE/files/a/b")).toBe(true);
    expect(globMatches("GET/?", "GET/a")).toBe(true);
  });
  test("GIVEN a glob and a route THEN overlap is found exactly when some request of the route matches", () => {
    expect(globOverlapsRoute("GET/pets/*", "GET", "/pets/{petId}/photo")).toBe(true);
    expect(globOverlapsRoute("GET/pets/*/photo", "GET", "/pets/{petId}")).toBe(false);
    expect(globOverlapsRoute("*/files/*", "GET", "/pets/{petId}")).toBe(false);
    expect(globOverlapsRoute("GET/pets/*", "DELETE", "/pets/{petId}")).toBe(false);
    expect(globOverlapsRoute("GET/*", "ANY", "/x")).toBe(true);
  });
});

describe("parseMethodArn", () => {
  test("GIVEN API Gateway's methodArn THEN prefix, verb and path", () => {
    expect(parseMethodArn("arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/GET/pets/1")).toEqual({
      prefix: "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/",
      verb: "GET",
      path: "/pets/1",
    });
    expect(parseMethodArn("arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/GET/")).toMatchObject({ path: "/" });
  });
  test.each([
    ["arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/GET/pets/*"],
    ["arn:aws:s3:::bucket"],
    [42],
    ["arn:aws:execute-api:eu-west-1:123456789012:abc123/*/GET/x"],
  ])("GIVEN %p THEN null (fail closed)", (arn) => expect(parseMethodArn(arn)).toBeNull());
});
