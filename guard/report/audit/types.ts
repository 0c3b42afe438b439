// The audit's report: the check's report input with the evidence the formats (html.ts, oscal.ts and the check's
// own renderers) add. cli/private/audit/run.ts builds it; the rows below are what the renderers read of the
// reader's and the drift's own records (cli/private/audit/snapshot.ts, drift.ts), which carry more.
import type { Severity } from "../../policy/types";
import type { ReportInput } from "../types";

/** An account the run set out to read (AuditedAccount). */
interface AccountRow {
  /** The role assumed into it (--assume-role-arn). @default - the default credentials */
  readonly roleArn?: string;
  /** @default - unknown */
  readonly account?: string;
  /** Why it could not be entered at all: everything in it is not verified. */
  readonly notVerified?: string;
}

/** What could not be read, so is not verified (Unread). */
interface UnreadRow {
  /** @default - the account of the default credentials */
  readonly account?: string;
  readonly region: string;
  /** A global read (us-east-1 whatever --region says): what it hides concerns every region. */
  readonly global?: true;
  readonly what: string;
  readonly reason: string;
}

/** One difference between the account and the reviewed code (DriftEntry). */
interface DriftRow {
  readonly severity: Severity;
  readonly api?: string;
  readonly subject: string;
  readonly deployed: string;
  readonly code: string;
  readonly message: string;
}

/** One route of the authorization matrix: who can call it as deployed, and what the policy intends. */
export interface MatrixRow {
  /** The audited account and region the API is in: `111122223333 eu-west-1`. */
  readonly where: string;
  readonly api: string;
  readonly route: string;
  readonly address: string;
  /** The review's one-line summary of the deployed authorization: `COGNITO (scopes: petstore/read)`. */
  readonly deployed: string;
  /** The policy's entry in the same words, or why there is none. */
  readonly intended: string;
}

/** What the evidence formats add to the check's report: who, where, when, with what. */
interface AuditMeta {
  readonly account?: string;
  /** Every account set out to read, with the role assumed into it and why it could not be, if it could not. */
  readonly accounts: readonly AccountRow[];
  readonly regions: readonly string[];
  /** ISO 8601, UTC. */
  readonly time: string;
  readonly toolVersion: string;
  /** sha256 over the policy files' own digests (sorted by file): one value naming the exact intent judged against. */
  readonly policyDigest: string;
  readonly plan?: string;
  readonly unread: readonly UnreadRow[];
  readonly codeOnlyRules: Readonly<Record<string, string>>;
  readonly drift: readonly DriftRow[];
  readonly matrix: readonly MatrixRow[];
  readonly sdkCalls: number;
}

export interface AuditReport extends ReportInput {
  readonly audit: AuditMeta;
}
