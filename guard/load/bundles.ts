// Reads `route-table.json` out of Lambda deployment packages referenced by `filename` (relative to the stack
// directory, as cdktf writes them). I/O kept here so the parsers and the model builder stay pure.
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import type { AuthorizerRouteRequirement, AuthorizerRouteTable } from "../model";
import { asArray, asObject, asString, isObject } from "./json";
import type { RawStack } from "./raw";
import { readZipEntry } from "./zip";

const ENTRY = "route-table.json";

function parseTable(text: string, file: string): AuthorizerRouteTable {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { file, problem: `${ENTRY} is not JSON: ${(e as Error).message}` };
  }
  if (!isObject(doc) || !Array.isArray(doc["routes"])) return { file, problem: `${ENTRY} has no routes list` };
  const strings = (v: unknown): string[] => asArray(v).filter((x): x is string => typeof x === "string");
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

/** Attach the route tables of every zip-packaged Lambda function whose package is on disk. */
export function readRouteTables(stack: RawStack, stackFile: string): RawStack {
  const tables = new Map<string, AuthorizerRouteTable>();
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
  }
  return tables.size === 0 ? stack : { ...stack, routeTables: tables };
}
