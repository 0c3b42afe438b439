// A generated spec of N routes (MOCK integrations, mixed authorization) for the benchmarks.
import { petstoreDev } from "../../access-spec/samples/petstore";
import type { AccessSpec, AuthorizationSpec, RouteSpec } from "../../access-spec/types";

export function generatedSpec(routeCount: number): AccessSpec {
  const auths: AuthorizationSpec[] = [
    { type: "COGNITO", scopes: ["petstore/read"] },
    { type: "LAMBDA", authorizer: "jwt-token", scopes: ["petstore/read"] },
    { type: "AWS_IAM", roles: ["reporting"] },
    { type: "NONE", reason: "generated public route" },
  ];
  const routes: RouteSpec[] = [];
  for (let i = 0; i < routeCount; i++) {
    routes.push({
      method: "GET",
      path: `/r${Math.floor(i / 10)}/item${i % 10}`,
      integration: { type: "MOCK" },
      auth: auths[i % auths.length],
    });
  }
  return { ...petstoreDev, name: "bench", routes, usagePlans: [] };
}
