// The classification of every in-scope provider attribute (one table per service, types.ts for the classes), and
// the one lookup the review and the tests use. Patterns that hold for every type come first: tags, timeouts, ids
// and attributes only the provider computes cannot change who gets in.
import { API_GATEWAY } from "./apigateway";
import { API_GATEWAY_V2 } from "./apigatewayv2";
import { CLOUDFRONT_TYPES } from "./cloudfront";
import { COGNITO_TYPES } from "./cognito";
import { IAM_TYPES } from "./iam";
import { LAMBDA } from "./lambda";
import { pathKind } from "./schema";
import { SSM } from "./ssm";
import type { Classification, TypeTable } from "./types";
import { WAF_TYPES } from "./wafv2";

export type { Classification, Widens } from "./types";

export const TABLES: Readonly<Record<string, TypeTable>> = {
  ...API_GATEWAY,
  ...API_GATEWAY_V2,
  ...LAMBDA,
  ...COGNITO_TYPES,
  ...IAM_TYPES,
  ...CLOUDFRONT_TYPES,
  ...WAF_TYPES,
  ...SSM,
};

/** Patterns for every type, by the path's last segment or first segment. */
const TAGS: Classification = { class: "neutral", why: "tags label resources for billing and search; no policy of this project conditions on them" };
const TIMEOUTS: Classification = { class: "neutral", why: "how long Terraform waits for an operation" };
const ID: Classification = { class: "neutral", why: "Terraform's identity of the resource: the review pairs resources by it" };
const COMPUTED: Classification = {
  class: "neutral",
  why: "computed by the provider, never configured: it follows from the attributes that are, which are classified",
};

/** How a path is covered: `entry` (its own), `pattern` (a `block.*` above it), `global` or undefined. */
export type Coverage = { readonly by: "entry" | "pattern" | "global"; readonly classification: Classification };

function globalClass(type: string, path: string): Classification | undefined {
  const first = path.split(".")[0];
  const last = path.slice(path.lastIndexOf(".") + 1);
  if (last === "tags" || last === "tags_all") return TAGS;
  if (first === "timeouts") return TIMEOUTS;
  if (path === "id") return ID;
  if (pathKind(type, path) === "c") return COMPUTED;
  return undefined;
}

/** The classification of one path (classifiedPath) of a type, and what covers it; undefined: unclassified. */
export function coverage(type: string, path: string): Coverage | undefined {
  const table = TABLES[type];
  const own = table?.[path];
  if (own !== undefined) return { by: "entry", classification: own };
  const g = globalClass(type, path);
  if (g !== undefined) return { by: "global", classification: g };
  if (table === undefined) return undefined;
  // The nearest `block.*` above the path (its own block included).
  for (let end = path.length; end > 0; end = path.lastIndexOf(".", end - 1)) {
    const hit = table[`${path.slice(0, end)}.*`];
    if (hit !== undefined) return { by: "pattern", classification: hit };
  }
  return undefined;
}

const UNCLASSIFIED: Classification = {
  class: "not-verified",
  why: "not in the classification (a provider attribute newer than the committed list, or an unknown key): fails closed",
};

/** The class the review applies: unclassified paths are not verified. */
export const classify = (type: string, path: string): Classification => coverage(type, path)?.classification ?? UNCLASSIFIED;

/** A type the model reads: some attribute of it is modelled or judged by a rule. */
export function typeIsModelled(type: string): boolean {
  return Object.values(TABLES[type] ?? {}).some((c) => c.class === "modelled" || c.class === "rule");
}
