// An API whose OpenAPI `body` cannot be read (known only after apply, or not a document the check reads) has routes
// nobody can list: the check, the coverage, the first run's note and the policy draft say "not verified" for it,
// never "no route". Pure.
import { bodyOf } from "../load/openapi-routes";
import type { RestApi } from "../model";

/** Why the routes `api`'s OpenAPI body declares are unknown; undefined when it has no body or the body was read. */
export function unreadRoutes(api: RestApi): string | undefined {
  const read = bodyOf(api.resource);
  return read === undefined || read.kind === "operations" ? undefined : read.reason;
}
