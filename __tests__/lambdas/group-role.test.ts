import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { createHandler } from "../../lambdas/group-role";
import { parseGroupRoleConfig, sessionName } from "../../lambdas/group-role/decide";

const ADMINS = "arn:aws:iam::123456789012:role/petstore-dev-admins";
const STAFF = "arn:aws:iam::123456789012:role/petstore-dev-staff";
const OTHER = "arn:aws:iam::123456789012:role/not-a-group-role";
const SUB = "7f3c8a52-1b2d-4e5f-9a0b-123456789abc";

const sts = mockClient(STSClient);
const handler = createHandler({ sts: new STSClient({ region: "eu-west-1" }), config: { allowedRoleArns: [ADMINS, STAFF], sessionDurationSeconds: 3600 } });

const event = (claims: Record<string, unknown> | undefined): unknown => ({
  httpMethod: "GET",
  resource: "/credentials",
  requestContext: { authorizer: claims === undefined ? undefined : { claims } },
});

const idClaims = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  sub: SUB,
  token_use: "id",
  "cognito:username": "alice@example.com",
  "cognito:groups": "admins,staff",
  "cognito:roles": `${ADMINS},${STAFF}`,
  "cognito:preferred_role": ADMINS,
  ...over,
});

beforeEach(() => {
  sts.reset();
  jest.spyOn(console, "log").mockImplementation(() => undefined);
});

describe("group-role", () => {
  test("GIVEN an admin's ID token claims WHEN called THEN AssumeRole gets exactly the preferred role, a valid session name, the sub as source identity, 3600 s", async () => {
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: "ASIAEXAMPLE", SecretAccessKey: "secret", SessionToken: "session", Expiration: new Date("2030-01-01T00:00:00Z") },
    });
    const res = await handler(event(idClaims()));
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input).toEqual({
      RoleArn: ADMINS,
      RoleSessionName: "alice@example.com",
      SourceIdentity: SUB,
      DurationSeconds: 3600,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(res.body)).toEqual({
      roleArn: ADMINS,
      accessKeyId: "ASIAEXAMPLE",
      secretAccessKey: "secret",
      sessionToken: "session",
      expiration: "2030-01-01T00:00:00.000Z",
    });
  });

  test.each([
    ["cognito:roles as a JSON array", { "cognito:roles": JSON.stringify([STAFF, ADMINS]) }],
    ["cognito:roles as [a b]", { "cognito:roles": `[${STAFF} ${ADMINS}]` }],
    ["cognito:roles as a real array", { "cognito:roles": [ADMINS] }],
  ])("GIVEN %s WHEN called THEN the role is assumed", async (_n, over) => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: "A", SecretAccessKey: "S", SessionToken: "T", Expiration: new Date() } });
    expect((await handler(event(idClaims(over)))).statusCode).toBe(200);
  });

  test.each([
    ["no claims at all", undefined, "no authorizer claims"],
    ["an access token", idClaims({ token_use: "access" }), "an ID token is required"],
    ["no preferred role", idClaims({ "cognito:preferred_role": undefined }), "no preferred role (no group role, or a precedence tie)"],
    ["a preferred role outside the allowlist", idClaims({ "cognito:preferred_role": OTHER, "cognito:roles": OTHER }), "role not allowed"],
    ["a preferred role not among the token's roles", idClaims({ "cognito:roles": STAFF }), "preferred role is not among the token's roles"],
    ["no cognito:roles", idClaims({ "cognito:roles": undefined }), "preferred role is not among the token's roles"],
    ["a sub starting with aws:", idClaims({ sub: "aws:root" }), "token has no usable sub"],
    ["no sub", idClaims({ sub: undefined }), "token has no usable sub"],
  ])("GIVEN %s WHEN called THEN 403 with a JSON error and no STS call", async (_n, claims, error) => {
    const res = await handler(event(claims));
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body)).toEqual({ error });
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });

  test("GIVEN STS fails WHEN called THEN 502 without STS's error text", async () => {
    sts.on(AssumeRoleCommand).rejects(new Error("AccessDenied: User arn:aws:sts::123456789012:assumed-role/x is not authorized"));
    const res = await handler(event(idClaims()));
    expect(res.statusCode).toBe(502);
    expect(res.body).toBe(JSON.stringify({ error: "could not obtain credentials" }));
    expect(res.body).not.toContain("AccessDenied");
  });

  test("GIVEN an invalid environment WHEN called THEN 500 and no STS call", async () => {
    const broken = createHandler({ sts: new STSClient({ region: "eu-west-1" }), config: null });
    expect((await broken(event(idClaims()))).statusCode).toBe(500);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });
});

describe("sessionName", () => {
  test.each([
    ["alice@example.com", "alice@example.com"],
    ["Jöhn Dœ/x", "J-hn-D--x"],
    ["a".repeat(80), "a".repeat(64)],
    ["x", `u-${SUB}`],
    [null, `u-${SUB}`],
  ])("GIVEN username %p THEN %p", (username, expected) => {
    const name = sessionName(username, SUB);
    expect(name).toBe(expected);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});

describe("parseGroupRoleConfig", () => {
  test("GIVEN valid env THEN parsed, default duration 3600", () => {
    expect(parseGroupRoleConfig({ ALLOWED_ROLE_ARNS: JSON.stringify([ADMINS]) })).toEqual({ allowedRoleArns: [ADMINS], sessionDurationSeconds: 3600 });
  });
  test.each([
    [{ ALLOWED_ROLE_ARNS: "nope" }, /ALLOWED_ROLE_ARNS: not valid JSON/],
    [{ ALLOWED_ROLE_ARNS: '["*"]' }, /expected a JSON array of role ARNs, got "\[\\"\*\\"\]"/],
    [{ ALLOWED_ROLE_ARNS: "[]", SESSION_DURATION_SECONDS: "7200" }, /SESSION_DURATION_SECONDS: expected an integer 900-3600, got "7200"/],
  ])("GIVEN %p THEN a clear error", (env, message) => {
    expect(() => parseGroupRoleConfig(env)).toThrow(message);
  });
});
