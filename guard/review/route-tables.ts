// Reads the route tables bundled beside each Lambda authorizer (`route-table.json` inside the function's zip,
// see lambdas/shared/route-table.ts): the groups, scopes, token use and clients a CUSTOM route requires live
// there, not in Terraform. I/O at the edge (`loadRouteTables`); zip and table parsing are pure.
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { inflateRawSync } from "node:zlib";
import type { Model } from "../model";
import { asArray, asObject, isObject } from "../load/json";

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

/** One entry of a zip archive (STORED or DEFLATED), found through the central directory; undefined if absent. */
export function readZipEntry(zip: Buffer, name: string): Buffer | undefined {
  const minEocd = 22;
  let eocd = -1;
  for (let i = zip.length - minEocd; i >= Math.max(0, zip.length - minEocd - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count && p + 46 <= zip.length; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) return undefined;
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entryName = zip.toString("utf8", p + 46, p + 46 + nameLen);
    if (entryName === name) {
      if (zip.readUInt32LE(local) !== 0x04034b50) return undefined;
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      return undefined;
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return undefined;
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
