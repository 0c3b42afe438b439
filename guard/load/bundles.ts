// Reads what Lambda deployment packages enforce out of them: a Lambda authorizer's `route-table.json` and the
// edge verifier's `edge-config.json`, from packages referenced by `filename` (relative to the stack directory,
// as cdktf writes them). I/O kept here so the parsers and the model builder stay pure.
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import type { AuthorizerRouteRequirement, AuthorizerRouteTable, EdgeConfigTable, EdgeRouteRequirement } from "../model";
import { asArray, asObject, asString, isObject } from "./json";
import type { RawStack } from "./raw";
import { readZipEntry } from "./zip";

const ENTRY = "route-table.json";
const EDGE_ENTRY = "edge-config.json";
const strings = (v: unknown): string[] => asArray(v).filter((x): x is string => typeof x === "string");

/** A bundled JSON document with a `routes` list, or the one-line reason it is not one. */
function routesDocument(text: string, entry: string): Record<string, unknown> | string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return `${entry} is not JSON: ${(e as Error).message}`;
  }
  return isObject(doc) && Array.isArray(doc["routes"]) ? doc : `${entry} has no routes list`;
}

function parseTable(text: string, file: string): AuthorizerRouteTable {
  const doc = routesDocument(text, ENTRY);
  if (typeof doc === "string") return { file, problem: doc };
  const routes: AuthorizerRouteRequirement[] = asArray(doc["routes"]).map((r) => {
    const o = asObject(r);
    return {
      method: asString(o["method"]) ?? "",
      path: asString(o["path"]) ?? "",
      groups: strings(o["groups"]),
      scopes: strings(o["scopes"]),
      tokenUse: asString(o["tokenUse"]) ?? "",
      clients: o["clients"] === null || o["clients"] === undefined ? null : strings(o["clients"]),
    };
  });
  return { file, routes };
}

function parseEdgeConfig(text: string, file: string): EdgeConfigTable {
  const doc = routesDocument(text, EDGE_ENTRY);
  if (typeof doc === "string") return { file, problem: doc };
  const routes: EdgeRouteRequirement[] = asArray(doc["routes"]).map((r) => {
    const o = asObject(r);
    return {
      method: asString(o["method"]) ?? "",
      path: asString(o["path"]) ?? "",
      mode: asString(o["mode"]) ?? "",
      scopes: strings(o["scopes"]),
      clients: o["clients"] === null || o["clients"] === undefined ? null : strings(o["clients"]),
    };
  });
  const prefixes = asArray(doc["prefixes"]).map((p) => ({ prefix: asString(asObject(p)["prefix"]) ?? "", scopes: strings(asObject(p)["scopes"]) }));
  const clients = doc["clients"] === null || doc["clients"] === undefined ? null : strings(doc["clients"]);
  return { file, routes, prefixes, clients };
}

/** Attach the route tables and edge configs of every zip-packaged Lambda function whose package is on disk. */
export function readRouteTables(stack: RawStack, stackFile: string): RawStack {
  const tables = new Map<string, AuthorizerRouteTable>();
  const edge = new Map<string, EdgeConfigTable>();
  for (const fn of stack.resources) {
    if (fn.type !== "aws_lambda_function" || fn.mode !== "managed") continue;
    const filename = asString(fn.values["filename"]);
    if (filename === undefined || !filename.endsWith(".zip")) continue;
    const zip = isAbsolute(filename) ? filename : join(dirname(stackFile), filename);
    if (!existsSync(zip)) continue;
    try {
      const text = readZipEntry(zip, ENTRY);
      if (text !== undefined) tables.set(fn.address, parseTable(text, zip));
    } catch (e) {
      tables.set(fn.address, { file: zip, problem: `cannot read ${ENTRY}: ${(e as Error).message}` });
    }
    try {
      const text = readZipEntry(zip, EDGE_ENTRY);
      if (text !== undefined) edge.set(fn.address, parseEdgeConfig(text, zip));
    } catch (e) {
      edge.set(fn.address, { file: zip, problem: `cannot read ${EDGE_ENTRY}: ${(e as Error).message}` });
    }
  }
  return {
    ...stack,
    ...(tables.size > 0 ? { routeTables: tables } : {}),
    ...(edge.size > 0 ? { edgeConfigs: edge } : {}),
  };
}
