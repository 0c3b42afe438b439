// What the audit read from a live account, kept as the SDK returned it (minus secrets, dropped at read time):
// the reader (read.ts) fills it, the adapter (state.ts) turns it into the state document the check's loader reads.
// Plain data; every part the reader could not read is an Unread entry, never an empty list taken for "none".
import type {
  ApiKey,
  Authorizer as RestAuthorizer,
  BasePathMapping,
  DomainName,
  Resource,
  RestApi,
  Stage as RestStage,
  UsagePlan,
  UsagePlanKey,
} from "@aws-sdk/client-api-gateway";
import type { Api, ApiMapping, Authorizer as HttpAuthorizer, Integration, Route, Stage as HttpStage } from "@aws-sdk/client-apigatewayv2";
import type { GroupType, ResourceServerType, UserPoolClientType, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import type { FunctionConfiguration, FunctionUrlConfig } from "@aws-sdk/client-lambda";
import type { CachePolicy, DistributionSummary } from "@aws-sdk/client-cloudfront";
import type { RuleGroup, Scope, WebACL } from "@aws-sdk/client-wafv2";
import type { GroupDetail, ManagedPolicyDetail, RoleDetail, UserDetail } from "@aws-sdk/client-iam";

/** The services the audit reads, as IAM names them. */
export type Service = "apigateway" | "cognito-idp" | "cognito-identity" | "lambda" | "sts" | "wafv2" | "iam" | "cloudfront" | "logs";

/** Something the audit could not read, and why: what it hides is "not verified", never a pass. */
export interface Unread {
  /** The audited account it belongs to. @default - the account of the default credentials */
  readonly account?: string;
  readonly region: string;
  readonly service: Service;
  /** What is hidden: `GetStages restapis/abc123`, `WAFv2 web ACLs`. */
  readonly what: string;
  readonly reason: string;
  /**
   * What it hides when it is narrower than the service's resources the rules judge: `function-urls` (judged by the
   * drift only), `stage-exports` (what a stage serves, compared with the working copy), `function-tags` (a handler's
   * access-decider declaration), `cloudfront-function-code` (a CloudFront Function's code, compared by the drift
   * only). @default - everything of the service
   */
  readonly scope?: "function-urls" | "stage-exports" | "function-tags" | "cloudfront-function-code";
  /**
   * Set on the account's global reads, made in us-east-1 whatever --region says (CloudFront and its Lambda@Edge
   * versions, CLOUDFRONT-scope web ACLs, IAM): what they hide concerns the findings of every region of the account.
   * @default - a read of `region` alone: it hides only what is in that region
   */
  readonly global?: true;
}

export interface RestApiRead {
  readonly api: RestApi;
  /** With their methods embedded (GetResources embed=methods); each method carries its integration. */
  readonly resources: readonly Resource[];
  readonly authorizers: readonly RestAuthorizer[];
  readonly stages: readonly RestStage[];
  /**
   * What each stage serves: its deployment exported (GetExport oas30 with the API Gateway extensions and
   * authorizers), parsed; a stage whose export could not be read is absent (and an Unread entry says so).
   */
  readonly served: readonly { readonly stage: string; readonly document: unknown }[];
}

export interface HttpApiRead {
  readonly api: Api;
  readonly routes: readonly Route[];
  readonly authorizers: readonly HttpAuthorizer[];
  readonly integrations: readonly Integration[];
  readonly stages: readonly HttpStage[];
}

export interface UserPoolRead {
  readonly pool: UserPoolType;
  /** Described clients, ClientSecret's value replaced by a marker (whether a client has a secret is kept). */
  readonly clients: readonly UserPoolClientType[];
  readonly groups: readonly GroupType[];
  readonly resourceServers: readonly ResourceServerType[];
  /** TOTP (software token) MFA enabled (GetUserPoolMfaConfig: DescribeUserPool does not say). */
  readonly totpEnabled: boolean;
}

export interface FunctionRead {
  readonly config: FunctionConfiguration;
  /** The resource policy document (GetPolicy); undefined when the function has none. */
  readonly policy?: string;
  readonly urls: readonly FunctionUrlConfig[];
  /** Its tags (ListTags); undefined when they could not be read (an Unread entry of scope `function-tags` says so). */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A CloudFront Function a behavior associates, as its LIVE stage runs it: its name, ARN and the SHA-256 of its code.
 * The code itself is never kept (it may embed secrets): it is digested as soon as GetFunction returns it.
 */
export interface CloudFrontFunctionRead {
  readonly name: string;
  readonly arn: string;
  readonly stage: "LIVE";
  /** Hex SHA-256 of the function's code as GetFunction returns it. */
  readonly codeSha256: string;
}

/**
 * CloudFront of one account, read in us-east-1 whatever --region says: every distribution as ListDistributions
 * returns it (origins, origin groups, cache behaviors with their edge associations, web ACL, certificate), each
 * origin custom header's value redacted at read time (the origin-verify secret); the Lambda@Edge versions they
 * associate; the CloudFront Functions they associate (their LIVE code's digest); the custom cache policies their
 * behaviors name.
 */
export interface EdgeRead {
  readonly distributions: readonly DistributionSummary[];
  /** Each associated version, read by its qualified ARN. */
  readonly functions: readonly FunctionRead[];
  /** Each associated CloudFront Function, read by name at its LIVE stage; one that could not be read is absent (Unread says so). */
  readonly cloudfrontFunctions: readonly CloudFrontFunctionRead[];
  readonly cachePolicies: readonly CachePolicy[];
}

/** The web ACLs and rule groups of one WAFv2 scope, as GetWebACL / GetRuleGroup return them, search strings redacted. */
export interface WafRead {
  readonly scope: Scope;
  readonly webAcls: readonly WebACL[];
  readonly ruleGroups: readonly RuleGroup[];
}

/** IAM of one account (GetAccountAuthorizationDetails): managed policies only when attached to something. */
export interface IamRead {
  readonly users: readonly UserDetail[];
  readonly groups: readonly GroupDetail[];
  readonly roles: readonly RoleDetail[];
  readonly policies: readonly ManagedPolicyDetail[];
}

export interface RegionSnapshot {
  /** The account read (STS names it). @default - unknown: GetCallerIdentity failed */
  readonly account?: string;
  readonly region: string;
  readonly restApis: readonly RestApiRead[];
  readonly usagePlans: readonly { readonly plan: UsagePlan; readonly keys: readonly UsagePlanKey[] }[];
  /** Keys without their values (read with includeValues false; `value` removed all the same). */
  readonly apiKeys: readonly ApiKey[];
  /**
   * Custom domains (shared by REST and HTTP APIs) with their base path mappings and their API mappings (API Gateway
   * v2's view: mappings to HTTP and WebSocket APIs too).
   */
  readonly domains: readonly { readonly domain: DomainName; readonly mappings: readonly BasePathMapping[]; readonly apiMappings: readonly ApiMapping[] }[];
  readonly httpApis: readonly HttpApiRead[];
  readonly userPools: readonly UserPoolRead[];
  readonly functions: readonly FunctionRead[];
  /**
   * WAFv2: the region's REGIONAL scope, and in the account's first region also its CLOUDFRONT scope (read in
   * us-east-1), so each account's global web ACLs are judged once.
   */
  readonly waf: readonly WafRead[];
  /** The account's IAM, global: kept with its first region (where the Cognito groups handing out roles are judged). */
  readonly iam?: IamRead;
  /**
   * The distributions whose origins are in this region (an API's execute-api host or custom domain here; the
   * account's first region for the others), with the edge functions and cache policies they name.
   */
  readonly edge?: EdgeRead;
}

/** One account the run set out to read: through the default credentials, or a role assumed with STS. */
export interface AuditedAccount {
  /** The role assumed into it (--assume-role-arn). @default - the default credentials */
  readonly roleArn?: string;
  /** The account id: STS GetCallerIdentity, else the role ARN's. @default - unknown */
  readonly account?: string;
  /** Why it could not be entered at all (AssumeRole refused): everything in it is not verified. */
  readonly notVerified?: string;
}

export interface AccountSnapshot {
  /** The account id STS names when one account is audited; the first one read when several are. */
  readonly account?: string;
  /** Every account the run set out to read, in --assume-role-arn order. */
  readonly accounts: readonly AuditedAccount[];
  readonly regions: readonly RegionSnapshot[];
  readonly unread: readonly Unread[];
  /** Every SDK call made, in order (service and operation): the evidence for the least-privilege policy. */
  readonly calls: readonly SdkCall[];
}

export interface SdkCall {
  readonly service: Service;
  /** The SDK command without `Command`: `GetResources`. */
  readonly operation: string;
}
