// The audit's evidence over a fake account (aws-sdk-client-mock): OSCAL validated against the official schema
// (never committed: read from ../shared/oscal/ or a git-ignored local copy, oscal-schema.ts; skipped with a message
// when neither holds it) with deterministic UUIDs and control objectives; the HTML parsed as XML (no browser is
// installed here) with no external request and the run's facts; no planted secret in any output format.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AUDIT_FORMATS } from "../../../guard/report/formats";
import { runAudit, type AuditArgs, type AuditRun } from "../../../cli/private/audit/run";
import { RULES } from "../../../guard/rules";
import { NIST_CONTROLS } from "../../../guard/report/audit/controls";
import { SchemaValidator } from "../../helpers/json-schema";
import { findOscalSchema, OSCAL_SCHEMA_FILE, oscalSchemaDirs, skippedSchemaMessage } from "./oscal-schema";
import {
  ACCOUNT,
  API_KEY_VALUE_MARKER,
  CLIENT_SECRET_MARKER,
  WAF_SEARCH_STRING_MARKER,
  compliantAccount,
  installAccount,
  REGION,
  writePolicy,
  type Mocks,
} from "./fake-account";

const TIME = new Date("2026-12-01T02:00:00.000Z");
const POLICY = writePolicy();
const args = (over: Partial<AuditArgs> = {}): AuditArgs => ({
  regions: [REGION],
  policies: [POLICY],
  failOn: "low",
  asOf: "2026-12-01",
  concurrency: 4,
  ...over,
});

let mocks: Mocks | undefined;
afterEach(() => mocks?.restore());

async function drifted(): Promise<AuditRun> {
  const a = compliantAccount();
  a.stageWebAcl = undefined;
  a.clients[0] = { ...a.clients[0], AllowedOAuthFlows: ["implicit"] };
  mocks = installAccount(a);
  return runAudit(args(), undefined, TIME);
}

interface OscalDoc {
  "assessment-results": {
    results: {
      observations: { uuid: string; title: string }[];
      findings: { title: string; target: { "target-id": string; status: { state: string } }; "related-observations": { "observation-uuid": string }[] }[];
    }[];
  };
}

const SCHEMA_DIRS = oscalSchemaDirs(join(__dirname, "..", "..", ".."));
const schemaFile = findOscalSchema(SCHEMA_DIRS);
if (schemaFile === undefined) console.warn(skippedSchemaMessage(SCHEMA_DIRS));

(schemaFile !== undefined ? describe : describe.skip)("OSCAL assessment results against the official schema", () => {
  const schema = (): SchemaValidator => new SchemaValidator(JSON.parse(readFileSync(schemaFile ?? "", "utf8")) as Record<string, unknown>);

  test("GIVEN findings WHEN rendered THEN the document validates against the official schema", async () => {
    const run = await drifted();
    expect(schema().validate(JSON.parse(run.render("oscal")))).toEqual([]);
  });

  test("GIVEN a schema violation WHEN validated THEN the validator reports it (it can fail)", async () => {
    const run = await drifted();
    const doc = JSON.parse(run.render("oscal")) as { "assessment-results": { metadata: Record<string, unknown> } };
    delete doc["assessment-results"].metadata["oscal-version"];
    doc["assessment-results"].metadata["colour"] = "red";
    expect(schema().validate(doc)).toEqual(
      expect.arrayContaining([expect.stringContaining('missing required "oscal-version"'), expect.stringContaining('"colour" is not allowed')]),
    );
  });
});

describe("where the OSCAL schema is read from", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "oscal-schema-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const place = (...parts: string[]): string => {
    const folder = join(dir, ...parts);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, OSCAL_SCHEMA_FILE), "{}");
    return join(folder, OSCAL_SCHEMA_FILE);
  };

  test("GIVEN a checkout THEN the steering repo's shared/oscal/ beside it comes first, the local copy second", () => {
    expect(oscalSchemaDirs(join(dir, "main"))).toEqual([join(dir, "shared", "oscal"), join(dir, "main", "__tests__", "cli", "audit", ".oscal")]);
  });

  test("GIVEN the schema in both places THEN the shared one is read; GIVEN only the local copy THEN that one", () => {
    const dirs = oscalSchemaDirs(join(dir, "main"));
    const local = place("main", "__tests__", "cli", "audit", ".oscal");
    expect(findOscalSchema(dirs)).toBe(local);
    expect(findOscalSchema(dirs.slice(0, 1))).toBeUndefined();
    const shared = place("shared", "oscal");
    expect(findOscalSchema(dirs)).toBe(shared);
  });

  test("GIVEN neither THEN none is found and the message names both places and the file", () => {
    const dirs = oscalSchemaDirs(join(dir, "main"));
    expect(findOscalSchema(dirs)).toBeUndefined();
    const message = skippedSchemaMessage(dirs);
    expect(message).toMatch(/^SKIPPED OSCAL schema validation: /);
    for (const d of dirs) expect(message).toContain(d);
    expect(message).toContain(OSCAL_SCHEMA_FILE);
  });
});

