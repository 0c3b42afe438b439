// One difference between the deployed account and the reviewed code, as the drift reports it (drift.ts for routes,
// controls and function URLs, drift-cloudfront.ts for distributions). Plain data.
import type { Severity } from "../../../guard/policy/types";

export interface DriftEntry {
  readonly severity: Severity;
  /** The review's change kind (`auth-removed`, `app-client-flow-added`), or `route-not-deployed` / `route-not-in-code`. */
  readonly kind: string;
  readonly api?: string;
  readonly route?: string;
  /** What drifted when it is no route: `user pool petstore-dev-users`, `stage petstore-dev/dev`. */
  readonly subject: string;
  /** The deployed value, in the review's words; "no such route" when the account does not serve it. */
  readonly deployed: string;
  /** The reviewed code's value. */
  readonly code: string;
  readonly message: string;
  /** The live resource's address (or the code's, for what is not deployed). */
  readonly address: string;
}
