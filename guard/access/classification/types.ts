// The classes of the provider-attribute classification: what the review does when an attribute changes.
// Plain data; the tables are one module per service beside this one.

/**
 * In which direction a change lets more callers in, as more, or hands them more:
 * `any` an attribute with no order (any change widens), `removal` unset or emptied widens, `larger` a higher
 * number widens, `smaller` a lower number widens, `adding` a value more in a list, set or map widens,
 * `enabling` false → true widens, `disabling` true → false widens. `judged`: the module's comparer judges every
 * change of it in context (a WAF chain, an IAM document, a route template) and its silence is its verdict; used only
 * where the meaning lies in the combination of values, which no per-attribute direction can capture.
 */
export type Widens = "any" | "removal" | "larger" | "smaller" | "adding" | "enabling" | "disabling" | "judged";

export type Classification =
  /** The effective-access model reads it; `module` judges it, `widens` decides when that module says nothing. */
  | { readonly class: "modelled"; readonly module: string; readonly widens: Widens }
  /** A check rule judges it; `widens` decides in the review when no comparer spoke for the resource. */
  | { readonly class: "rule"; readonly rule: string; readonly widens: Widens }
  /** Cannot change who gets in, as whom, what they receive or what is recorded about them. */
  | { readonly class: "neutral"; readonly why: string }
  /** Can change access and nothing models it: every change blocks as "not verified" until acknowledged. */
  | {
      readonly class: "not-verified";
      readonly why: string;
      /** Judged on new resources of a modelled type too. @default - only on resources both versions have */
      readonly evenWhenNew?: true;
      /** List elements that open nothing (a client's own `COGNITO` users): left out before comparing. @default none */
      readonly quiet?: readonly string[];
    };

/** One resource type's entries: a path, or `path.*` for a block and everything under it. */
export type TypeTable = Readonly<Record<string, Classification>>;

const entries = (paths: readonly string[], c: Classification): Record<string, Classification> => Object.fromEntries(paths.map((p) => [p, c]));

/** Read by `module`, widening as `widens`. */
export const modelled = (module: string, widens: Widens, paths: readonly string[]) => entries(paths, { class: "modelled", module, widens });
/** Judged by check rule `rule`. */
export const rule = (ruleId: string, widens: Widens, paths: readonly string[]) => entries(paths, { class: "rule", rule: ruleId, widens });
export const neutral = (why: string, paths: readonly string[]) => entries(paths, { class: "neutral", why });
export const notVerified = (why: string, paths: readonly string[]) => entries(paths, { class: "not-verified", why });
/**
 * Not verified, and judged on new resources of a modelled type too (whose creation the comparers otherwise judge):
 * set on a new resource, the value alone opens something (a federated provider, an overwritten parameter).
 */
export const notVerifiedEvenWhenNew = (why: string, paths: readonly string[], quiet?: readonly string[]) =>
  entries(paths, { class: "not-verified", why, evenWhenNew: true, ...(quiet !== undefined ? { quiet } : {}) });

// The modules that read attributes, named once.
export const ROUTES = "guard/review/facts/routes.ts";
export const ROUTE_SHAPE = "guard/load/views/rest/resource-path.ts";
export const HTTP_API = "guard/load/views/http-api";
export const OPENAPI = "guard/load/openapi.ts";
export const STAGES = "guard/access/stages.ts";
export const IAM = "guard/access/iam.ts";
export const COGNITO = "guard/access/cognito.ts";
export const IDENTITY_POOLS = "guard/access/identity-pools.ts";
export const WAF = "guard/access/waf.ts";
export const ORIGIN = "guard/access/origin.ts";
export const CLOUDFRONT = "guard/access/cloudfront.ts";
/** The effective-access graph: doors to each backend (guard/access/doors/). */
export const DOORS = "guard/access/doors.ts";
export const CODE = "guard/access/authorizer-code.ts";
export const IDENTITY = "guard/review/facts/identity.ts";
const GRANTS = "guard/review/facts/grants.ts";
export const RESOURCE_POLICY = "guard/access/resource-policy.ts";
/** Who the backend thinks the caller is: every value an integration hands the backend, with its source. */
export const IDENTITY_MAPPING = "guard/access/identity-mapping.ts";
/** What a stage serves: its deployment, a canary's deployment, share and variables. */
export const STAGE_SERVING = "guard/access/stage-serving.ts";

/** Every module a table names (the test checks each exists). */
export const MODULES = [
  ROUTES,
  ROUTE_SHAPE,
  HTTP_API,
  OPENAPI,
  STAGES,
  IAM,
  COGNITO,
  IDENTITY_POOLS,
  WAF,
  ORIGIN,
  CLOUDFRONT,
  CODE,
  IDENTITY,
  GRANTS,
  RESOURCE_POLICY,
  IDENTITY_MAPPING,
  STAGE_SERVING,
];

// Reasons used by many types.
export const NAME = "a resource's own name or label: references follow the resource, not the text";
export const PARENT = "which parent the resource belongs to: a move is a new resource in the parent, judged there";
export const DOC = "documentation or display text: read by people, not by API Gateway, Cognito or IAM";
export const LIFECYCLE = "how Terraform creates, replaces or deletes the resource; never what a caller can do";
export const NOT_MODELLED = "can change what callers reach or how they are identified; no module of the review reads it";
