// The audit's HTML evidence in a real headless Chromium (Debian's, driven by playwright-core): the DOM holds the
// run's facts, the per-API authorization matrix, the findings and the drift; loading it makes no request beyond the
// file itself (every other request is intercepted, recorded and aborted); axe-core finds no serious or critical
// accessibility violation, on screen or in print. Skipped, saying why, where no Chromium is installed.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import axe from "axe-core";
import { chromium, type Browser, type Page } from "playwright-core";
import { readAccount } from "../../../cli/private/audit/read";
import { runAudit, type AuditRun } from "../../../cli/private/audit/run";
import { regionDocument } from "../../../cli/private/audit/state";
import { findChromium } from "../../helpers/chromium";
import { ACCOUNT, compliantAccount, installAccount, REGION, writePolicy } from "./fake-account";

const found = findChromium();
if ("missing" in found) console.warn(`SKIPPED the audit's HTML report in headless Chromium: ${found.missing}`);

const TIME = new Date("2026-12-01T02:00:00.000Z");

/** The reviewed code: the compliant account's own state document, as a plan JSON file. */
async function reviewedPlan(dir: string): Promise<string> {
  const m = installAccount(compliantAccount());
  try {
    const before = await readAccount({ regions: [REGION] });
    const plan = join(dir, "plan.json");
    writeFileSync(plan, JSON.stringify(regionDocument(before.account, before.regions[0]!).document));
    return plan;
  } finally {
    m.restore();
  }
}

/** Console drifts: GET /pets switched to NONE (and redeployed), the web ACL detached, the implicit flow allowed. */
async function driftedRun(dir: string): Promise<AuditRun> {
  const plan = await reviewedPlan(dir);
  const a = compliantAccount();
  const pets = a.resources.find((x) => x.path === "/pets");
  if (pets?.resourceMethods?.["GET"] === undefined) throw new Error("fixture");
  pets.resourceMethods["GET"] = { ...pets.resourceMethods["GET"], authorizationType: "NONE", authorizerId: undefined, authorizationScopes: [] };
  a.stageWebAcl = undefined;
  a.clients[0] = { ...a.clients[0], AllowedOAuthFlows: ["implicit"] };
  const m = installAccount(a);
  try {
    return await runAudit({ regions: [REGION], policies: [writePolicy()], plan, failOn: "low", asOf: "2026-12-01", concurrency: 4 }, undefined, TIME);
  } finally {
    m.restore();
  }
}

interface Violation {
  readonly id: string;
  readonly impact?: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const g = globalThis as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Violation[] }> }; document: unknown };
    return (await g.axe.run(g.document, { resultTypes: ["violations"] })).violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact ?? "?"} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

const texts = (page: Page, selector: string): Promise<string[]> => page.locator(selector).allInnerTexts();

