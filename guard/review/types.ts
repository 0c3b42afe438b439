// The authorization review's report: what `diffModels` returns and what the Markdown and JSON renderers read.
// Plain data, stable field names: the JSON output is this object as is.
import type { ReviewWord } from "../../kernel/authorization-types";
import type { EdgeRequirement } from "../access/edge-config";
import type { LambdaRequirement } from "./route-tables";
import type { TargetRef } from "../access/reference-identity";
import type { LoweredSeverity } from "../policy/types";
import type { Severity } from "./kind-catalogue";
import type { ChangeKind } from "./kinds";

export type { ChangeKind } from "./kinds";

/**
 * How a route is effectively authorized, in the type table's review words (kernel/authorization-types.ts), weakest first:
 * NONE (anyone), API_KEY (a key alone: metering, not authentication), EDGE (NONE at the gateway but the stage
 * only admits CloudFront, which authenticates), CUSTOM (Lambda authorizer), COGNITO, AWS_IAM.
 * UNKNOWN: not determinable from the input (known only after apply, unresolved reference): treated as a deny.
 */
export type EffectiveType = ReviewWord | "UNKNOWN";

export interface AuthorizerFacts {
  readonly name: string;
  /** TOKEN, REQUEST or COGNITO_USER_POOLS. */
  readonly type: string;
  readonly identitySource: string;
  /** Lambda authorizers: the function's name (or address when the name is not known). */
  readonly function?: string;
  /** Cognito authorizers: the user pools trusted (names where resolvable, else ARN or expression). */
  readonly userPools: readonly string[];
  /** The same pools as identities (guard/access/cognito.ts trustedPools), compared by resource, not by name. */
  readonly pools?: readonly TargetRef[];
  /** JWT authorizers (HTTP APIs): the audience, references as what they point at. @default - not a JWT authorizer */
  readonly audience?: readonly string[];
}

/** Which REST API a route belongs to, by identity (stack and address), not by its name. */
interface ApiRef {
  readonly stack: string;
  readonly address: string;
  /** The REST API's name; "" when known only after apply. */
  readonly name: string;
}

export interface RouteAuth {
  /** API label: the REST API's name (prefixed with the stack when two stacks share a name). */
  readonly api: string;
  /** The API by identity: two versions pair routes by this, never by the label. @default - paired by label */
  readonly apiRef?: ApiRef;
  /** `GET /pets/{petId}`, or the method's address when method or path is not known. */
  readonly route: string;
  readonly address: string;
  readonly type: EffectiveType;
  /** One line for humans: `COGNITO (scopes: petstore/read) + API key`. */
  readonly summary: string;
  /** `authorization_scopes` (Cognito: any one of them must be in the access token). */
  readonly scopes: readonly string[];
  readonly apiKeyRequired: boolean | "unknown";
  readonly authorizer?: AuthorizerFacts;
  /** AWS_IAM: principals whose `execute-api:Invoke` grant covers this method. */
  readonly invokers: readonly string[];
  /** CUSTOM: what the authorizer's bundled route table requires; absent when the table could not be read. */
  readonly requirement?: LambdaRequirement;
  /**
   * Routes behind the edge (EDGE, or NONE / API_KEY because the verifier passes them on): what the Lambda@Edge
   * verifier's bundled edge-config.json requires here; absent when it could not be read (then `edgeUnknown`).
   */
  readonly edge?: EdgeRequirement;
  /** Why the edge verifier's requirement for this route is not known (package not on disk, unreadable, no entry). */
  readonly edgeUnknown?: string;
  /** Why the type is UNKNOWN, when it is. */
  readonly unknownReason?: string;
}

export interface Change {
  readonly severity: Severity;
  /** Stable machine-readable kind, e.g. `auth-removed`: an id of the catalogues in kinds.ts, which give its severity. */
  readonly kind: ChangeKind;
  /** What changed: `petstore-dev GET /pets`, `stage petstore-dev/dev`, `user pool petstore-dev-users`. */
  readonly subject: string;
  readonly message: string;
  /** Blocking changes only: accepted on purpose by an acknowledgement naming the report's digest (`--acknowledge`). */
  readonly acknowledged?: boolean;
  /** Terraform addresses involved (head side first). */
  readonly addresses: readonly string[];
}

export type RouteStatus = "downgraded" | "upgraded" | "changed" | "unchanged" | "added" | "removed";

export interface RouteDiff {
  readonly api: string;
  readonly route: string;
  readonly status: RouteStatus;
  readonly before?: RouteAuth;
  readonly after?: RouteAuth;
  /** The changes about this route (also listed in `changes`). */
  readonly changes: readonly Change[];
}

export interface PlanSummary {
  /** `plan`: from the plan's resource_changes; `derived`: by comparing two configurations (no replacements known). */
  readonly basis: "plan" | "derived";
  readonly creates: readonly string[];
  readonly updates: readonly string[];
  readonly deletes: readonly string[];
  readonly replacements: readonly string[];
}

/** A policy finding on the head, as the policy engine reports it (only the fields the review shows). */
export interface ReviewFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly address?: string;
  readonly route?: string;
  /** Waived by a policy file: shown with its reason, never counted. */
  readonly waived?: string;
  /** The base did not have this finding (the check ran on both sides). @default - had it, or the base was not checked */
  readonly new?: boolean;
}

/** Who could reach one protected target (guard/access/doors.ts) before and after, in one line each. */
export interface TargetReachRow {
  /** `backend \`petstore-dev-backend\``. */
  readonly target: string;
  readonly before: string;
  readonly after: string;
  readonly changed: boolean;
}

export interface ReviewReport {
  readonly version: 1;
  /** `diff` (base vs head) or `plan` (before vs after of one plan). */
  readonly mode: "diff" | "plan";
  readonly base: string;
  readonly head: string;
  readonly routes: readonly RouteDiff[];
  /** Every classified change, blocking first. */
  readonly changes: readonly Change[];
  readonly blocking: number;
  readonly unacknowledgedBlocking: number;
  /** Every blocking change is covered by an acknowledgement of exactly this set (its digest). */
  readonly acknowledged: boolean;
  /** Digest of the exact set of blocking changes ("" when none): what an acknowledgement must name. */
  readonly digest: string;
  /** Acknowledgements given that name another set of changes (stale: given before a push changed the set). */
  readonly staleAcknowledgements: readonly string[];
  /** Changed paths of the pull request that belong to the gate itself (--changed-files). @default - not known */
  readonly gateChanges?: readonly string[];
  /** Rules the policies report below their default severity, with the reasons. */
  readonly loweredSeverities: readonly LoweredSeverity[];
  readonly plan: PlanSummary;
  /** Undefined when no policy check ran. */
  readonly findings?: readonly ReviewFinding[];
  /** Every protected target with who could reach it before and after. @default - not computed */
  readonly targets?: readonly TargetReachRow[];
  /** Notes on what the review could not see (e.g. routes whose authorization is known only after apply). */
  readonly notes: readonly string[];
}
