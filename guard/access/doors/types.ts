// The effective-access graph's vocabulary: a protected target (what an integration runs or calls), the doors that
// reach it, and the classes of principals that can get through each door. Plain data: the review compares two of
// these graphs per target, the check judges one against the policy's intended doors.
import type { AuthorizationType } from "../../../kernel/authorization-types";

/** What an integration reaches: a Lambda function (its versions and aliases resolve to it), an HTTP backend, an AWS service. */
type TargetKind = "lambda" | "http" | "aws-service" | "unknown";

export interface Target {
  /** Pairs a target across two versions: `lambda:petstore-dev-backend`, `http:https://backend.example.com`. */
  readonly key: string;
  readonly kind: TargetKind;
  /** For reports: the function name, the URL, the service ARN, or why it cannot be read. */
  readonly label: string;
  readonly stack: string;
  /** The resource, when the target is one of the configuration (a function). */
  readonly address?: string;
  /**
   * Why which target a route reaches cannot be read: its integration is named by a value that links none or
   * several (a state document, the live account). Its route doors are not intended by default: never a pass.
   */
  readonly notVerified?: string;
}

/** How a caller gets to a target without going through another door first. */
type DoorKind =
  /** A route of a REST, HTTP or WebSocket API whose integration is the target. */
  | "route"
  /** `aws_lambda_function_url` on the function. */
  | "function-url"
  /** `aws_lambda_permission` on the function that is not one of the configuration's APIs invoking it. */
  | "lambda-permission"
  /** Identity policies of IAM users, groups or roles granting `lambda:InvokeFunction(Url)` on the function. */
  | "iam-invoke"
  /** A CloudFront distribution whose origin is one of the APIs reaching the target. */
  | "distribution"
  /** A custom domain mapping (base path mapping, API mapping) exposing a stage of such an API. */
  | "custom-domain"
  /** The API's default `execute-api` endpoint (not disabled). */
  | "execute-api-endpoint"
  /** An interface VPC endpoint for execute-api in front of a PRIVATE REST API. */
  | "vpc-endpoint";

/** Who can get through a door, by class. */
type PrincipalKind =
  | "anyone"
  | "aws-any"
  | "api-key"
  | "token"
  | "authorizer"
  | "edge"
  | "iam"
  | "account"
  | "service"
  | "organisation"
  | "restricted"
  /** Holders of a client certificate the truststore of an mTLS custom domain accepts (the only way in). */
  | "client-certificate"
  | "nobody"
  | "not-verified";

export interface Principal {
  readonly kind: PrincipalKind;
  /** The class in reviewer words: `anyone on the internet`, `IAM user deploy-bot`, `account 999999999999`. */
  readonly text: string;
}

export interface Door {
  /** Pairs a door across versions and names it in the policy: `api:petstore-dev GET /pets`, `function-url:petstore-dev-backend`. */
  readonly id: string;
  readonly kind: DoorKind;
  /** For reports: `function URL (NONE)`, `route petstore-dev GET /pets (COGNITO)`. */
  readonly label: string;
  readonly principals: readonly Principal[];
  /** Route doors: the effective authorization type at the gateway; UNKNOWN when it cannot be read. */
  readonly type?: AuthorizationType | "UNKNOWN";
  /**
   * Route doors of the types that take scopes (COGNITO, JWT): the route's `authorization_scopes`, any one of which
   * admits a token; [] when none (COGNITO: ID tokens; JWT: any token of the issuer); "unknown" when they cannot be read.
   */
  readonly scopes?: readonly string[] | "unknown";
  /** The API a route, distribution, domain or endpoint door belongs to (its name). */
  readonly api?: string;
  /** Why the door or a control on it cannot be read: a visible "not verified", never a pass. */
  readonly notVerified?: string;
  readonly addresses: readonly string[];
}

export interface TargetDoors {
  readonly target: Target;
  readonly doors: readonly Door[];
}

/**
 * A function no route reaches (only its own open doors make it a target): reports call it a function, not a
 * backend, since no API is in front of it.
 */
export const unreached = (t: TargetDoors): boolean => t.target.kind === "lambda" && !t.doors.some((d) => d.kind === "route");

export const ANYONE: Principal = { kind: "anyone", text: "anyone on the internet" };
export const principalKey = (p: Principal): string => `${p.kind}:${p.text}`;
export const notVerified = (why: string): Principal => ({ kind: "not-verified", text: `not verified (${why})` });
/** Why a not-verified principal cannot be read (its text without the `not verified (...)` around it). */
export const notVerifiedWhy = (p: Principal): string => /^not verified \(([\s\S]*)\)$/.exec(p.text)?.[1] ?? p.text;
/** ` (not verified: why)` for a report line, unless its principals already say why. */
export const notVerifiedNote = (d: Door): string =>
  d.notVerified === undefined || d.principals.some((p) => p.kind === "not-verified" && notVerifiedWhy(p) === d.notVerified)
    ? ""
    : ` (not verified: ${d.notVerified})`;
