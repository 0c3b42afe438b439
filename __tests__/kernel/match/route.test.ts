// Route templates: the ARN pattern of a route, the normalized template two versions pair on, coverage and overlap.
import { matchesArn } from "../../../kernel/match/glob";
import {
  isPolicyRouteKey,
  parseWebSocketRouteKey,
  parseAnyRouteKey,
  parseRouteKey,
  deeperArnSuffixes,
  globReachesRoute,
  normalizeRouteKey,
  routeArnPattern,
  routeArnSuffix,
  routeCovers,
  routesOverlap,
  templateCovers,
} from "../../../kernel/match/route";

describe("GIVEN route templates", () => {
  it("WHEN turned into execute-api ARN patterns THEN parameters and ANY become wildcards", () => {
    expect(routeArnSuffix("GET", "/pets/{petId}")).toBe("GET/pets/*");
    expect(routeArnSuffix("ANY", "/{proxy+}")).toBe("*/*");
    expect(routeArnSuffix("GET", "/")).toBe("GET/");
    expect(routeArnPattern("${aws_api_gateway_rest_api.api.execution_arn}", "dev", "POST", "/orders")).toBe(
      "${aws_api_gateway_rest_api.api.execution_arn}/dev/POST/orders",
    );
  });

  it("WHEN a path parameter is renamed THEN the normalized route key is the same", () => {
    expect(normalizeRouteKey("GET", "/pets/{petId}")).toBe(normalizeRouteKey("GET", "/pets/{id}"));
    expect(normalizeRouteKey("GET", "/pets/{petId}")).not.toBe(normalizeRouteKey("GET", "/pets/{petId+}"));
    expect(normalizeRouteKey("GET", "/pets/{petId}")).not.toBe(normalizeRouteKey("GET", "/pets/petId"));
  });

  it("THEN ANY and {proxy+} cover the requests of narrower routes, and not the other way round", () => {
    expect(routeCovers({ method: "ANY", path: "/pets" }, { method: "GET", path: "/pets" })).toBe(true);
    expect(routeCovers({ method: "GET", path: "/pets" }, { method: "ANY", path: "/pets" })).toBe(false);
    expect(routeCovers({ method: "ANY", path: "/{proxy+}" }, { method: "GET", path: "/pets/{petId}" })).toBe(true);
    expect(routeCovers({ method: "ANY", path: "/{proxy+}" }, { method: "GET", path: "/" })).toBe(false);
    expect(templateCovers("/pets/{id}", "/pets/mine")).toBe(true);
    expect(templateCovers("/pets/mine", "/pets/{id}")).toBe(false);
    expect(templateCovers("/pets/{proxy+}", "/pets/{a}/{b+}")).toBe(true);
    expect(templateCovers("/pets/{a}/{b}", "/pets/{a}/{b+}")).toBe(false);
  });

  it("THEN overlap finds requests two routes share", () => {
    expect(routesOverlap({ method: "ANY", path: "/{proxy+}" }, { method: "POST", path: "/pets" })).toBe(true);
    expect(routesOverlap({ method: "GET", path: "/pets/mine" }, { method: "GET", path: "/pets/{petId}" })).toBe(true);
    expect(routesOverlap({ method: "GET", path: "/pets/{a}" }, { method: "POST", path: "/pets/{b}" })).toBe(false);
    expect(routesOverlap({ method: "GET", path: "/pets/{proxy+}" }, { method: "GET", path: "/pets" })).toBe(false);
  });
});

