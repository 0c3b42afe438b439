// Route templates: the ARN pattern of a route, the normalized template two versions pair on, coverage and overlap.
import { normalizeRouteKey, routeArnPattern, routeArnSuffix, routeCovers, routesOverlap, templateCovers } from "../../guard/match/route";

describe("GIVEN route templates", () => {
  it("WHEN turned into execute-api ARN patterns THEN parameters and ANY become wildcards", () => {
    expect(routeArnSuffix("GET", "/pets/{petId}")).toBe("GET/pets/*");
    expect(routeArnSuffix("ANY", "/{proxy+}")).toBe("*/*");
    expect(routeArnSuffix("GET", "/")).toBe("GET/");
    expect(routeArnPattern("${aws_api_gateway_rest_api.api.execution_arn}", "dev", "POST", "/orders")).toBe("${aws_api_gateway_rest_api.api.execution_arn}/dev/POST/orders");
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
