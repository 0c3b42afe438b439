// The audit's HTML evidence: one self-contained file (inline style, no script, no external request of any kind),
// readable on paper. The run (account, regions, time, tool version, policy digest), then per API the authorization
// matrix (who can call what, as deployed, beside what the policy intends), its findings, its drift and coverage;
// then what no API owns, and what was not verified. Well-formed markup (every element closed, every text escaped),
// so a plain XML parser reads it. Never a secret: it shows what the other reports show.
import { htmlText as escapeHtml } from "../escape";
import { messageText, severityText } from "../finding-text";
import { summarize } from "../summary";
import type { Finding } from "../../rules/types";
import type { AuditReport, MatrixRow } from "./types";
import { apiRoutesText } from "../check/coverage-text";

const STYLE = [
  "body{font-family:system-ui,sans-serif;margin:2rem;color:#111;line-height:1.4}",
  "table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}",
  "th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}",
  "th{background:#eee}",
  "caption{text-align:left;font-weight:bold;padding:.25rem 0}",
  ".critical,.high{color:#a00;font-weight:bold}",
  ".pass{color:#060;font-weight:bold}.fail{color:#a00;font-weight:bold}",
  "dt{font-weight:bold}dd{margin:0 0 .5rem 1rem;word-break:break-all}",
  "@media print{body{margin:0}section{break-inside:avoid-page}a{color:inherit}}",
].join("");

const cell = (s: string, cls?: string): string => `<td${cls === undefined ? "" : ` class="${cls}"`}>${escapeHtml(s)}</td>`;

