// What a format reader hands to the model builder: resource instances (references absolute, see expressions.ts).
import type { AuthorizerRouteTable, BundleDigest, EdgeConfigTable, ResourceChange, ResourceInstance } from "../model";

export interface RawStack {
  readonly resources: ResourceInstance[];
  readonly changes: ResourceChange[];
  /** Lambda function address -> route table read from its package (filled by the file loader, not the parsers). */
  readonly routeTables?: Map<string, AuthorizerRouteTable>;
  /** Lambda function address -> the edge verifier's baked config read from its package (file loader only). */
  readonly edgeConfigs?: Map<string, EdgeConfigTable>;
  /** Lambda function address -> digest of its package's files (file loader only). */
  readonly bundleDigests?: Map<string, BundleDigest>;
}
