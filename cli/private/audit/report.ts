// The audit's report: the check's report input with the evidence the formats (html.ts, oscal.ts and the check's
// own reporters) add, apart from run.ts, which builds it and renders it in each of them.
import type { ReportInput } from "../../../guard/report";
import type { DriftEntry } from "./drift";
import type { AuditedAccount, Unread } from "./snapshot";

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
  readonly accounts: readonly AuditedAccount[];
  readonly regions: readonly string[];
  /** ISO 8601, UTC. */
  readonly time: string;
  readonly toolVersion: string;
  /** sha256 over the policy files' own digests (sorted by file): one value naming the exact intent judged against. */
  readonly policyDigest: string;
  readonly plan?: string;
  readonly unread: readonly Unread[];
  readonly codeOnlyRules: Readonly<Record<string, string>>;
  readonly drift: readonly DriftEntry[];
  readonly matrix: readonly MatrixRow[];
  readonly sdkCalls: number;
}

export interface AuditReport extends ReportInput {
  readonly audit: AuditMeta;
}
