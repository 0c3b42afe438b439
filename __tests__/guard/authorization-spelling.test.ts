// API Gateway accepts authorization "none" in lower case (and opens the method), so the open-method rule must too.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { modelFromDocument } from "../../guard/load";
import { loadPolicies } from "../../guard/policy/load";
import { RULES } from "../../guard/rules";
import { ApiKeyIsNotAuthentication } from "../../guard/rules/apigateway/api-key-is-not-authentication";
import { NoOpenMethod } from "../../guard/rules/access/no-open-method";

const FIX = join(__dirname, "fixtures");
const policies = loadPolicies(join(FIX, "shop.policy.yaml"), RULES);

test.each(["none", "None"])("GIVEN GET /items with authorization %j and no API key THEN no-open-method fires", (spelling) => {
  // GIVEN the compliant API with its Cognito list method opened, spelled in another case
  const doc = JSON.parse(readFileSync(join(FIX, "compliant.tf.json"), "utf8")) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const m = doc.resource["aws_api_gateway_method"]["list"];
  m["authorization"] = spelling;
  delete m["authorizer_id"];
  delete m["authorization_scopes"];
  // WHEN the rule runs
  const findings = NoOpenMethod.check(modelFromDocument(doc, "d.tf.json"), policies);
  // THEN the opened method is reported
  expect(findings.map((f) => f.address)).toEqual(["aws_api_gateway_method.list"]);
});

test('GIVEN GET /items with authorization "none" and an API key THEN api-key-is-not-authentication fires', () => {
  const doc = JSON.parse(readFileSync(join(FIX, "compliant.tf.json"), "utf8")) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const m = doc.resource["aws_api_gateway_method"]["list"];
  m["authorization"] = "none";
  m["api_key_required"] = true;
  delete m["authorizer_id"];
  delete m["authorization_scopes"];
  const findings = ApiKeyIsNotAuthentication.check(modelFromDocument(doc, "d.tf.json"), policies);
  expect(findings.map((f) => f.address)).toEqual(["aws_api_gateway_method.list"]);
});
