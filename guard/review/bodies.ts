// OpenAPI bodies in the review: their operations are routes compared one by one like method resources (see
// guard/load/openapi-routes.ts); what is left here is a head body that cannot be read, whose routes nobody sees.
import { bodyOf, BODY_APIS } from "../load/openapi-routes";
import type { Model } from "../model";
import { change } from "./change";
import type { Change } from "./types";

/**
 * A head body known only after apply or unreadable blocks, every time: its routes (and what they became) are
 * not visible, even when the base's text was the same (a templatefile's file can change without it).
 */
export function compareBodies(_base: Model, head: Model): Change[] {
  const out: Change[] = [];
  for (const a of head.apis) {
    if (BODY_APIS[a.resource.type] === undefined) continue;
    const read = bodyOf(a.resource);
    if (read === undefined || read.kind === "operations") continue;
    const name = typeof a.name === "string" ? a.name : a.address;
    const subject = `${a.resource.source.stack !== "" ? `${a.resource.source.stack}/` : ""}${name}`;
    out.push(
      change(
        "openapi-body-unverifiable",
        subject,
        `${read.reason}: the routes the OpenAPI body of API ${name} declares and their authorization are not visible to this review; read the body by hand`,
        [a.address],
      ),
    );
  }
  return out;
}
