// Renderings of a conformance run (guard/conformance): a terminal matrix (routes x credential classes) with the
// details of every answer that is not a pass, JSON, and JUnit with one test case per route and credential class.
import { failingVerdicts } from "../conformance/judge";
import { CREDENTIAL_CLASSES, type CaseResult, type ConformanceReport, type Verdict } from "../conformance/types";
import { alignColumns } from "./columns";
import { xmlText as xml } from "./escape";
import type { ConformanceFormat } from "./formats";

const CELL: Readonly<Record<Verdict, string>> = {
  pass: "ok",
  exposed: "EXPOSED",
  "locked-out": "LOCKED-OUT",
  inconclusive: "?",
  unjudged: "unjudged",
  "not-tested": "-",
  "n/a": "n/a",
};

function verdictCounts(results: readonly CaseResult[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { pass: 0, exposed: 0, "locked-out": 0, inconclusive: 0, unjudged: 0, "not-tested": 0, "n/a": 0 };
  for (const r of results) counts[r.verdict]++;
  return counts;
}

const failed = (r: ConformanceReport): boolean => r.results.some((c) => failingVerdicts(r.failOn).includes(c.verdict));

function summaryLine(r: ConformanceReport): string {
  const counts = verdictCounts(r.results);
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`);
  return `${failed(r) ? "FAIL" : "PASS"}: ${r.results.length} case(s): ${parts.join(", ")} (fails on ${failingVerdicts(r.failOn).join(", ")})`;
}

const routesOf = (r: ConformanceReport): string[] => [...new Set(r.results.map((c) => c.route))];

function conformanceTable(r: ConformanceReport): string {
  const routes = routesOf(r);
  const cell = (route: string, cls: string): string => {
    const c = r.results.find((x) => x.route === route && x.credential === cls);
    return c === undefined ? "" : CELL[c.verdict];
  };
  const head = ["ROUTE", ...CREDENTIAL_CLASSES];
  const rows = routes.map((route) => [route, ...CREDENTIAL_CLASSES.map((cls) => cell(route, cls))]);
  const out = [`conformance of ${r.stack} at ${r.url} (entered at the ${r.entry}; judged by ${r.judgedBy})`, "", ...alignColumns([head, ...rows])];
  const notable = r.results.filter((c) => c.verdict !== "pass" && c.verdict !== "n/a");
  if (notable.length > 0) {
    out.push("");
    for (const c of notable)
      out.push(`${CELL[c.verdict].padEnd(10)}  ${c.route}  ${c.credential}${c.request !== undefined ? `  (${c.request})` : ""}: ${c.detail}`);
  }
  if (r.notes.length > 0) out.push("", ...r.notes.map((n) => `note: ${n}`));
  out.push("", summaryLine(r));
  return `${out.join("\n")}\n`;
}

function conformanceJson(r: ConformanceReport): string {
  return `${JSON.stringify({ ...r, passed: !failed(r), counts: verdictCounts(r.results) }, null, 2)}\n`;
}

/** One testsuite per route, one testcase per credential class: failing verdicts fail, the others that are no pass skip. */
function conformanceJunit(r: ConformanceReport): string {
  const failing = failingVerdicts(r.failOn);
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const suites = routesOf(r).map((route) => {
    const cases = r.results.filter((c) => c.route === route);
    let sf = 0;
    let ss = 0;
    const lines = cases.map((c) => {
      const open = `    <testcase classname="${xml(`${r.stack} ${route}`)}" name="${xml(c.credential)}">`;
      if (failing.includes(c.verdict)) {
        sf++;
        return `${open}<failure message="${xml(`${c.verdict}: ${c.detail}`)}" type="${c.verdict}">${xml(`${c.request ?? route} as ${c.credential}: ${c.detail}`)}</failure></testcase>`;
      }
      if (c.verdict !== "pass") {
        ss++;
        return `${open}<skipped message="${xml(`${c.verdict}: ${c.detail}`)}"/></testcase>`;
      }
      return `${open}<system-out>${xml(c.detail)}</system-out></testcase>`;
    });
    tests += cases.length;
    failures += sf;
    skipped += ss;
    return `  <testsuite name="${xml(route)}" tests="${cases.length}" failures="${sf}" errors="0" skipped="${ss}">\n${lines.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="api-access-conformance" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n${suites.join("\n")}\n</testsuites>\n`;
}

export const CONFORMANCE_REPORTERS: Readonly<Record<ConformanceFormat, (r: ConformanceReport) => string>> = {
  table: conformanceTable,
  json: conformanceJson,
  junit: conformanceJunit,
};
