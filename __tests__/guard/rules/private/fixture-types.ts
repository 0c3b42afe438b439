// What a rule's fixtures are made of: a base Terraform document the project already tests (with the policy it is
// checked against), and one edit that makes the rule fire (fail) beside a harmless one it must stay silent on (pass).
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";

export type Json = Record<string, unknown>;
export type Doc = { resource: Record<string, Record<string, Json>> } & Json;

const TESTS = join(__dirname, "..", "..", "..");

/** A document the suites already use, with the policy it passes under. */
export interface Base {
  /** Repository-relative path of the document. */
  readonly file: string;
  /** Repository-relative path of the policy file the fixtures are checked against. @default - no policy */
  readonly policy?: string;
  /** Points the base's relative file names (a Lambda package) at their place, from the fixture folder `dir`. */
  readonly prepare?: (doc: Doc, dir: string) => void;
}

const AUTHZ_ZIP = join(TESTS, "guard", "fixtures", "authz.zip");

export const BASES = {
  /** The shop API: every rule quiet under shop.policy.yaml (rules.test.ts). */
  shop: {
    file: "__tests__/guard/fixtures/compliant.tf.json",
    policy: "__tests__/guard/fixtures/shop.policy.yaml",
    // The Lambda authorizer's package (with its route table) lives beside compliant.tf.json.
    prepare: (doc, dir) => {
      const authz = doc.resource["aws_lambda_function"]?.["authz"];
      if (authz !== undefined) authz["filename"] = relative(dir, AUTHZ_ZIP);
    },
  },
  /** The sample's dev stack, synthesized and frozen (the review and access pairs' base). */
  petstoreDev: { file: "__tests__/guard/review/fixtures/synth/petstore-dev.cdk.tf.json", policy: "policies/petstore.yaml" },
  /** The sample's prod stack: CloudFront with the edge verifier, web ACLs, origin protection. */
  // Checked without a policy, as the edge rules' own suite does (the frozen synth predates the EDGE routes of the
  // shipped policy).
  petstoreProd: { file: "__tests__/guard/review/fixtures/synth/petstore-prod.cdk.tf.json" },
  /** An HTTP API (API Gateway v2) with JWT and Lambda authorizers. */
  ordersHttp: {
    file: "__tests__/guard/load/http-api/fixtures/orders-http.tf.json",
    policy: "__tests__/guard/load/http-api/fixtures/orders-http.policy.yaml",
  },
} satisfies Record<string, Base>;

export const readBase = (base: Base): Doc => JSON.parse(readFileSync(join(TESTS, "..", base.file), "utf8")) as Doc;

export interface Edit {
  /** What the edit does, in the reviewer's words (kept in the fixture's "//"). */
  readonly why: string;
  readonly apply?: (doc: Doc) => void;
}

export interface RuleFixtures {
  readonly base: Base;
  /** The edit the rule must catch. */
  readonly fail: Edit;
  /** A harmless twin (or the base as it is) the rule must not report. */
  readonly pass: Edit;
  /** Files the inputs name (a Lambda package), written beside them. @default - none */
  readonly files?: () => Readonly<Record<string, Buffer>>;
  /**
   * The handlers the check rebuilt from source (code digest -> entry), as `check` has them for this project's own
   * cdktf.out; written to source-builds.json. @default - none: the input is not this project's own output
   */
  readonly sourceBuilds?: () => Readonly<Record<string, string>>;
}
