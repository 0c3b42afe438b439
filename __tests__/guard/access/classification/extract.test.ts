// The extractor of `npm run classify`: in-scope types only, kinds per path, WAFv2 statements folded by type.
import { classifiedPath } from "../../../../guard/access/classification/scope";
import { extractAttributes, formatList } from "../../../../scripts/gen-provider-attributes";

const schema = {
  provider_schemas: {
    "registry.terraform.io/hashicorp/aws": {
      resource_schemas: {
        aws_s3_bucket: { block: { attributes: { bucket: { optional: true } } } },
        aws_api_gateway_api_key: {
          block: { attributes: { name: { required: true }, value: { optional: true, computed: true, sensitive: true }, arn: { computed: true } } },
        },
        aws_wafv2_web_acl: {
          block: {
            block_types: {
              rule: {
                block: {
                  block_types: {
                    statement: {
                      block: {
                        block_types: {
                          and_statement: {
                            block: {
                              block_types: {
                                statement: {
                                  block: { block_types: { geo_match_statement: { block: { attributes: { country_codes: { required: true } } } } } },
                                },
                              },
                            },
                          },
                          geo_match_statement: { block: { attributes: { country_codes: { required: true } } } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

describe("GIVEN a provider schema", () => {
  it("THEN only in-scope types are listed, each path with its kind, nested WAF statements folded to their type", () => {
    const types = extractAttributes(schema);
    expect(Object.keys(types)).toEqual(["aws_api_gateway_api_key", "aws_wafv2_web_acl"]);
    expect(types["aws_api_gateway_api_key"]).toEqual({ arn: "c", name: "a", value: "s" });
    expect(types["aws_wafv2_web_acl"]).toEqual({
      rule: "b",
      "rule.statement": "b",
      "rule.statement.and_statement": "b",
      "rule.statement.and_statement.statement": "b",
      "rule.statement.geo_match_statement": "b",
      "rule.statement.geo_match_statement.country_codes": "a",
    });
    expect(JSON.parse(formatList(types)).types).toEqual(types);
  });

  it("THEN a schema without the provider is refused", () => {
    expect(() => extractAttributes({ provider_schemas: {} })).toThrow("no resource schemas of registry.terraform.io/hashicorp/aws");
  });

  it("THEN scope-down statements fold to the statement type inside them", () => {
    const path = "rule.statement.managed_rule_group_statement.scope_down_statement.not_statement.statement.byte_match_statement.search_string".split(".");
    expect(classifiedPath("aws_wafv2_web_acl", path)).toBe("rule.statement.byte_match_statement.search_string");
    expect(classifiedPath("aws_api_gateway_method", ["authorization"])).toBe("authorization");
  });
});
