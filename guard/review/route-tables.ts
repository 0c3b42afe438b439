// Reads the route tables bundled beside each Lambda authorizer (`route-table.json` inside the function's zip,
// see lambdas/shared/route-table.ts): the groups, scopes, token use and clients a CUSTOM route requires live
// there, not in Terraform. I/O at the edge (`loadRouteTables`); zip and table parsing are pure.
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import type { Model } from "../model";
import { asArray, asObject, isObject } from "../load/json";
import { zipEntry } from "../load/zip";

export interface LambdaRequirement {
  readonly groups: readonly string[];
  readonly scopes: readonly string[];
  readonly tokenUse: string;
  /** null: every client of the pool. */
  readonly clients: readonly string[] | null;
}

/** `${stack}::${function_name}` -> `METHOD /path` -> requirement. */
export type RouteTables = ReadonlyMap<string, ReadonlyMap<string, LambdaRequirement>>;

export const tableKey = (stack: string, functionName: string): string => `${stack}::${functionName}`;

/** One entry of a zip archive (STORED or DEFLATED); undefined if absent or the archive is unreadable. */
export function readZipEntry(zip: Buffer, name: string): Buffer | undefined {
  try {
    return zipEntry(zip, name);
  } catch {
    return undefined;
  }
}

const strings = (v: unknown): string[] => asArray(v).filter((x): x is string => typeof x === "string");

/** A route table document -> requirements by route key; anything malformed is left out (the route then shows no table). */
export function parseRouteTable(doc: unknown): Map<string, LambdaRequirement> {
  const out = new Map<string, LambdaRequirement>();
  for (const r of asArray(asObject(doc)["routes"])) {
    if (!isObject(r) || typeof r["method"] !== "string" || typeof r["path"] !== "string") continue;
    out.set(`${r["method"]} ${r["path"]}`, {
      groups: strings(r["groups"]).sort(),
      scopes: strings(r["scopes"]).sort(),
      tokenUse: typeof r["tokenUse"] === "string" ? r["tokenUse"] : "any",
      clients: r["clients"] === null || r["clients"] === undefined ? null : strings(r["clients"]).sort(),
    });
  }
  return out;
}

/**
 * Route tables of every Lambda function whose zip (the `filename` attribute, relative to the stack's
 * directory) holds a `route-table.json`. Missing or unreadable zips are skipped: those routes show no table.
 */
export function loadRouteTables(model: Model): RouteTables {
  const tables = new Map<string, ReadonlyMap<string, LambdaRequirement>>();
  for (const fn of model.resources.filter((r) => r.type === "aws_lambda_function" && r.mode === "managed")) {
    const filename = fn.values["filename"];
    const name = fn.values["function_name"];
    if (typeof filename !== "string" || typeof name !== "string") continue;
    const file = isAbsolute(filename) ? filename : join(dirname(fn.source.file), filename);
    let entry: Buffer | undefined;
    try {
      entry = readZipEntry(readFileSync(file), "route-table.json");
    } catch {
      continue;
    }
    if (entry === undefined) continue;
    try {
      tables.set(tableKey(fn.source.stack, name), parseRouteTable(JSON.parse(entry.toString("utf8"))));
    } catch {
      continue;
    }
  }
  return tables;
}
