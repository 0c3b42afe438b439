// Every effective-access pair, by class (one file per class; add its spread here).
import { CLIENT_SCOPE_PAIRS } from "./client-scopes";
import { IAM_PAIRS } from "./iam";
import { IDENTITY_POOL_PAIRS } from "./identity-pools";
import { INPUT_PAIRS } from "./inputs";
import { ROUTE_PAIRS } from "./routes";
import { STAGE_PAIRS } from "./stages";
import type { AccessPair } from "./types";
import { WAF_PAIRS } from "./waf";
import { COGNITO_PAIRS } from "./cognito";
import { AUTHORIZER_CODE_PAIRS } from "./authorizer-code";
import { ATTRIBUTE_PAIRS } from "./attributes";
import { DOOR_PAIRS } from "./doors";
import { HANDLER_DECIDER_PAIRS } from "./handler-deciders";
import { CONTROL_PAIRS } from "./controls";
import { VPC_ENDPOINT_PAIRS } from "./vpc-endpoints";
import { IDENTITY_PAIRS } from "./identity";
import { SERVING_PAIRS } from "./serving";
import { EDGE_LINK_PAIRS } from "./edge-links";

export const ACCESS_PAIRS: Readonly<Record<string, AccessPair>> = {
  ...ROUTE_PAIRS,
  ...INPUT_PAIRS,
  ...COGNITO_PAIRS,
  ...AUTHORIZER_CODE_PAIRS,
  ...IAM_PAIRS,
  ...IDENTITY_POOL_PAIRS,
  ...CLIENT_SCOPE_PAIRS,
  ...WAF_PAIRS,
  ...STAGE_PAIRS,
  ...ATTRIBUTE_PAIRS,
  ...DOOR_PAIRS,
  ...HANDLER_DECIDER_PAIRS,
  ...CONTROL_PAIRS,
  ...VPC_ENDPOINT_PAIRS,
  ...IDENTITY_PAIRS,
  ...SERVING_PAIRS,
  ...EDGE_LINK_PAIRS,
};