function table(caption: string, head: readonly string[], rows: readonly string[][], classes?: (row: number, col: number) => string | undefined): string {
  if (rows.length === 0) return `<p>${escapeHtml(caption)}: none.</p>`;
  const th = head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
  const body = rows.map((r, i) => `<tr>${r.map((c, j) => cell(c, classes?.(i, j))).join("")}</tr>`).join("\n");
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const findingRows = (fs: readonly Finding[]): string[][] => fs.map((f) => [severityText(f), f.rule, f.route ?? f.address, messageText(f)]);

const findingTable = (caption: string, fs: readonly Finding[]): string =>
  table(caption, ["Severity", "Rule", "Route or resource", "Finding"], findingRows(fs), (i, j) => (j === 0 ? fs[i]?.severity : undefined));

const driftTable = (caption: string, ds: AuditReport["audit"]["drift"]): string =>
  table(
    caption,
    ["Severity", "What", "Deployed", "Code", "Difference"],
    ds.map((d) => [d.severity, d.subject, d.deployed, d.code, d.message]),
    (i, j) => (j === 0 ? ds[i]?.severity : undefined),
  );

function apiSection(r: AuditReport, api: string, rows: readonly MatrixRow[], index: number): string {
  const failingRoutes = new Map<string, number>();
  for (const f of r.findings)
    if (f.api === api && f.route !== undefined && f.waived === undefined && f.severity !== "info")
      failingRoutes.set(f.route, (failingRoutes.get(f.route) ?? 0) + 1);
  const matrix = table(
    `Authorization matrix of ${api}: who can call what, as deployed`,
    ["Route", "Account and region", "Deployed authorization", "The policy intends", "Findings"],
    rows.map((m) => [m.route, m.where, m.deployed, m.intended, String(failingRoutes.get(m.route) ?? 0)]),
    (i, j) => (j === 4 && (failingRoutes.get(rows[i]?.route ?? "") ?? 0) > 0 ? "fail" : undefined),
  );
  const cov = r.coverage?.apis.filter((c) => c.api === api) ?? [];
  const coverage = cov.map((c) => `<p>Coverage: ${apiRoutesText(c)} by policy ${escapeHtml(c.policy ?? "(none or several)")}.</p>`).join("");
  return [
    `<section id="api-${index}"><h2>API ${escapeHtml(api)}</h2>`,
    matrix,
    findingTable(
      `Findings on ${api}`,
      r.findings.filter((f) => f.api === api),
    ),
    r.audit.plan === undefined
      ? ""
      : driftTable(
          `Drift of ${api} from the reviewed code`,
          r.audit.drift.filter((d) => d.api === api),
        ),
    coverage,
    "</section>",
  ].join("\n");
}

const accountsText = (accounts: AuditReport["audit"]["accounts"], first: string | undefined): string =>
  accounts.length > 1 ? accounts.map((x) => x.account ?? "unknown").join(", ") : (first ?? "unknown account");

export function htmlReport(r: AuditReport): string {
  const a = r.audit;
  const s = summarize(r);
  const apis = [...new Set([...a.matrix.map((m) => m.api), ...r.findings.flatMap((f) => (f.api === undefined ? [] : [f.api]))])].sort();
  const facts: [string, string][] = [
    ...(a.accounts.length > 1 || a.accounts.some((x) => x.roleArn !== undefined)
      ? a.accounts.map((x): [string, string] => [
          `Account ${x.account ?? "unknown"}`,
          `${x.roleArn === undefined ? "default credentials" : `role ${x.roleArn}`}${x.notVerified === undefined ? "" : `: NOT VERIFIED (${x.notVerified})`}`,
        ])
      : [["Account", a.account ?? "unknown (STS GetCallerIdentity failed)"] as [string, string]]),
    ["Regions", a.regions.join(", ")],
    ["Time (UTC)", a.time],
    ["Tool version", a.toolVersion],
    ["Policy digest (sha256)", a.policyDigest],
    ...(r.policyFiles?.map((p): [string, string] => [`Policy file ${p.file}`, `sha256 ${p.sha256}`]) ?? []),
    ["Reviewed code (drift)", a.plan ?? "not compared (no --plan)"],
    ["Result", `${s.passed ? "PASS" : "FAIL"}: ${s.failing} finding(s) at or above ${r.failOn}, ${s.total} in all, ${s.waived} waived`],
    ["SDK calls", String(a.sdkCalls)],
  ];
  const dl = `<dl>${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd${k === "Result" ? ` class="${s.passed ? "pass" : "fail"}"` : ""}>${escapeHtml(v)}</dd>`).join("")}</dl>`;
  const nav = apis.length === 0 ? "" : `<nav><ul>${apis.map((api, i) => `<li><a href="#api-${i}">${escapeHtml(api)}</a></li>`).join("")}</ul></nav>`;
  const sections = apis.map((api, i) =>
    apiSection(
      r,
      api,
      a.matrix.filter((m) => m.api === api),
      i,
    ),
  );
  const other = r.findings.filter((f) => f.api === undefined);
  const otherDrift = a.drift.filter((d) => d.api === undefined);
  const notRead = table(
    "Not read, so not verified",
    ["Account", "Region", "What", "Why"],
    a.unread.map((u) => [u.account ?? a.account ?? "?", u.global === true ? `${u.region} (global)` : u.region, u.what, u.reason]),
  );
  const codeOnly = table(
    "Rules judged on the code only (npm run check), not on the account",
    ["Rule", "Why"],
    Object.entries(a.codeOnlyRules).map(([id, why]) => [id, why]),
  );
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8" />',
    `<title>API access audit: ${escapeHtml(accountsText(a.accounts, a.account))} ${escapeHtml(a.regions.join(", "))}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<header><h1>API access audit</h1>${dl}</header>`,
    nav,
    `<main>`,
    ...sections,
    `<section id="other"><h2>Identity, functions and everything no API owns</h2>`,
    findingTable("Findings", other),
    a.plan === undefined ? "" : driftTable("Drift from the reviewed code", otherDrift),
    "</section>",
    `<section id="not-verified"><h2>What this audit did not verify</h2>`,
    notRead,
    codeOnly,
    "</section>",
    "</main></body></html>",
    "",
  ].join("\n");
}
