// The route table a Lambda authorizer enforces: generated from the access spec at synth time
// (spec/route-table.ts) and bundled beside the handler as `route-table.json`.
// Types only: shared by the synth side and the Lambda bundle.

export interface RouteRequirement {
  /** API Gateway HTTP method, or ANY. */
  readonly method: string;
  /** Resource path as declared, e.g. `/pets/{petId}` or `/files/{proxy+}`. */
  readonly path: string;
  /** The caller must be in at least one of these groups (`cognito:groups`); empty = no group needed. */
  readonly groups: readonly string[];
  /** The token must carry at least one of these scopes; empty = no scope needed. */
  readonly scopes: readonly string[];
  /** Which token types are accepted. */
  readonly tokenUse: "access" | "id" | "any";
  /** Client names (keys of the CLIENT_IDS map) allowed; null = every client of the pool. */
  readonly clients: readonly string[] | null;
}

export interface RouteTable {
  /** Name of the authorizer in the spec. */
  readonly authorizer: string;
  /** Every route this authorizer guards. */
  readonly routes: readonly RouteRequirement[];
  /** Whether the API takes its API key from the authorizer (`api_key_source = AUTHORIZER`). */
  readonly apiKeyFromAuthorizer: boolean;
}
