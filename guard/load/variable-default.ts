// Whether a variable's `default` is a literal the configuration writes into a value: it is set, it is not empty,
// and (in a plan) it is the value Terraform used. An empty default writes nothing; a plan whose
// `variables.<name>.value` differs from the default took the value from outside the configuration (-var, TF_VAR_,
// a .tfvars file). Pure.
import { REDACTED } from "./redacted";
import { isObject, type JsonObject } from "./json";

const isEmpty = (v: unknown): boolean => v === "" || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

/** JSON text with object keys sorted and scalars as text (`default = 5` of a string variable is used as "5"). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  return JSON.stringify(v === null ? null : String(v));
}

/**
 * `decl` is the variable's declaration (`default`, ...), `given` the plan's `variables.<name>` (`value`), absent in
 * cdk.tf.json or when the plan does not list it. A redacted plan replaces a sensitive variable's value and default
 * with one marker: they cannot be compared, so the default is taken as used (reported, never passed unseen).
 */
export function defaultIsUsedLiteral(decl: JsonObject, given?: JsonObject): boolean {
  if (!("default" in decl)) return false;
  const fallback = decl["default"];
  if (fallback === null || fallback === undefined || isEmpty(fallback)) return false;
  if (given === undefined || !("value" in given)) return true;
  const value = canonical(given["value"]);
  const written = canonical(fallback);
  if (value.includes(JSON.stringify(REDACTED)) || written.includes(JSON.stringify(REDACTED))) return true;
  return value === written;
}
