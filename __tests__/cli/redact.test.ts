// redactPlan on plan documents shaped like `terraform show -json` of the prod stack (the secret's 8 places: the
// variable values, the CloudFront origin header and the regional web ACL's byte matches in planned_values and
// resource_changes), plus the other places Terraform marks values sensitive.
import fc from "fast-check";
import { MIN_SUBSTRING_SECRET_LENGTH, REDACTED, RedactionError, redactPlan, redactText, sensitiveVariableValues } from "../../cli/private/redact";

const SECRET = "PLANTED_SECRET_current_5f0c2a9e4b7d41c3a8e6";
const NEXT = "PLANTED_SECRET_next_9d2e7b1c6a3f48e0b5d2";

/** The regional web ACL's `rule` set as the plan shows it: one ALLOW rule matching either secret. */
const aclRule = (current: string, next: string) => [
  {
    action: [{ allow: [{ custom_request_handling: [] }], block: [] }],
    name: "allow-origin-verify",
    priority: 100,
    rule_label: [],
    statement: [
      {
        or_statement: [
          {
            statement: [current, next].map((s) => ({
              byte_match_statement: [
                {
                  field_to_match: [{ single_header: [{ name: "x-origin-verify" }], uri_path: [] }],
                  positional_constraint: "EXACTLY",
                  search_string: s,
                  text_transformation: [{ priority: 0, type: "NONE" }],
                },
              ],
            })),
          },
        ],
      },
    ],
  },
];

const origin = (secret: string) => [
  { connection_attempts: 3, custom_header: [{ name: "X-Origin-Verify", value: secret }], origin_id: "api-gateway", origin_path: "/v1" },
];

const ACL = "aws_wafv2_web_acl.perimeter_regional-waf_acl_E8EF929C";
const CDN = "aws_cloudfront_distribution.perimeter_cloudfront_distribution_0337210E";
const CLIENT = "aws_cognito_user_pool_client.identity_client-web_C7D0E3A6";