describe("GIVEN a route's ARN pattern, whose `*` also crosses `/` in IAM", () => {
  it("WHEN the route has {param} segments THEN the deeper suffixes admit exactly the requests below it", () => {
    expect(deeperArnSuffixes("GET", "/reports/{id}")).toEqual(["GET/reports/*/*"]);
    expect(deeperArnSuffixes("GET", "/a/{x}/b/{y}")).toEqual(["GET/a/*/*/b/*", "GET/a/*/b/*/*"]);
    expect(deeperArnSuffixes("GET", "/pets")).toEqual([]);
    const [deny] = deeperArnSuffixes("GET", "/reports/{id}");
    expect(matchesArn(routeArnSuffix("GET", "/reports/{id}"), "GET/reports/x/y")).toBe(true);
    expect(matchesArn(deny, "GET/reports/x/y")).toBe(true);
    expect(matchesArn(deny, "GET/reports/x")).toBe(false);
  });

  it("WHEN the route is ANY THEN the verb's `*` is widened too (it could swallow `GET/reports`)", () => {
    expect(deeperArnSuffixes("ANY", "/reports/{id}")).toEqual(["*/*/reports/*", "*/reports/*/*"]);
  });

  it("WHEN the route ends in {proxy+} THEN only stars before its last literal segment need a deny", () => {
    expect(deeperArnSuffixes("ANY", "/{proxy+}")).toEqual([]);
    expect(deeperArnSuffixes("GET", "/files/{owner}/{proxy+}")).toEqual([]);
    expect(deeperArnSuffixes("GET", "/a/{x}/b/{proxy+}")).toEqual(["GET/a/*/*/b/*"]);
  });

  it("THEN globReachesRoute says whether a glob admits a request of a route, {param} being one non-empty segment", () => {
    expect(globReachesRoute("GET/reports/*/*", "GET", "/reports/{id}/pdf")).toBe(true);
    expect(globReachesRoute("GET/reports/*/*", "GET", "/reports/{id}")).toBe(false);
    expect(globReachesRoute("GET/reports/*/*", "POST", "/reports/{id}/pdf")).toBe(false);
    expect(globReachesRoute("GET/reports/*/*", "ANY", "/reports/{id}/pdf")).toBe(true);
    expect(globReachesRoute("GET/a/b/*/*", "GET", "/a/{y}/c/d")).toBe(true);
    expect(globReachesRoute("GET/reports/*/*", "GET", "/reports/{proxy+}")).toBe(true);
    expect(globReachesRoute("GET/reports/*", "GET", "/reports")).toBe(false);
    expect(globReachesRoute("GET/reports/?", "GET", "/reports/{id}")).toBe(true);
  });
});

describe("GIVEN route keys (the one grammar of the model, the HTTP API loader and policies)", () => {
  it.each([
    ["GET /pets/{petId}", { method: "GET", path: "/pets/{petId}" }],
    ["ANY /{proxy+}", { method: "ANY", path: "/{proxy+}" }],
    ["GET /", { method: "GET", path: "/" }],
  ])("WHEN %s is parsed THEN its method and template", (key, shape) => {
    expect(parseRouteKey(key)).toEqual(shape);
    expect(parseAnyRouteKey(key)).toEqual(shape);
  });

  it.each(["$default", "$connect"])("WHEN the catch-all key %s is parsed THEN it is no template, but a route key of its own", (key) => {
    expect(parseRouteKey(key)).toBeUndefined();
    expect(parseAnyRouteKey(key)).toEqual({ method: key, path: "" });
    expect(isPolicyRouteKey(key)).toBe(true);
  });

  it.each(["get /pets", "GET pets", "GET  /pets", "GET /pets x", "GET/pets", "$other", ""])("WHEN %j THEN it is not a route key", (key) => {
    expect(parseAnyRouteKey(key)).toBeUndefined();
    expect(parseWebSocketRouteKey(key)).toBeUndefined();
    expect(isPolicyRouteKey(key)).toBe(false);
  });

  it.each(["$connect", "$disconnect", "$default", "sendMessage", "orders.subscribe"])(
    "WHEN the WebSocket route key %j is parsed THEN it is the key with no path, and a policy may name it",
    (key) => {
      expect(parseWebSocketRouteKey(key)).toEqual({ method: key, path: "" });
      expect(isPolicyRouteKey(key)).toBe(true);
    },
  );

  it("WHEN a WebSocket custom key is parsed as an HTTP API route key THEN it is none (an HTTP API has no such route)", () => {
    expect(parseAnyRouteKey("sendMessage")).toBeUndefined();
    expect(parseAnyRouteKey("$disconnect")).toBeUndefined();
  });

  it("WHEN a key names a method API Gateway does not have THEN the loaders read it but a policy may not name it", () => {
    expect(parseAnyRouteKey("FETCH /pets")).toEqual({ method: "FETCH", path: "/pets" });
    expect(isPolicyRouteKey("FETCH /pets")).toBe(false);
    expect(isPolicyRouteKey("PATCH /pets")).toBe(true);
  });
});
