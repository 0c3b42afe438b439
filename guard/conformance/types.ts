// Conformance after deploy: what a caller presents, what the spec and the policy say it should get on a route, what
// the deployed API answered, and the verdict. Data only; the decisions are expect.ts, observe.ts and judge.ts.

/** The credential classes, in the order reports list them. */
export const CREDENTIAL_CLASSES = [
  "none",
  "malformed",
  "expired",
  "wrong-scope",
  "client-credentials",
  "id-token",
  "access-token",
  "sigv4",
  "api-key",
] as const;
export type CredentialClass = (typeof CREDENTIAL_CLASSES)[number];

/** What a token carries, as the tool read it from the token it holds (unverified: it is the caller's own token). */
export interface TokenFacts {
  readonly tokenUse: "access" | "id";
  readonly scopes: readonly string[];
  readonly groups: readonly string[];
  /** The spec's name of the token's app client; undefined when the tool cannot tell. */
  readonly clientName: string | undefined;
}

/** The Authorization part of a request, as far as the decision needs it. */
export type Presented =
  | { readonly kind: "nothing" }
  /** `Bearer` and a value that is no JWT. */
  | { readonly kind: "garbage" }
  /** A JWT no key of the pool signed (the crafted expired token). */
  | { readonly kind: "forged" }
  /** A token the pool issued (client_credentials, or given by the user). */
  | { readonly kind: "token"; readonly facts: TokenFacts }
  /** SigV4 with real credentials; `roleName` undefined when the principal is not known. */
  | { readonly kind: "sigv4"; readonly roleName: string | undefined };

/** One request's credentials: the Authorization part plus whether the API key goes along. */
export interface Credential {
  readonly presented: Presented;
  readonly apiKey: boolean;
}

/** Where the requests enter: the stage's own URL, or CloudFront in front of it. */
export type Entry = "stage" | "cloudfront";

export type Expectation =
  | { readonly kind: "admit"; readonly why: string }
  | { readonly kind: "deny"; readonly why: string }
  /** Neither the spec nor the policy says what this caller gets (never a pass). */
  | { readonly kind: "unjudged"; readonly why: string };

/** What an answer means: the caller got past authentication and authorization, was refused, or nobody can tell. */
type Outcome = "reached" | "denied" | "inconclusive";

export interface Observation {
  readonly outcome: Outcome;
  /** HTTP status; undefined when no answer came (timeout, refused connection). */
  readonly status?: number;
  /** API Gateway's `x-amzn-ErrorType`, when present. */
  readonly errorType?: string;
  /**
   * Who refused a denied call: API Gateway (`x-amzn-ErrorType`), the edge verifier (a `WWW-Authenticate`
   * challenge), or the backend (a 401/403 neither signed: the gateway let the caller through).
   */
  readonly refusedBy?: "gateway" | "edge" | "backend";
  /** Why the outcome is what it is (e.g. `403 from the backend, not the gateway`). */
  readonly note: string;
}

/**
 * pass: the answer is what the spec and policy say. exposed: reached by a caller they exclude. locked-out: refused a
 * caller they admit. inconclusive: no answer to judge. unjudged: nobody says what this caller should get. not-tested:
 * the class could not be obtained or the method is not called. n/a: the class means nothing on this route.
 */
export type Verdict = "pass" | "exposed" | "locked-out" | "inconclusive" | "unjudged" | "not-tested" | "n/a";

/** Verdicts that fail a run, most severe first; `--fail-on` picks how far down the list fails. */
export const FAILING_VERDICTS = ["exposed", "locked-out", "inconclusive"] as const;
export type FailingVerdict = (typeof FAILING_VERDICTS)[number];

export interface CaseResult {
  /** `GET /pets/{petId}` */
  readonly route: string;
  readonly credential: CredentialClass;
  /** The method and path called (`GET /pets/x`); undefined when nothing was called. */
  readonly request?: string;
  readonly expected?: Expectation;
  readonly observed?: Observation;
  readonly verdict: Verdict;
  /** One line: why this verdict. */
  readonly detail: string;
}

export interface ConformanceReport {
  readonly url: string;
  /** `petstore-dev` */
  readonly stack: string;
  readonly entry: Entry;
  /** Policy files that judged, or a note that the spec alone did. */
  readonly judgedBy: string;
  readonly results: readonly CaseResult[];
  readonly failOn: FailingVerdict;
  /** Run-wide notes (a class not obtained and why, policy lookups). */
  readonly notes: readonly string[];
}
