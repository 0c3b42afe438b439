// Terraform address and reference parsing: `module.a["k"].aws_x.y[0]` and `aws_x.y.id` / `data.aws_x.y[0].json`.

export interface ParsedAddress {
  /** Module instance path, `module.a["k"]`, or "". */
  readonly modulePath: string;
  /** Module path with instance keys removed, `module.a`, or "". */
  readonly moduleConfigPath: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  /** Attribute after the resource (references only): `id`, `root_resource_id`. */
  readonly attribute?: string;
}

/** Split on dots that are outside brackets and quotes. */
function segments(address: string): string[] {
  const out: string[] = [];
  let cur = "";
  let depth = 0;
  let inQuote = false;
  for (let i = 0; i < address.length; i++) {
    const c = address[i];
    if (inQuote) {
      cur += c;
      if (c === "\\") {
        cur += address[++i] ?? "";
      } else if (c === '"') inQuote = false;
      continue;
    }
    if (c === '"') inQuote = true;
    else if (c === "[") depth++;
    else if (c === "]") depth--;
    if (c === "." && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** `name[0]` -> ["name", 0]; `name["k"]` -> ["name", "k"]; other index expressions -> ["name", undefined, expr]. */
function splitIndex(seg: string): { base: string; index?: number | string; indexExpr?: string } {
  const open = seg.indexOf("[");
  if (open < 0 || !seg.endsWith("]")) return { base: seg };
  const base = seg.slice(0, open);
  const inner = seg.slice(open + 1, -1);
  if (/^\d+$/.test(inner)) return { base, index: Number(inner) };
  if (inner.startsWith('"') && inner.endsWith('"')) {
    try {
      const key: unknown = JSON.parse(inner);
      if (typeof key === "string") return { base, index: key };
    } catch {
      // fall through: not a literal key
    }
  }
  return { base, indexExpr: inner };
}

export function parseAddress(address: string): ParsedAddress | undefined {
  const segs = segments(address);
  const mods: string[] = [];
  const modCfg: string[] = [];
  let i = 0;
  while (i + 1 < segs.length && segs[i] === "module") {
    mods.push(`module.${segs[i + 1]}`);
    modCfg.push(`module.${splitIndex(segs[i + 1]).base}`);
    i += 2;
  }
  let mode: "managed" | "data" = "managed";
  if (segs[i] === "data") {
    mode = "data";
    i++;
  }
  if (i + 1 >= segs.length) return undefined;
  const type = segs[i];
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(type)) return undefined;
  const { base: name, index, indexExpr } = splitIndex(segs[i + 1]);
  if (indexExpr !== undefined || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
    if (indexExpr === undefined) return undefined;
  }
  const attribute = segs.length > i + 2 ? segs.slice(i + 2).join(".") : undefined;
  return {
    modulePath: mods.join("."),
    moduleConfigPath: modCfg.join("."),
    mode,
    type,
    name,
    ...(index !== undefined ? { index } : {}),
    ...(attribute !== undefined ? { attribute } : {}),
  };
}

/** Whether an address names module calls only (`module.routes`, `module.a["k"].module.b`): a depends_on entry may. */
export function isModuleCall(address: string): boolean {
  const parts = segments(address);
  return parts.length % 2 === 0 && parts.every((p, i) => (i % 2 === 0 ? p === "module" : /^[A-Za-z_][\w-]*(\[[^\]]*\])?$/.test(p)));
}

export function formatIndex(index: number | string | undefined): string {
  if (index === undefined) return "";
  return typeof index === "number" ? `[${index}]` : `[${JSON.stringify(index)}]`;
}

/** `module.a.aws_x.y` / `data.aws_x.y` for a resource in a module path. */
export function configAddressOf(moduleConfigPath: string, mode: "managed" | "data", type: string, name: string): string {
  const local = `${mode === "data" ? "data." : ""}${type}.${name}`;
  return moduleConfigPath === "" ? local : `${moduleConfigPath}.${local}`;
}

// A resource reference inside `${...}`: optional data., a provider-prefixed type (always has an underscore),
// a name, an optional index, then attributes.
const REF_RE = /(?<![\w.])(?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g;
const VAR_RE = /(?<![\w.])var\.[A-Za-z_][A-Za-z0-9_-]*/g;
/** The bodies of `${...}` interpolations, braces balanced (cdktf nests `${jsonencode({...})}`). */
export function interpolations(s: string): string[] {
  const out: string[] = [];
  let i = s.indexOf("${");
  while (i >= 0) {
    let depth = 1;
    let j = i + 2;
    for (; j < s.length && depth > 0; j++) {
      if (s[j] === "{") depth++;
      else if (s[j] === "}") depth--;
    }
    out.push(s.slice(i + 2, j - 1));
    i = s.indexOf("${", j);
  }
  return out;
}

/** References found in the `${...}` interpolations of a string (cdk.tf.json). */
export function referencesInString(s: string): string[] {
  if (!s.includes("${")) return [];
  const out: string[] = [];
  for (const expr of interpolations(s)) {
    for (const r of expr.matchAll(REF_RE)) out.push(r[0]);
    for (const r of expr.matchAll(VAR_RE)) out.push(r[0]);
  }
  return out;
}
