// Every rule's fixture table, by service (one file per service folder, as guard/rules is laid out).
import { ACCESS_FIXTURES } from "./access/fixtures";
import { APIGATEWAY_FIXTURES } from "./apigateway/fixtures";
import { CLOUDFRONT_FIXTURES } from "./cloudfront/fixtures";
import { COGNITO_FIXTURES } from "./cognito/fixtures";
import { IAM_FIXTURES } from "./iam/fixtures";
import { LAMBDA_FIXTURES } from "./lambda/fixtures";
import type { RuleFixtures } from "./private/fixture-types";
import { WAF_FIXTURES } from "./waf/fixtures";

export const FIXTURE_TABLES: Readonly<Record<string, Readonly<Record<string, RuleFixtures>>>> = {
  access: ACCESS_FIXTURES,
  apigateway: APIGATEWAY_FIXTURES,
  cloudfront: CLOUDFRONT_FIXTURES,
  cognito: COGNITO_FIXTURES,
  iam: IAM_FIXTURES,
  lambda: LAMBDA_FIXTURES,
  waf: WAF_FIXTURES,
};
