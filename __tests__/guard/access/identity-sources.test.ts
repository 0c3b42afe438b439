// Where a backend-visible value comes from, in each API form's mapping syntax, and what the template reader can and
// cannot read. Unreadable is never taken for a verified source.
import { looksLikeIdentity } from "../../../guard/access/identity-mapping";
import { httpApiSource, restSource, weakest } from "../../../guard/access/identity/sources";
import { readTemplate } from "../../../guard/access/identity/templates";

describe("GIVEN REST and WebSocket mapping values", () => {
  it.each([
    ["context.authorizer.claims.sub", "identity"],
    ["context.authorizer.principalId", "identity"],
    ["context.identity.userArn", "identity"],
    ["context.identity.userAgent", "caller"],
    ["context.identity.sourceIp", "context"],
    ["context.requestId", "context"],
    ["context.path", "caller"],
    ["method.request.header.X-User-Id", "caller"],
    ["method.request.querystring.user", "caller"],
    ["route.request.header.x-user", "caller"],
    ["stageVariables.backend", "stage-variable"],
    ["'reader'", "static"],
    ["claims.sub", "unknown"],
    ["method.request.header.X + 'a'", "unknown"],
  ])("THEN %s is %s", (value, cls) => {
    expect(restSource(value).class).toBe(cls);
  });

  it("THEN a value known only after apply is unknown", () => {
    expect(restSource({ unknown: true, expression: "${var.x}" }).class).toBe("unknown");
  });
});

describe("GIVEN HTTP API mapping values", () => {
  it.each([
    ["$context.authorizer.claims.sub", "identity"],
    ["$request.header.x-user-id", "caller"],
    ["Bearer $request.header.token", "caller"],
    ["$context.authorizer.claims.sub:$request.querystring.tenant", "caller"],
    ["${context.requestId}", "context"],
    ["fixed", "static"],
    ["$", "unknown"],
  ])("THEN %s is %s (the weakest reference decides)", (value, cls) => {
    expect(httpApiSource(value).class).toBe(cls);
  });

  it("THEN the weakest of several sources is the caller's over a verified one", () => {
    expect(weakest([restSource("context.authorizer.claims.sub"), restSource("method.request.header.x")])?.class).toBe("caller");
  });
});

describe("GIVEN request mapping templates", () => {
  it("WHEN the template has only references THEN each field is keyed with its source, literals included", () => {
    const r = readTemplate('{"userId": "$util.escapeJavaScript($context.authorizer.claims.sub)", "pet": $input.json(\'$.pet\'), "role": "reader"}');
    expect(r.kind).toBe("read");
    if (r.kind !== "read") return;
    expect(r.fields.map((f) => [f.key, f.source.class])).toEqual([
      ["userId", "identity"],
      ["pet", "caller"],
      ["role", "static"],
    ]);
  });

  it("WHEN values sit in nested objects (a DynamoDB key) THEN each is keyed by its path of keys", () => {
    const r = readTemplate(
      '{"TableName": "pets", "Key": {"owner": {"S": "$context.authorizer.claims.sub"}, "petId": {"S": "$input.params(\'petId\')"}}, "Limit": 10}',
    );
    expect(r.kind === "read" && r.fields.map((f) => [f.key, f.source.class])).toEqual([
      ["TableName", "static"],
      ["Key.owner.S", "identity"],
      ["Key.petId.S", "caller"],
      ["Limit", "static"],
    ]);
  });

  it("WHEN the caller's header is read through $input.params().header.get THEN it is the caller's", () => {
    const r = readTemplate('{"user": "$input.params().header.get(\'X-User\')"}');
    expect(r.kind === "read" && r.fields[0]?.source.class).toBe("caller");
  });

  it.each([
    ['#set($u = $input.params("x")){"user": "$u"}', "directives"],
    ['{"user": "$util.toJson($context)"}', "does not read"],
    ['{"price": "5$"}', "does not read"],
  ])("WHEN the template is %s THEN it is unreadable (%s)", (template, why) => {
    const r = readTemplate(template);
    expect(r.kind).toBe("unreadable");
    expect(r.kind === "unreadable" && r.why).toContain(why);
  });
});

describe("GIVEN names of headers, parameters and fields", () => {
  it.each([
    ["header X-User-Id", true],
    ["querystring userId", true],
    ["body field tenantId", true],
    ["header x-on-behalf-of", true],
    ["querystring page", false],
    ["header X-Api-Version", false],
    ["path petId", false],
  ])("THEN %s looks like identity: %s", (name, expected) => {
    expect(looksLikeIdentity(name)).toBe(expected);
  });
});
