// What the viewer gets back: the forwarded request without a viewer's X-Origin-Verify, or a 4xx with a
// Bearer challenge and a JSON body; and the handler failing closed when it has no configuration.
import type { CloudFrontRequestEvent } from "aws-lambda";
import { handler } from "../../../lambdas/edge/index";
import { rejection, withoutOriginVerify } from "../../../lambdas/edge/respond";
import { request } from "./tokens";

describe("edge responses", () => {
  test("GIVEN a viewer request carrying X-Origin-Verify WHEN forwarded THEN the header is gone and the rest kept", () => {
    const req = request("GET", "/pets", { "X-Origin-Verify": "guess", Authorization: "Bearer t" });
    const out = withoutOriginVerify(req);
    expect(out.headers["x-origin-verify"]).toBeUndefined();
    expect(out.headers.authorization).toEqual(req.headers.authorization);
    expect(req.headers["x-origin-verify"]).toBeDefined(); // the input is not mutated
  });

  test("GIVEN a missing token WHEN rejected THEN 401 with a bare Bearer challenge, JSON body and no-store", () => {
    const res = rejection({ kind: "reject", status: 401, description: "a bearer token is required" }, "petstore-prod");
    expect(res.status).toBe("401");
    expect(res.headers?.["www-authenticate"]?.[0].value).toBe('Bearer realm="petstore-prod"');
    expect(res.headers?.["cache-control"]?.[0].value).toBe("no-store");
    expect(JSON.parse(res.body ?? "")).toMatchObject({ message: "Unauthorized" });
  });

  test("GIVEN an invalid token WHEN rejected THEN the challenge says invalid_token", () => {
    const res = rejection({ kind: "reject", status: 401, error: "invalid_token", description: 'bad "token"' }, "r");
    expect(res.headers?.["www-authenticate"]?.[0].value).toBe('Bearer realm="r", error="invalid_token", error_description="bad token"');
  });

  test("GIVEN a token lacking scope WHEN rejected THEN 403 insufficient_scope with the scopes", () => {
    const res = rejection({ kind: "reject", status: 403, error: "insufficient_scope", description: "d", scopes: ["a/b", "a/c"] }, "r");
    expect(res.status).toBe("403");
    expect(res.headers?.["www-authenticate"]?.[0].value).toContain('error="insufficient_scope"');
    expect(res.headers?.["www-authenticate"]?.[0].value).toContain('scope="a/b a/c"');
  });
});

describe("edge handler", () => {
  test("GIVEN a container without its configuration WHEN a request arrives THEN 503, never a forward", async () => {
    const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const event = { Records: [{ cf: { config: {}, request: request("GET", "/health") } }] } as unknown as CloudFrontRequestEvent;
    const res = await handler(event);
    expect(res).toMatchObject({ status: "503" });
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });
});
