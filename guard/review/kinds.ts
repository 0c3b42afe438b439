// Every change kind of the review, collected from the catalogues declared beside the comparers (`*-kinds.ts`).
// `ChangeKind` is the union of their ids; a change's severity is its kind's. docs/review.md's kinds tables are
// generated from these catalogues (`npm run docs`), one table per catalogue, in the doc's `<!-- kinds:<name> -->` block.
import { ATTRIBUTE_KINDS } from "./attributes-kinds";
import { BODY_KINDS } from "./bodies-kinds";
import { AUTHORIZER_CODE_KINDS } from "./compare/authorizer-code-kinds";
import { COGNITO_KINDS } from "./compare/cognito-kinds";
import { DOOR_KINDS } from "./compare/doors-kinds";
import { HANDLER_DECIDER_KINDS } from "./compare/handler-deciders-kinds";
import { IDENTITY_MAPPING_KINDS } from "./compare/identity-mapping-kinds";
import { STAGE_SERVING_KINDS } from "./compare/stage-serving-kinds";
import { IAM_KINDS } from "./compare/iam-kinds";
import { IDENTITY_POOL_KINDS } from "./compare/identity-pools-kinds";
import { STAGE_KINDS } from "./compare/stages-kinds";
import { WAF_KINDS } from "./compare/waf-kinds";
import { CONTROL_KINDS, COVERAGE_KINDS, ROUTE_KINDS } from "./diff-kinds";
import type { KindSpec, Severity } from "./kind-catalogue";
import { REGRESSED_KINDS } from "./regressed-kinds";

/** Every catalogue by the name of its table in docs/review.md. A new comparer's catalogue is one line here. */
export const KIND_CATALOGUES = {
  routes: ROUTE_KINDS,
  bodies: BODY_KINDS,
  controls: CONTROL_KINDS,
  coverage: COVERAGE_KINDS,
  iam: IAM_KINDS,
  cognito: COGNITO_KINDS,
  "identity-pools": IDENTITY_POOL_KINDS,
  "authorizer-code": AUTHORIZER_CODE_KINDS,
  "handler-deciders": HANDLER_DECIDER_KINDS,
  waf: WAF_KINDS,
  stages: STAGE_KINDS,
  "identity-mapping": IDENTITY_MAPPING_KINDS,
  "stage-serving": STAGE_SERVING_KINDS,
  doors: DOOR_KINDS,
  attributes: ATTRIBUTE_KINDS,
  regressed: REGRESSED_KINDS,
} as const;

type Catalogues = typeof KIND_CATALOGUES;

/** A change kind: the id of an entry of one of the catalogues. */
export type ChangeKind = { [Name in keyof Catalogues]: keyof Catalogues[Name] }[keyof Catalogues];

/** Every kind with its metadata (a test holds the ids unique across catalogues). */
export const CHANGE_KINDS: Readonly<Record<ChangeKind, KindSpec>> = Object.assign({}, ...Object.values(KIND_CATALOGUES)) as Record<ChangeKind, KindSpec>;

/** A kind's severity; an id no catalogue declares (possible only past the type checker) blocks: fail closed. */
export const severityOf = (kind: ChangeKind): Severity => (Object.hasOwn(CHANGE_KINDS, kind) ? CHANGE_KINDS[kind].severity : "blocking");