("path" in found ? describe : describe.skip)("GIVEN the HTML report of a drifted account, in headless Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "audit-html-"));
  const file = join(dir, "audit.html");
  let run: AuditRun;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];
  const intercepted: string[] = [];

  beforeAll(async () => {
    run = await driftedRun(dir);
    writeFileSync(file, run.render("html"));
    browser = await chromium.launch({ executablePath: "path" in found ? found.path : "" });
    page = await browser.newPage();
    page.on("request", (r) => requested.push(r.url()));
    // Anything but the file itself would leave the machine: record it and refuse it.
    const self = pathToFileURL(file).href;
    await page.route("**/*", (route) => {
      if (route.request().url() === self) return route.continue();
      intercepted.push(route.request().url());
      return route.abort();
    });
    await page.goto(self);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  test("THEN loading it requests nothing but the file itself", () => {
    expect(requested).toEqual([pathToFileURL(file).href]);
    expect(intercepted).toEqual([]);
  });

  test("THEN the header names the account, the region, the time, the tool version and the policy digest", async () => {
    const facts = Object.fromEntries(
      await page.locator("header dl dt").evaluateAll((dts) => dts.map((dt) => [dt.textContent ?? "", dt.nextElementSibling?.textContent ?? ""])),
    ) as Record<string, string>;
    expect(facts).toMatchObject({
      Account: ACCOUNT,
      Regions: REGION,
      "Time (UTC)": TIME.toISOString(),
      "Tool version": run.report.audit.toolVersion,
      "Policy digest (sha256)": run.report.audit.policyDigest,
    });
    expect(facts["Result"]).toMatch(/^FAIL: \d+ finding\(s\) at or above low/);
  });

  test("THEN the API's authorization matrix shows each route as deployed beside what the policy intends", async () => {
    const table = page.locator("table", { has: page.locator("caption", { hasText: "Authorization matrix of shop-dev" }) });
    expect(await table.locator("thead th").allInnerTexts()).toEqual([
      "Route",
      "Account and region",
      "Deployed authorization",
      "The policy intends",
      "Findings",
    ]);
    const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("th,td")].map((c) => c.textContent ?? "")));
    expect(rows).toEqual(
      expect.arrayContaining([
        ["GET /pets", `${ACCOUNT} ${REGION}`, "NONE (public)", "COGNITO (authorizer shop-dev-cognito; scopes: shop/read)", expect.stringMatching(/^[1-9]\d*$/)],
        ["GET /health", `${ACCOUNT} ${REGION}`, "NONE (public)", "NONE", "0"],
      ]),
    );
  });

  test("THEN the findings and the drift name what drifted", async () => {
    const findings = (await texts(page, "section#api-0 table:has(caption:text-is('Findings on shop-dev')) tbody tr")).join("\n");
    expect(findings).toMatch(/critical\s+no-open-method\s+GET \/pets/);
    const other = (await texts(page, "section#other tbody tr")).join("\n");
    expect(other).toMatch(/app-client-implicit-flow/);
    const drift = (await texts(page, "section#api-0 table:has(caption:text-is('Drift of shop-dev from the reviewed code')) tbody tr")).join("\n");
    expect(drift).toMatch(/GET \/pets: deployed NONE/);
    // A stage's controls are drift of no route: listed with what no API owns.
    const otherDrift = (await texts(page, "section#other table:has(caption:text-is('Drift from the reviewed code')) tbody tr")).join("\n");
    expect(otherDrift).toMatch(/stage shop-dev\/dev: deployed differs from code: .*web ACL/);
  });

  test("THEN axe-core finds no serious or critical accessibility violation", async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("GIVEN a page with an unlabelled input and no language THEN the same check reports them (it can fail)", async () => {
    const other = await browser.newPage();
    try {
      await other.setContent('<!DOCTYPE html><html><head><title>t</title></head><body><main><input type="text" /></main></body></html>');
      expect(await seriousViolations(other)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^critical label:/), expect.stringMatching(/^serious html-has-lang:/)]),
      );
    } finally {
      await other.close();
    }
  });

  test("WHEN printed THEN nothing is hidden and axe still finds no serious or critical violation", async () => {
    await page.emulateMedia({ media: "print" });
    const hidden = await page
      .locator("main section, header, table")
      .evaluateAll((els) => els.filter((e) => (e as unknown as { offsetParent: unknown }).offsetParent === null && e.tagName !== "BODY").length);
    expect(hidden).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe("where the browser is found", () => {
  test("GIVEN CHROMIUM_PATH THEN it comes first; GIVEN it set to nothing there THEN missing names it", () => {
    expect(findChromium({ CHROMIUM_PATH: "/opt/c" }, (p) => p === "/opt/c" || p === "/usr/bin/chromium")).toEqual({ path: "/opt/c" });
    expect(findChromium({ CHROMIUM_PATH: "/opt/c" }, () => false)).toEqual({ missing: expect.stringContaining("CHROMIUM_PATH is set to /opt/c") });
  });

  test("GIVEN no CHROMIUM_PATH THEN Debian's /usr/bin/chromium, else a message naming both places", () => {
    expect(findChromium({}, (p) => p === "/usr/bin/chromium")).toEqual({ path: "/usr/bin/chromium" });
    expect(findChromium({}, () => false)).toEqual({ missing: expect.stringMatching(/CHROMIUM_PATH is not set and \/usr\/bin\/chromium does not exist/) });
  });
});
