// OSCAL assessment results (JSON, OSCAL 1.0.6): one result per audit run; an observation per rule and subject it
// judged (passes included), a finding per failure or "not verified" linked to its observation, its target the
// rule's first NIST SP 800-53 control (controls.ts), every UUID a v5 UUID of its content so
// runs are comparable. Never a secret: only what the other reports show (rule, subject, message).
import { verdictLabel, verdictsOf, type Verdict } from "../../verdicts";
import { controlsOf } from "./controls";
import type { AuditReport } from "./types";
import { uuidV5 } from "./uuid";

const OSCAL_VERSION = "1.0.6";
/** The namespace of this tool's own OSCAL properties. */
const PROP_NS = "urn:api-access-control:audit";

const prop = (name: string, value: string) => ({ name, ns: PROP_NS, value });
const controlId = (c: string): string => c.toLowerCase();

type Status = "pass" | "fail" | "not-verified" | "waived";

function statusOf(v: Verdict): Status {
  if (v.status === "passed") return "pass";
  if (v.status === "failed") return "fail";
  if (v.findings.length > 0 && v.findings.every((f) => f.waived !== undefined)) return "waived";
  return "not-verified";
}

function oscalDocument(r: AuditReport): Record<string, unknown> {
  const a = r.audit;
  const accounts = a.accounts.length > 1 ? a.accounts.map((x) => x.account ?? "unknown-account") : [a.account ?? "unknown-account"];
  const scope = `${accounts.join(",")}|${[...a.regions].sort().join(",")}`;
  const verdicts = verdictsOf(r.rules, r.findings, r.subjects ?? new Map(), r.failOn);
  const observations: Record<string, unknown>[] = [];
  const findings: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const v of verdicts) {
    const label = verdictLabel(v);
    const subjectKey = v.subject?.address ?? v.findings[0]?.address ?? v.rule.id;
    // Two verdicts on the same rule and subject (findings on no declared subject) stay two observations.
    let key = `${scope}|${v.rule.id}|${subjectKey}|${label}`;
    for (let i = 2; seen.has(key); i++) key = `${scope}|${v.rule.id}|${subjectKey}|${label}|${i}`;
    seen.add(key);
    const status = statusOf(v);
    const controls = controlsOf(v.rule.id);
    const observationUuid = uuidV5(`observation|${key}`);
    observations.push({
      uuid: observationUuid,
      title: `${v.rule.id}: ${label}`,
      description: `${v.rule.title}: ${status}${v.reason !== undefined ? `. ${v.reason}` : ""}`,
      props: [prop("rule", v.rule.id), prop("status", status), ...controls.map((c) => prop("control", c))],
      methods: ["TEST"],
      subjects: [{ "subject-uuid": uuidV5(`subject|${scope}|${subjectKey}`), type: "resource", title: label, props: [prop("address", subjectKey)] }],
      collected: a.time,
    });
    if (status === "fail" || status === "not-verified") {
      const primary = controls[0] as string;
      findings.push({
        uuid: uuidV5(`finding|${key}`),
        title: `${v.rule.id}: ${label}`,
        description: v.reason ?? v.rule.title,
        props: [prop("rule", v.rule.id), prop("severity", v.findings[0]?.severity ?? v.rule.severity), ...controls.map((c) => prop("control", c))],
        target: {
          type: "objective-id",
          "target-id": `${controlId(primary)}_obj`,
          title: `${primary}: ${v.rule.title}`,
          status: { state: "not-satisfied", reason: status === "fail" ? "fail" : "not-verified" },
        },
        "related-observations": [{ "observation-uuid": observationUuid }],
      });
    }
  }
  const allControls = [...new Set(r.rules.flatMap((rule) => controlsOf(rule.id)))].sort();
  const result: Record<string, unknown> = {
    uuid: uuidV5(`result|${scope}|${a.time}|${a.policyDigest}`),
    title: `API access audit of ${accounts.join(", ")} (${a.regions.join(", ")})`,
    description: `The deployed API Gateway, Cognito and Lambda configuration judged by the check's rules and the policy files (sha256 ${a.policyDigest})${a.plan !== undefined ? `, and compared with the reviewed code ${a.plan}` : ""}.`,
    start: a.time,
    end: a.time,
    props: [
      prop("tool-version", a.toolVersion),
      prop("policy-digest", a.policyDigest),
      ...a.regions.map((g) => prop("region", g)),
      ...accounts.map((x) => prop("account", x)),
    ],
    "reviewed-controls": { "control-selections": [{ "include-controls": allControls.map((c) => ({ "control-id": controlId(c) })) }] },
    ...(observations.length > 0 ? { observations } : {}),
    ...(findings.length > 0 ? { findings } : {}),
  };
  return {
    "assessment-results": {
      uuid: uuidV5(`assessment-results|${scope}|${a.time}|${a.policyDigest}`),
      metadata: {
        title: `API access audit: ${accounts.join(", ")}`,
        "last-modified": a.time,
        version: a.toolVersion,
        "oscal-version": OSCAL_VERSION,
      },
      "import-ap": { href: "#", remarks: "No separate assessment plan: the plan is the rule catalogue (docs/rules.md) and the policy files named by digest." },
      results: [result],
    },
  };
}

export const oscalReport = (r: AuditReport): string => `${JSON.stringify(oscalDocument(r), null, 2)}\n`;
