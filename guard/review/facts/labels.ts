// Labels and normalizers the other facts share: how a value is shown, API labels (name, then stack or address when
// names repeat), and references rewritten to what they point at. Pure: a Model in, plain data out.
import { isUnknown, stackOf, type Model, type Val } from "../../model";

/** A value for display and comparison: Unknown becomes `(known after apply: expr)`. */
export const valueText = (v: Val<unknown> | undefined): string => {
  if (v === undefined || v === null) return "";
  if (isUnknown(v)) return v.expression === undefined ? "(known after apply)" : `(known after apply: ${v.expression})`;
  return typeof v === "string" ? v : JSON.stringify(v);
};

/** API labels: the REST API's name; prefixed by the stack only when two stacks use the same name. */
/**
 * @param disambiguate add the address to APIs sharing a name; off for execute-api grant patterns, which AWS
 *   writes by API id: a same-named newcomer must not change the text of the first API's grants
 */
export function apiLabeller(model: Model, disambiguate = true): (stack: string, apiAddress: string | undefined, name: Val<string>) => string {
  const stacksByName = new Map<string, Set<string>>();
  // API Gateway allows several APIs with one name: labelled by name alone, their routes would share keys and
  // one API's downgrade could hide behind the other's unchanged route. Such APIs also carry their address.
  const addressesByStackName = new Map<string, Set<string>>();
  for (const api of model.apis) {
    if (typeof api.name !== "string") continue;
    const set = stacksByName.get(api.name) ?? new Set<string>();
    set.add(stackOf(api));
    stacksByName.set(api.name, set);
    const k = `${stackOf(api)}\u0000${api.name}`;
    addressesByStackName.set(k, (addressesByStackName.get(k) ?? new Set<string>()).add(api.address));
  }
  return (stack, apiAddress, name) => {
    const base = typeof name === "string" ? name : `(API ${apiAddress ?? "unresolved"})`;
    const shared = disambiguate && typeof name === "string" && (addressesByStackName.get(`${stack}\u0000${name}`)?.size ?? 0) > 1;
    const own = shared ? `${base} (${apiAddress ?? "unresolved"})` : base;
    return (stacksByName.get(base)?.size ?? 0) > 1 && stack !== "" ? `${stack}/${own}` : own;
  };
}

export const unknownName: Val<string> = { unknown: true };

const NAME_ATTRS = ["name", "function_name", "stage_name", "identifier", "bucket"];

/**
 * References by what they point at, not by Terraform address: `${aws_iam_role.fn_D90E.arn}` becomes
 * `aws_iam_role[petstore-dev-group-role-role].arn`, so renaming a construct changes nothing in the review.
 */
export function referenceNormalizer(model: Model): (stack: string, text: string) => string {
  const byResource = new Map(model.resources.map((r) => [`${r.source.stack}::${r.address}`, r]));
  const semantic = (stack: string, addr: string): string | undefined => {
    const r = byResource.get(`${stack}::${addr}`);
    if (r === undefined) return undefined;
    const name = NAME_ATTRS.map((a) => r.values[a]).find((v): v is string => typeof v === "string" && v !== "");
    return `${r.type}[${name ?? r.address}]`;
  };
  return (stack, text) =>
    text
      .replace(/\$\{([a-z0-9_]+\.[^.}\s]+)\.([a-z_]+)\}/g, (whole, addr: string, attr: string) => {
        const s = semantic(stack, addr);
        return s === undefined ? whole : `\${${s}.${attr}}`;
      })
      .replace(/^([a-z0-9_]+\.[^.\s]+)\.([a-z_]+)$/, (whole, addr: string, attr: string) => {
        const s = semantic(stack, addr);
        return s === undefined ? whole : `${s}.${attr}`;
      });
}
