// The HTTP API fixture (fixtures/orders-http.tf.json, every rule passes with orders-http.policy.yaml) and
// edits of it the way a pull request would make them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runRules } from "../../../../guard/engine";
import { modelFromDocument } from "../../../../guard/load";
import { loadPolicies } from "../../../../guard/policy/load";
import { RULES } from "../../../../guard/rules";
import type { PolicySet } from "../../../../guard/policy/types";
import type { Finding } from "../../../../guard/rules/types";

export type Json = Record<string, unknown>;
export type Doc = { resource: Record<string, Record<string, Json>> } & Json;

const FIXTURES = join(__dirname, "fixtures");
export const POLICY_FILE = join(FIXTURES, "orders-http.policy.yaml");

export const ordersHttp = (): Doc => JSON.parse(readFileSync(join(FIXTURES, "orders-http.tf.json"), "utf8")) as Doc;
const ordersPolicy = (): PolicySet => loadPolicies(POLICY_FILE, RULES);
export const NO_POLICY: PolicySet = { policies: [] };

/** The `aws_apigatewayv2_route` with this route key (fails loudly when the fixture changed shape). */
export function route(doc: Doc, key: string): Json {
  const hit = Object.values(doc.resource["aws_apigatewayv2_route"] ?? {}).find((r) => r["route_key"] === key);
  if (hit === undefined) throw new Error(`fixture: no route ${key}`);
  return hit;
}

export const block = (doc: Doc, type: string, name: string): Json => {
  const b = doc.resource[type]?.[name];
  if (b === undefined) throw new Error(`fixture: no ${type}.${name}`);
  return b;
};

export const check = (doc: Doc, policies: PolicySet = ordersPolicy()): Finding[] => [
  ...runRules(modelFromDocument(doc, "orders-http.tf.json"), policies).findings,
];
export const ofRule = (findings: readonly Finding[], rule: string): Finding[] => findings.filter((f) => f.rule === rule);
