// A corpus project's two hand-written files in projects/<name> (tracked; the fetched ones are in sources.ts's folder),
// read strictly: manifest.json (where the Terraform came from, its licence, the offline edits, how to plan it) and
// expected.json (the reviewed findings, non-findings and known false positives). A malformed file fails the suite
// with the file and the field named, never an empty expectation.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDataText } from "../../../kernel/io/data-file";

const CORPUS_DIR = join(__dirname, "..", "projects");
export const projectDir = (name: string): string => join(CORPUS_DIR, name);

/** Licences the corpus may hold (permissive only); the licence text sits beside the files as LICENSE. */
const LICENCES = ["MIT", "MIT-0", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause"] as const;

interface Origin {
  readonly repository: string;
  readonly path: string;
  readonly commit: string;
  readonly licence: (typeof LICENCES)[number];
}

export interface Manifest {
  readonly source: Origin;
  /** Remote modules copied into tf/, each from a fetched snapshot. */
  readonly vendored: readonly (Origin & { readonly into: string })[];
  /** Every change made to the upstream files so the project plans offline, one sentence each. */
  readonly edits: readonly string[];
  /** Folder inside tf/ that terraform plans. */
  readonly root: string;
  /** `aws` provider configurations of the root module: "aws" and each alias ("aws.us_east_1" is written "us_east_1"). */
  readonly providers: readonly string[];
  /** Region for a provider block that leaves it to the environment. */
  readonly region: string;
  /** Values for required variables without a default (none of the upstream files are changed for them). */
  readonly variables: Readonly<Record<string, unknown>>;
  /** Re-planned by the integration test on every run (the others only by the regeneration script). */
  readonly replan: boolean;
}

/**
 * What the check says about one subject: `rule` on `subject` (the finding's address, then its route if any), and,
 * where one rule can say two different things about the same subject, a fragment of the message (`says`).
 */
export interface Judged {
  readonly rule: string;
  readonly subject: string;
  readonly says?: string;
  readonly why: string;
}

export interface Expected {
  /** The security engineer's summary of the project. */
  readonly verdict: string;
  /** Real weaknesses the check must report. */
  readonly findings: readonly Judged[];
  /** Findings the check must not report, each with why it would be wrong. */
  readonly nonFindings: readonly Judged[];
  /** Reported today but wrong: kept apart so the test still fails when they change, and fixed in the check, not here. */
  readonly knownFalsePositives: readonly Judged[];
  /** Real weaknesses the check does not report today: the test fails when one appears, so it moves to `findings`. */
  readonly knownMissed: readonly Judged[];
  /** The reviewed `--init-policy` drafts (files in policy/), with what a reviewer must know about them. */
  readonly draft: { readonly review: string; readonly knownProblems: readonly string[] };
}

/** What projects/<name> may hold: our own files only (the fetched ones never enter the tracked tree). */
export const OWN_FILES = ["manifest.json", "expected.json", "policy"] as const;

export function projectNames(): string[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function readJson(file: string): Record<string, unknown> {
  if (!existsSync(file)) throw new Error(`${file}: missing`);
  const r = parseDataText(readFileSync(file, "utf8"), "json", { duplicateKeys: "error" });
  if (!r.ok) throw new Error(`${file}: ${r.message}`);
  if (typeof r.data !== "object" || r.data === null || Array.isArray(r.data)) throw new Error(`${file}: not an object`);
  return r.data as Record<string, unknown>;
}

function str(file: string, o: Record<string, unknown>, key: string): string {
  const v = o[key];
  if (typeof v !== "string" || v.trim() === "") throw new Error(`${file}: "${key}" must be a non-empty string (got ${JSON.stringify(v)})`);
  return v;
}

function list<T>(file: string, o: Record<string, unknown>, key: string, item: (v: unknown, at: string) => T): T[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new Error(`${file}: "${key}" must be a list`);
  return v.map((x, i) => item(x, `${key}[${i}]`));
}

function obj(file: string, v: unknown, at: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error(`${file}: ${at} must be an object`);
  return v as Record<string, unknown>;
}

function origin(file: string, v: unknown, at: string): Origin {
  const o = obj(file, v, at);
  const commit = str(file, o, "commit");
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new Error(`${file}: ${at}.commit must be a 40-hex commit (got "${commit}")`);
  const licence = str(file, o, "licence");
  if (!(LICENCES as readonly string[]).includes(licence)) throw new Error(`${file}: ${at}.licence "${licence}" is not one of ${LICENCES.join(", ")}`);
  return { repository: str(file, o, "repository"), path: str(file, o, "path"), commit, licence: licence as Origin["licence"] };
}

export function readManifest(name: string): Manifest {
  const file = join(projectDir(name), "manifest.json");
  const m = readJson(file);
  const replan = m.replan;
  if (typeof replan !== "boolean") throw new Error(`${file}: "replan" must be true or false`);
  return {
    source: origin(file, m.source, "source"),
    vendored: list(file, m, "vendored", (v, at) => ({ ...origin(file, v, at), into: str(file, obj(file, v, at), "into") })),
    edits: list(file, m, "edits", (v, at) => {
      if (typeof v !== "string" || v.length < 10) throw new Error(`${file}: ${at} must say what was changed and why`);
      return v;
    }),
    root: str(file, m, "root"),
    providers: list(file, m, "providers", (v, at) => {
      if (typeof v !== "string") throw new Error(`${file}: ${at} must be a string`);
      return v;
    }),
    region: str(file, m, "region"),
    variables: obj(file, m.variables ?? {}, "variables"),
    replan,
  };
}

function judged(file: string, v: unknown, at: string): Judged {
  const o = obj(file, v, at);
  const why = str(file, o, "why");
  if (why.length < 20) throw new Error(`${file}: ${at}.why must say why (got "${why}")`);
  const says = o.says === undefined ? undefined : str(file, o, "says");
  return { rule: str(file, o, "rule"), subject: str(file, o, "subject"), ...(says !== undefined ? { says } : {}), why };
}

export function readExpected(name: string): Expected {
  const file = join(projectDir(name), "expected.json");
  const e = readJson(file);
  const draft = obj(file, e.draft, "draft");
  return {
    verdict: str(file, e, "verdict"),
    findings: list(file, e, "findings", (v, at) => judged(file, v, at)),
    nonFindings: list(file, e, "nonFindings", (v, at) => judged(file, v, at)),
    knownFalsePositives: list(file, e, "knownFalsePositives", (v, at) => judged(file, v, at)),
    knownMissed: list(file, e, "knownMissed", (v, at) => judged(file, v, at)),
    draft: {
      review: str(file, draft, "review"),
      knownProblems: list(file, draft, "knownProblems", (v, at) => {
        if (typeof v !== "string") throw new Error(`${file}: draft.${at} must be a string`);
        return v;
      }),
    },
  };
}
