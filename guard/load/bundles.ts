// Reads what Lambda deployment packages enforce out of them: a Lambda authorizer's `route-table.json` and the
// edge verifier's `edge-config.json`, from packages referenced by `filename` (relative to the stack directory,
// as cdktf writes them). I/O kept here so the parsers and the model builder stay pure.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { EDGE_CONFIG_FILE, readEdgeConfig } from "../../kernel/contracts/edge-config";
import { ContractError } from "../../kernel/contracts/fields";
import { readRouteTable, ROUTE_TABLE_FILE } from "../../kernel/contracts/route-table";
import type { AuthorizerRouteTable, BundleDigest, EdgeConfigTable } from "../model";
import { asString } from "./json";
import type { RawStack } from "./raw";
import { readZipEntry, zipFiles } from "./zip";

const ENTRY = ROUTE_TABLE_FILE;
const EDGE_ENTRY = EDGE_CONFIG_FILE;

/** Read through the bundle's own contract; a file that breaks it is a problem (so its routes are "not verified"). */
function parseTable(text: string, file: string): AuthorizerRouteTable {
  try {
    return { file, routes: readRouteTable(text).routes };
  } catch (e) {
    if (e instanceof ContractError) return { file, problem: e.message };
    throw e;
  }
}

function parseEdgeConfig(text: string, file: string): EdgeConfigTable {
  try {
    const { routes, prefixes, clients, parameterName } = readEdgeConfig(text);
    return { file, routes, prefixes, clients, parameterName };
  } catch (e) {
    if (e instanceof ContractError) return { file, problem: e.message };
    throw e;
  }
}

/**
 * The code identity of a package's files: sha256 over their names and contents in name order, the route table and
 * edge config left out (one definition: the loader, and the check's rebuild from source, use it).
 */
export function codeDigest(files: readonly { readonly name: string; readonly data: Buffer }[]): string {
  const hash = createHash("sha256");
  const code = files.filter((f) => f.name !== ENTRY && f.name !== EDGE_ENTRY);
  for (const f of [...code].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    hash.update(`${f.name}\u0000${f.data.length}\u0000`).update(f.data);
  }
  return hash.digest("hex");
}

/**
 * The code identity of a package: sha256 over its files' names and contents in name order (see BundleDigest).
 * The route table and edge config are left out: the review compares what they require route by route.
 */
function bundleDigest(zip: string): BundleDigest {
  try {
    return { file: zip, digest: codeDigest(zipFiles(readFileSync(zip))) };
  } catch (e) {
    return { file: zip, problem: `cannot read the package: ${(e as Error).message}` };
  }
}

/** Attach the route tables and edge configs of every zip-packaged Lambda function whose package is on disk. */
export function readRouteTables(stack: RawStack, stackFile: string): RawStack {
  const tables = new Map<string, AuthorizerRouteTable>();
  const edge = new Map<string, EdgeConfigTable>();
  const digests = new Map<string, BundleDigest>();
  for (const fn of stack.resources) {
    if (fn.type !== "aws_lambda_function" || fn.mode !== "managed") continue;
    const filename = asString(fn.values["filename"]);
    if (filename === undefined || !filename.endsWith(".zip")) continue;
    const zip = isAbsolute(filename) ? filename : join(dirname(stackFile), filename);
    if (!existsSync(zip)) continue;
    digests.set(fn.address, bundleDigest(zip));
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
    ...(digests.size > 0 ? { bundleDigests: digests } : {}),
  };
}