describe("OSCAL assessment results", () => {
  test("GIVEN findings WHEN rendered THEN a finding per failure, linked to its observation, targets its control objective", async () => {
    const run = await drifted();
    const doc = JSON.parse(run.render("oscal")) as OscalDoc;
    const result = doc["assessment-results"].results[0]!;
    const waf = result.findings.find((f) => f.title.startsWith("stage-waf:"));
    expect(waf?.target).toEqual(expect.objectContaining({ "target-id": "sc-7_obj", status: expect.objectContaining({ state: "not-satisfied" }) }));
    const linked = result.observations.find((o) => o.uuid === waf?.["related-observations"][0]?.["observation-uuid"]);
    expect(linked?.title).toBe(waf?.title);
    expect(result.findings.find((f) => f.title.startsWith("app-client-implicit-flow:"))?.target["target-id"]).toBe("ia-2_obj");
  });

  test("GIVEN the same account audited twice WHEN rendered THEN the documents are identical, UUIDs included", async () => {
    const one = (await drifted()).render("oscal");
    mocks?.restore();
    const two = (await drifted()).render("oscal");
    expect(two).toBe(one);
  });

  test("every rule is mapped to NIST SP 800-53 controls", () => {
    expect(RULES.map((r) => r.id).filter((id) => NIST_CONTROLS[id] === undefined)).toEqual([]);
  });
});

// sax is in the toolchain (a devDependency, without types); a strict parser proves the markup well-formed.
const sax = require("sax") as {
  parser: (strict: boolean) => {
    onerror: (e: Error) => void;
    ontext: (t: string) => void;
    onopentag: (t: { name: string; attributes: Record<string, string> }) => void;
    write: (s: string) => { close: () => void };
  };
};

describe("HTML report", () => {
  function parse(html: string): { texts: string[]; attrs: { tag: string; name: string; value: string }[]; tags: string[] } {
    const texts: string[] = [];
    const attrs: { tag: string; name: string; value: string }[] = [];
    const tags: string[] = [];
    const p = sax.parser(true);
    p.onerror = (e) => {
      throw e;
    };
    p.ontext = (t) => texts.push(t);
    p.onopentag = (n) => {
      tags.push(n.name);
      for (const [name, value] of Object.entries(n.attributes)) attrs.push({ tag: n.name, name, value: String(value) });
    };
    p.write(html.replace(/^<!DOCTYPE html>\n/, "")).close();
    return { texts, attrs, tags };
  }

  test("GIVEN an audit WHEN rendered THEN one well-formed file with the run's facts, the matrix and the findings, and nothing fetched", async () => {
    const run = await drifted();
    const html = run.render("html");
    const { texts, attrs, tags } = parse(html);
    const text = texts.join(" ");
    for (const fact of [ACCOUNT, REGION, TIME.toISOString(), run.report.audit.toolVersion, run.report.audit.policyDigest]) expect(text).toContain(fact);
    expect(text).toContain("GET /pets");
    expect(text).toContain("COGNITO (scopes: shop/read)");
    expect(text).toContain("no aws_wafv2_web_acl_association");
    expect(tags).not.toEqual(expect.arrayContaining(["script", "img", "link", "iframe", "object"]));
    // The only references are in-page anchors.
    expect(attrs.filter((a) => a.name === "src" || (a.name === "href" && !a.value.startsWith("#")))).toEqual([]);
    expect(html).not.toMatch(/url\(|@import|https?:\/\/(?!shop\.example\.com)/);
  });
});

describe("no secret reaches the evidence", () => {
  test.each(AUDIT_FORMATS)(
    "GIVEN an API key value, a client secret and a WAF search string in the account WHEN rendered as %s THEN none appears",
    async (format) => {
      const run = await drifted();
      const out = run.render(format);
      expect(out.length).toBeGreaterThan(0);
      expect(out).not.toContain(API_KEY_VALUE_MARKER);
      expect(out).not.toContain(CLIENT_SECRET_MARKER);
      expect(out).not.toContain(WAF_SEARCH_STRING_MARKER);
    },
  );

  test("GIVEN the same account WHEN read THEN the secrets are dropped at read time (nothing keeps them in memory)", async () => {
    const run = await drifted();
    const kept = JSON.stringify(run.snapshot);
    expect(kept).not.toContain(API_KEY_VALUE_MARKER);
    expect(kept).not.toContain(CLIENT_SECRET_MARKER);
    expect(kept).not.toContain(WAF_SEARCH_STRING_MARKER);
  });
});
