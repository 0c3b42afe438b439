// Parses IAM policy documents from JSON strings (possibly carrying `${...}` interpolations, kept verbatim in
// the values) into PolicyDocument. A document computed by an expression stays Unknown; bad JSON is a parse error.
import { parseDataText } from "../../kernel/io/data-file";
import { isUnknown, unknownValue, type PolicyCondition, type PolicyDocument, type PolicyPrincipal, type PolicyStatement, type Val } from "../model";
import { asArray, asObject, asString, isObject } from "./json";

export interface ParsedPolicy {
  readonly document: Val<PolicyDocument>;
  readonly parseError?: string;
}

/**
 * Strings as-is; a cdk.tf.json interpolation is kept as its template text (rules judge its shape); a value a plan
 * knows only after apply stays Unknown (its expression is a reference, never the value: "aws_x.y.id" is no literal).
 */
function one(x: unknown): Val<string> | undefined {
  if (typeof x === "string") return x;
  if (isUnknown(x)) return x.expression !== undefined && x.expression.includes("${") ? x.expression : x;
  return undefined;
}

const strings = (v: unknown): Val<string>[] => (Array.isArray(v) ? v : [v]).map(one).filter((x): x is Val<string> => x !== undefined);

function principals(v: unknown): PolicyPrincipal[] {
  if (v === undefined || v === null) return [];
  if (v === "*") return [{ type: "*", ids: ["*"] }];
  return Object.entries(asObject(v)).map(([type, ids]) => ({ type, ids: strings(ids) }));
}

function conditions(v: unknown): PolicyCondition[] {
  const out: PolicyCondition[] = [];
  for (const [operator, byKey] of Object.entries(asObject(v))) {
    for (const [key, values] of Object.entries(asObject(byKey))) {
      out.push({ operator, key, values: typeof values === "boolean" ? [String(values)] : strings(values) });
    }
  }
  return out;
}

function statement(s: unknown): PolicyStatement {
  const o = asObject(s);
  const sid = asString(o["Sid"]);
  return {
    ...(sid !== undefined ? { sid } : {}),
    effect: asString(o["Effect"]) ?? "",
    actions: strings(o["Action"]),
    notActions: strings(o["NotAction"]),
    resources: strings(o["Resource"]),
    notResources: strings(o["NotResource"]),
    principals: principals(o["Principal"]),
    notPrincipals: principals(o["NotPrincipal"]),
    conditions: conditions(o["Condition"]),
  };
}

export function documentFromJson(doc: unknown): PolicyDocument {
  const st = asObject(doc)["Statement"];
  return { statements: (Array.isArray(st) ? st : isObject(st) ? [st] : []).map(statement) };
}

/** A policy attribute value: JSON string, Unknown (template or expression), or absent. */
export function parsePolicy(v: unknown): ParsedPolicy {
  let text: string | undefined;
  if (typeof v === "string") text = v;
  else if (isUnknown(v)) {
    // A JSON template with interpolations inside (cdktf's JSON.stringify with tokens) is still readable;
    // a whole `${jsonencode(...)}` or `${data...json}` expression is not evaluated.
    const e = v.expression;
    if (e === undefined || !e.trimStart().startsWith("{")) return { document: v };
    text = e;
  } else if (isObject(v)) return { document: documentFromJson(v) };
  else return { document: unknownValue() };
  // The one data reader: bounded nesting, and a repeated key (two "Effect"s) is an error, not "the last one wins".
  const parsed = parseDataText(text, "json");
  if (!parsed.ok) return { document: unknownValue(text), parseError: `policy is not valid JSON: ${parsed.message}` };
  if (!isObject(parsed.data)) return { document: unknownValue(text), parseError: "policy is not a JSON object" };
  return { document: documentFromJson(parsed.data) };
}

/** `data.aws_iam_policy_document` statement blocks, as Terraform writes them. */
export function documentFromDataSource(values: Readonly<Record<string, unknown>>): PolicyDocument {
  const pr = (v: unknown): PolicyPrincipal[] =>
    asArray(v).map((p) => {
      const o = asObject(p);
      return { type: asString(o["type"]) ?? "", ids: strings(o["identifiers"]) };
    });
  const st = asArray(values["statement"]).map((s): PolicyStatement => {
    const o = asObject(s);
    const sid = asString(o["sid"]);
    return {
      ...(sid !== undefined ? { sid } : {}),
      effect: asString(o["effect"]) ?? "Allow",
      actions: strings(o["actions"]),
      notActions: strings(o["not_actions"]),
      resources: strings(o["resources"]),
      notResources: strings(o["not_resources"]),
      principals: pr(o["principals"]),
      notPrincipals: pr(o["not_principals"]),
      conditions: asArray(o["condition"]).map((c) => {
        const co = asObject(c);
        return { operator: asString(co["test"]) ?? "", key: asString(co["variable"]) ?? "", values: strings(co["values"]) };
      }),
    };
  });
  return { statements: st };
}