function prodPlan(): Record<string, unknown> {
  return {
    format_version: "1.2",
    variables: {
      origin_verify_secret: { value: SECRET },
      origin_verify_secret_next: { value: NEXT },
      edge_domain_names: { value: ["api.example.com"] },
    },
    planned_values: {
      root_module: {
        resources: [
          {
            address: ACL,
            type: "aws_wafv2_web_acl",
            values: { name: "petstore-prod-regional", rule: aclRule(SECRET, NEXT) },
            sensitive_values: { rule: true },
          },
          {
            address: CDN,
            type: "aws_cloudfront_distribution",
            values: { aliases: ["api.example.com"], origin: origin(SECRET) },
            sensitive_values: { aliases: [false], origin: true },
          },
          {
            address: CLIENT,
            type: "aws_cognito_user_pool_client",
            values: { name: "web", client_secret: "client-secret-value-1234" },
            sensitive_values: { client_secret: true },
          },
        ],
      },
      outputs: { user_pool_id: { sensitive: false, value: "eu-west-1_abc" }, admin_token: { sensitive: true, value: "output-secret-value-5678" } },
    },
    resource_changes: [
      {
        address: ACL,
        change: {
          actions: ["update"],
          before: { name: "petstore-prod-regional", rule: aclRule("OLD_SECRET_value_0123456789abcdef0123", NEXT) },
          after: { name: "petstore-prod-regional", rule: aclRule(SECRET, NEXT) },
          after_unknown: { rule: [{ action: [{ allow: [{ custom_request_handling: [] }] }] }] },
          before_sensitive: { rule: true },
          after_sensitive: { rule: true },
        },
      },
      {
        address: CDN,
        change: {
          actions: ["create"],
          before: null,
          after: { origin: origin(SECRET) },
          after_unknown: {},
          before_sensitive: false,
          after_sensitive: { origin: true },
        },
      },
    ],
    output_changes: {
      admin_token: {
        actions: ["create"],
        before: null,
        after: "output-secret-value-5678",
        after_unknown: false,
        before_sensitive: false,
        after_sensitive: true,
      },
    },
    prior_state: { values: { outputs: { admin_token: { sensitive: true, value: "output-secret-value-5678", type: "string" } } } },
    configuration: {
      root_module: {
        variables: {
          origin_verify_secret: { sensitive: true, description: "Current value" },
          origin_verify_secret_next: { sensitive: true },
          edge_domain_names: { description: "names" },
        },
        resources: [
          {
            address: ACL,
            expressions: {
              rule: [
                {
                  name: { constant_value: "allow-origin-verify" },
                  priority: { constant_value: 100 },
                  statement: [
                    {
                      or_statement: [
                        {
                          statement: [
                            {
                              byte_match_statement: [
                                {
                                  field_to_match: [{ single_header: [{ name: { constant_value: "x-origin-verify" } }] }],
                                  positional_constraint: { constant_value: "EXACTLY" },
                                  search_string: { constant_value: "${var.origin_verify_secret}", references: ["var.origin_verify_secret"] },
                                  text_transformation: [{ priority: { constant_value: 0 }, type: { constant_value: "NONE" } }],
                                },
                              ],
                            },
                          ],
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          },
          {
            address: CDN,
            expressions: { origin: [{ origin_id: { constant_value: "api-gateway" }, custom_header: [{ name: { constant_value: "X-Origin-Verify" } }] }] },
          },
        ],
      },
    },
  };
}

const text = (v: unknown): string => JSON.stringify(v);
const get = (v: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], v);
type Rule = ReturnType<typeof aclRule>[number];
const byteMatches = (rule: unknown) => (rule as Rule[])[0].statement[0].or_statement[0].statement.map((s) => s.byte_match_statement[0]);

describe("redactPlan on the prod plan's shape", () => {
  const plan = prodPlan();
  const before = text(plan);
  const out = redactPlan(plan);

  it("GIVEN sensitive variables set THEN no secret remains anywhere in the document", () => {
    for (const s of [SECRET, NEXT, "OLD_SECRET_value_0123456789abcdef0123", "client-secret-value-1234", "output-secret-value-5678"]) {
      expect([s, text(out).includes(s)]).toEqual([s, false]);
    }
  });

  it("THEN the sensitive variables' values are the marker and the others are kept", () => {
    expect(get(out, "variables", "origin_verify_secret", "value")).toBe(REDACTED);
    expect(get(out, "variables", "origin_verify_secret_next", "value")).toBe(REDACTED);
    expect(get(out, "variables", "edge_domain_names", "value")).toEqual(["api.example.com"]);
  });

  it("THEN inside the marked web ACL rule set only the secret goes: header name, match type and priority stay for the check", () => {
    for (const rule of [
      get(out, "planned_values", "root_module", "resources", 0, "values", "rule"),
      get(out, "resource_changes", 0, "change", "after", "rule"),
      get(out, "resource_changes", 0, "change", "before", "rule"),
    ]) {
      const matches = byteMatches(rule);
      expect(matches.map((m) => m.search_string)).toEqual([REDACTED, REDACTED]);
      expect(matches.map((m) => m.positional_constraint)).toEqual(["EXACTLY", "EXACTLY"]);
      expect(matches.map((m) => m.field_to_match[0].single_header[0].name)).toEqual(["x-origin-verify", "x-origin-verify"]);
      expect((rule as Rule[])[0].name).toBe("allow-origin-verify");
      expect((rule as Rule[])[0].priority).toBe(100);
    }
  });

  it("THEN in the marked origin set the header value goes, configured names stay and unconfigured values go", () => {
    const o = get(out, "planned_values", "root_module", "resources", 1, "values", "origin", 0) as Record<string, unknown>;
    expect(o["custom_header"]).toEqual([{ name: "X-Origin-Verify", value: REDACTED }]);
    expect(o["origin_id"]).toBe("api-gateway");
    // "/v1" and 3 appear in no configured constant: they may be data derived from the secret.
    expect(o["origin_path"]).toBe(REDACTED);
    expect(o["connection_attempts"]).toBe(REDACTED);
    expect(get(out, "planned_values", "root_module", "resources", 1, "values", "aliases")).toEqual(["api.example.com"]);
  });

  it("THEN precisely marked attributes and sensitive outputs are the marker", () => {
    expect(get(out, "planned_values", "root_module", "resources", 2, "values", "client_secret")).toBe(REDACTED);
    expect(get(out, "planned_values", "root_module", "resources", 2, "values", "name")).toBe("web");
    expect(get(out, "planned_values", "outputs", "admin_token", "value")).toBe(REDACTED);
    expect(get(out, "planned_values", "outputs", "user_pool_id", "value")).toBe("eu-west-1_abc");
    expect(get(out, "output_changes", "admin_token", "after")).toBe(REDACTED);
    expect(get(out, "prior_state", "values", "outputs", "admin_token", "value")).toBe(REDACTED);
  });

  it("THEN the masks and the configuration stay as they were, and the input is not modified", () => {
    expect(get(out, "resource_changes", 0, "change", "after_sensitive")).toEqual({ rule: true });
    expect(get(out, "configuration")).toEqual(plan["configuration"]);
    expect(text(plan)).toBe(before);
  });

  it("THEN every marker is the one fixed text", () => {
    expect(REDACTED).toBe("(sensitive value redacted)");
  });
});

describe("redactPlan, fail-closed cases", () => {
  const withSecretVar = (rest: Record<string, unknown>) => ({
    variables: { s: { value: SECRET } },
    configuration: { root_module: { variables: { s: { sensitive: true } } } },
    ...rest,
  });

  it("GIVEN a variable the configuration does not declare THEN its value is redacted", () => {
    const out = redactPlan({ variables: { ghost: { value: "not-declared-anywhere" } }, configuration: { root_module: {} } });
    expect(get(out, "variables", "ghost", "value")).toBe(REDACTED);
  });

  it("GIVEN the secret inside an unmarked string or key (e.g. an interpolated description) THEN that occurrence is replaced", () => {
    const out = redactPlan(
      withSecretVar({ planned_values: { root_module: { resources: [{ values: { description: `header ${SECRET}!`, tags: { [`k-${SECRET}`]: "x" } } }] } } }),
    );
    expect(get(out, "planned_values", "root_module", "resources", 0, "values", "description")).toBe(`header ${REDACTED}!`);
    expect(get(out, "planned_values", "root_module", "resources", 0, "values", "tags")).toEqual({ [`k-${REDACTED}`]: "x" });
  });

  it("GIVEN a marked map whose keys are not schema names THEN the whole map is the marker", () => {
    const out = redactPlan({
      resource_changes: [{ change: { after: { tags: { "Team-Secret": "v" } }, after_sensitive: { tags: true } } }],
      configuration: { root_module: {} },
    });
    expect(get(out, "resource_changes", 0, "change", "after", "tags")).toBe(REDACTED);
  });

  it("GIVEN a mask whose shape differs from the value THEN the value is redacted whole", () => {
    const out = redactPlan({
      resource_changes: [{ change: { after: { rule: "opaque-value-abcdefgh" }, after_sensitive: { rule: [true] } } }],
      configuration: {},
    });
    expect(get(out, "resource_changes", 0, "change", "after", "rule")).toBe(REDACTED);
  });

  it("GIVEN a sensitive declaration with a default THEN the default is redacted in the configuration", () => {
    const out = redactPlan({ configuration: { root_module: { variables: { s: { sensitive: true, default: "default-secret-abcdef" } } } } });
    expect(get(out, "configuration", "root_module", "variables", "s", "default")).toBe(REDACTED);
  });

  it(`GIVEN a sensitive value shorter than ${MIN_SUBSTRING_SECRET_LENGTH} characters THEN it is redacted where marked and other text keeps it`, () => {
    const out = redactPlan({
      variables: { pin: { value: "1234" } },
      configuration: { root_module: { variables: { pin: { sensitive: true } } } },
      planned_values: { root_module: { resources: [{ values: { port: "1234" } }] } },
    });
    expect(get(out, "variables", "pin", "value")).toBe(REDACTED);
    expect(get(out, "planned_values", "root_module", "resources", 0, "values", "port")).toBe("1234");
  });

  it("GIVEN input that is not a JSON object THEN it throws RedactionError", () => {
    expect(() => redactPlan([])).toThrow(RedactionError);
    expect(() => redactPlan("plan")).toThrow(RedactionError);
  });

  it("GIVEN any JSON carrying the secret anywhere THEN the output never contains it (property)", () => {
    const withSecret = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.string().map((s) => `${s}${SECRET}${s}`),
        fc.jsonValue(),
        fc.array(tie("value")),
        fc.dictionary(fc.oneof(fc.string(), fc.constant(SECRET)), tie("value")),
      ),
    })).value;
    fc.assert(
      fc.property(withSecret, fc.constantFrom("planned_values", "resource_changes", "checks", "relevant_attributes"), (value, key) => {
        expect(text(redactPlan(withSecretVar({ [key]: value }))).includes(SECRET)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe("redactText and sensitiveVariableValues", () => {
  it("GIVEN terraform's message echoing a TF_VAR value THEN the value is replaced", () => {
    const stack = { variable: { origin_verify_secret: { sensitive: true, type: "string" }, edge_domain_names: { type: "list(string)" } } };
    const secrets = sensitiveVariableValues(stack, { TF_VAR_origin_verify_secret: SECRET, TF_VAR_edge_domain_names: '["a.example"]' });
    expect(secrets).toEqual([SECRET]);
    expect(redactText(`Error: invalid value "${SECRET}"`, secrets)).toBe(`Error: invalid value "${REDACTED}"`);
  });
});
