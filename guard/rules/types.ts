// What a rule is: metadata beside a pure check over the model and the intended-authorization policies.
import type { ResourceFinding } from "../access/lookups";
import type { Model } from "../model";
import type { PolicySet, Severity } from "../policy/types";

/** Ids of the same check in other scanners (see the rule catalogue in docs/rules.md). */
interface Equivalents {
  readonly checkov?: readonly string[];
  readonly kics?: readonly string[];
  readonly trivy?: readonly string[];
  readonly cdkNag?: readonly string[];
  readonly tflint?: readonly string[];
}

/** The address of the finding a crashed rule leaves: it stands for everything the rule did not judge. */
export const ENGINE_ADDRESS = "(engine)";

/** What a rule reports (one definition with the access layer's findings); the engine adds the rule id, severity and waiver. */
export type RuleFinding = ResourceFinding;

/**
 * Something a rule judges (a route, an API, a stage, a user pool, an app client, ...): the JUnit report and the
 * policy tests list one case per rule and subject, passes included. A finding falls on the subject with its address
 * (and file, when both name one).
 */
export interface Subject {
  readonly kind:
    | "route"
    | "api"
    | "policy"
    | "stage"
    | "user-pool"
    | "app-client"
    | "authorizer"
    | "api-key"
    | "deployment"
    | "role"
    | "function"
    /** A resource that holds a secret (rule secret-literal). */
    | "secret-holder";
  readonly address: string;
  /** File the resource came from; tells apart equal addresses of two stacks. */
  readonly file?: string;
  /** API name, when the subject belongs to one. */
  readonly api?: string;
  /** Route key (`GET /pets`), for routes. */
  readonly route?: string;
  /** The policy file that decides it (a route's or an API's), when exactly one does. */
  readonly policyFile?: string;
  /** How a person names it: `petstore-dev GET /pets`, `petstore-dev stage "dev"`. */
  readonly label: string;
}

export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly rationale: string;
  readonly equivalents: Equivalents;
  readonly check: (model: Model, policies: PolicySet) => RuleFinding[];
  /**
   * What the rule judges in this model, for evidence per subject (guard/verdicts.ts); every finding of the rule
   * should fall on one of them. @default - not declared: the rule is reported as a whole, finding by finding
   */
  readonly subjects?: (model: Model, policies: PolicySet) => readonly Subject[];
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly address: string;
  readonly api?: string;
  readonly route?: string;
  /** Which of the rule's findings on this address, API and route it is (RuleFinding's `detail`). */
  readonly detail?: string;
  readonly message: string;
  readonly file?: string;
  /**
   * The stack of a cdktf.out its file belongs to (`petstore-prod`): the same address in two stacks is two resources.
   * @default - a single file, or a finding of no file
   */
  readonly stack?: string;
  /**
   * Set when a policy waiver or a baseline entry (`--baseline`) covers the finding: still reported, never counted for
   * --fail-on. `policyFile` is the file that accepted it; `baseline` is set when that file is a baseline.
   */
  readonly waived?: {
    readonly reason: string;
    readonly policyFile: string;
    readonly baseline?: { readonly owner: string; readonly expires: string };
    /**
     * Set when a policy waiver without `detail` accepted a finding that has one (guard/policy/waivers.ts): the
     * Markdown and the table mark it; the JSON (schemaVersion 3) does not carry it.
     */
    readonly coarse?: true;
  };
}
