// The edge path's parts in the sample prod synth: its one CloudFront distribution, its cache policy, its regional web ACL.
import type { Doc, Json } from "./fixture-types";

function one(doc: Doc, type: string, pred: (r: Json) => boolean = () => true): Json {
  const found = Object.values(doc.resource[type] ?? {}).filter(pred);
  if (found.length !== 1) throw new Error(`fixture: expected one ${type}, found ${found.length}`);
  return found[0] as Json;
}

export const distribution = (doc: Doc): Json => one(doc, "aws_cloudfront_distribution");
export const cachePolicy = (doc: Doc): Json => one(doc, "aws_cloudfront_cache_policy");
export const regionalAcl = (doc: Doc): Json => one(doc, "aws_wafv2_web_acl", (a) => a["scope"] === "REGIONAL");

/** The distribution's default cache behavior (a block object in cdktf output). */
export const defaultBehavior = (doc: Doc): Json => distribution(doc)["default_cache_behavior"] as Json;

/** The first origin's block. */
export const firstOrigin = (doc: Doc): Json => (distribution(doc)["origin"] as Json[])[0] as Json;
