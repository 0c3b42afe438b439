import { authorizationMatrix, MATRIX_MAX_ROUTES } from "../../../../guard/report/review/matrix";
import { renderMarkdown } from "../../../../guard/report/review/markdown";
import type { RouteAuth, RouteDiff } from "../../../../guard/review/types";
import { REVIEW_WORDS, reviewRow } from "../../../../kernel/authorization-types";

const auth = (route: string, type: RouteAuth["type"]): RouteAuth => ({
  api: "shop",
  route,
  address: `aws_api_gateway_method.m${route.length}`,
  type,
  summary: type,
  scopes: [],
  apiKeyRequired: false,
  invokers: [],
});
const diff = (route: string, status: RouteDiff["status"], before?: RouteAuth["type"], after?: RouteAuth["type"]): RouteDiff => ({
  api: "shop",
  route,
  status,
  ...(before !== undefined ? { before: auth(route, before) } : {}),
  ...(after !== undefined ? { after: auth(route, after) } : {}),
  changes: [],
});

describe("authorizationMatrix", () => {
  it("GIVEN routes of several types WHEN drawn THEN each sits in its type's group and downgrades get the red class", () => {
    const m = authorizationMatrix({
      routes: [diff("GET /a", "downgraded", "COGNITO", "NONE"), diff("GET /b", "unchanged", "AWS_IAM", "AWS_IAM"), diff("GET /c", "removed", "CUSTOM")],
    });
    expect(m.split("\n")[0]).toBe("flowchart LR");
    expect(m).toMatch(/subgraph api0_NONE\["NONE: public"\]\n\s+r0\["GET \/a<br\/>was COGNITO"\]\n\s+end/);
    expect(m).toMatch(/subgraph api0_AWS_IAM\["AWS_IAM"\]\n\s+r1\["GET \/b"\]/);
    expect(m).toMatch(/subgraph api0_REMOVED\["removed routes"\]\n\s+r2\["GET \/c"\]/);
    expect(m).toContain("classDef downgrade fill:#ffd7d7");
    expect(m).toContain("class r0 downgrade");
    expect(m).toContain("class r2 removed");
  });

  it("GIVEN a route of every word, listed strongest first WHEN drawn THEN the groups follow the table's review order, UNKNOWN after the open words", () => {
    const words: RouteAuth["type"][] = [...REVIEW_WORDS, "UNKNOWN"];
    const m = authorizationMatrix({ routes: [...words].reverse().map((w, i) => diff(`GET /${i}`, "unchanged", w, w)) });
    const drawn = [...m.matchAll(/subgraph api0_([A-Z_]+)\["([^"]+)"\]/g)].map((g) => [g[1], g[2]]);
    const open = REVIEW_WORDS.filter((w) => reviewRow(w).open);
    const closed = REVIEW_WORDS.filter((w) => !reviewRow(w).open);
    expect(drawn.map(([w]) => w)).toEqual([...open, "UNKNOWN", ...closed]);
    expect(drawn.map(([, title]) => title)).toEqual([
      ...open.map((w) => reviewRow(w).reviewTitle),
      "UNKNOWN: not determinable",
      ...closed.map((w) => reviewRow(w).reviewTitle),
    ]);
  });

  it("GIVEN a route path with quotes or angle brackets WHEN drawn THEN they are entity-coded, not syntax", () => {
    const m = authorizationMatrix({ routes: [diff('GET /x"<y>', "unchanged", "NONE", "NONE")] });
    expect(m).toContain('r0["GET /x#34;#60;y#62;"]');
  });

  it("GIVEN more routes than the picture holds WHEN drawn THEN only changed routes are drawn and the rest counted", () => {
    const routes = Array.from({ length: MATRIX_MAX_ROUTES + 5 }, (_, i) => diff(`GET /r${i}`, "unchanged", "COGNITO", "COGNITO"));
    routes.push(diff("GET /open", "downgraded", "COGNITO", "NONE"));
    const m = authorizationMatrix({ routes });
    expect(m).toContain("GET /open");
    expect(m).not.toContain('GET /r1"');
    expect(m).toContain(`hidden["${MATRIX_MAX_ROUTES + 5} unchanged routes not drawn"]`);
  });
});

describe("renderMarkdown on a large API", () => {
  it("GIVEN 400 routes with one downgrade WHEN rendered THEN the comment stays far below GitHub's limit and keeps the downgrade", () => {
    const routes = Array.from({ length: 400 }, (_, i) => diff(`GET /r${i}`, "unchanged", "COGNITO", "COGNITO"));
    routes.push(diff("GET /open", "downgraded", "COGNITO", "NONE"));
    const md = renderMarkdown({
      version: 1,
      mode: "diff",
      base: "b",
      head: "h",
      routes,
      changes: [],
      blocking: 0,
      unacknowledgedBlocking: 0,
      acknowledged: false,
      digest: "",
      staleAcknowledgements: [],
      loweredSeverities: [],
      plan: { basis: "derived", creates: [], updates: [], deletes: [], replacements: [] },
      notes: [],
    });
    expect(md.length).toBeLessThan(20_000);
    expect(md).toContain("Changed routes, before and after (1 of 401)");
    expect(md).toContain("| shop | `GET /open` | COGNITO | NONE | downgraded |");
  });
});
