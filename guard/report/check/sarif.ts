// SARIF 2.1.0 for GitHub code scanning: rules with security-severity, results located in the input file at the
// resource's line (found by its name), waived findings as external suppressions.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Severity } from "../../policy/types";
import type { Finding } from "../../rules/types";
import type { ReportInput } from "../types";
import { loweredValue } from "../lowered";

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };
/** GitHub maps security-severity > 9 to critical, 7-8.9 high, 4-6.9 medium, 0.1-3.9 low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "0.1" };

/** Line of a resource's block in its file: the line declaring its name (cdk.tf.json) or its address (plan). */
function lineFinder(): (file: string, address: string) => number {
  const cache = new Map<string, string[]>();
  return (file, address) => {
    let lines = cache.get(file);
    if (lines === undefined) {
      try {
        lines = readFileSync(file, "utf8").split("\n");
      } catch {
        lines = [];
      }
      cache.set(file, lines);
    }
    const name =
      address
        .replace(/\[[^\]]*\]$/, "")
        .split(".")
        .pop() ?? address;
    const needles = [`"address": ${JSON.stringify(address)}`, `"${name}": {`];
    for (const n of needles) {
      const i = lines.findIndex((l) => l.includes(n));
      if (i >= 0) return i + 1;
    }
    return 1;
  };
}

/** Repository-relative when the file is under the working directory (what GitHub maps to source), else a file URI. */
const uri = (file: string): string => {
  const rel = relative(process.cwd(), file);
  if (!rel.startsWith("..") && !isAbsolute(rel)) return rel.split(sep).join("/");
  return pathToFileURL(resolve(file)).href;
};

const loweredNote = (r: ReportInput, rule: string): { severityLowered?: string } => {
  const l = r.lowered.find((x) => x.rule === rule);
  return l === undefined ? {} : { severityLowered: loweredValue(l) };
};

export function sarifReport(r: ReportInput): string {
  const lineOf = lineFinder();
  const ruleIndex = new Map(r.rules.map((rule, i) => [rule.id, i]));
  const result = (f: Finding) => {
    const file = f.file ?? r.input;
    const fingerprint = createHash("sha256")
      .update(`${f.rule}|${f.address}|${f.route ?? ""}|${f.message}`)
      .digest("hex")
      .slice(0, 32);
    return {
      ruleId: f.rule,
      ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
      level: LEVEL[f.severity],
      message: { text: `${f.api !== undefined ? `${f.api}: ` : ""}${f.message}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: uri(file) }, region: { startLine: lineOf(file, f.address) } },
          logicalLocations: [{ fullyQualifiedName: f.address, kind: "resource" }],
        },
      ],
      partialFingerprints: { "apiAccessFinding/v1": fingerprint },
      ...(f.waived !== undefined ? { suppressions: [{ kind: "external", justification: f.waived.reason }] } : {}),
      properties: { severity: f.severity, ...(f.route !== undefined ? { route: f.route } : {}) },
    };
  };
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "api-access-check",
            version: "0.1.0",
            rules: r.rules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.rationale },
              help: { text: rule.rationale, markdown: `**${rule.title}**\n\n${rule.rationale}` },
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: {
                tags: ["security", "api-gateway"],
                "security-severity": SECURITY_SEVERITY[rule.severity],
                precision: "high",
                ...loweredNote(r, rule.id),
              },
            })),
          },
        },
        results: r.findings.map(result),
        // Rules a policy reports below their default severity, with the reasons (also on each rule's entry).
        properties: { loweredSeverities: r.lowered },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
