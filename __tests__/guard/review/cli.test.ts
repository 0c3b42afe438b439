import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main, parseArgs, UsageError } from "../../../cli/review";
import { PAIRS, pairDocs, synth } from "./fixtures/pairs";

const PLAN = join(__dirname, "fixtures", "plan", "plan.json");

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  const code = main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), writeFile: (f, t) => files.set(f, t) });
  return { code, stdout: out.join(""), stderr: err.join(""), files };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "review-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writePair(name: string): { base: string; head: string } {
  const { base, head } = pairDocs(name);
  const paths = { base: join(dir, `${name}.base.json`), head: join(dir, `${name}.head.json`) };
  writeFileSync(paths.base, JSON.stringify(base));
  writeFileSync(paths.head, JSON.stringify(head));
  return paths;
}

/** The Markdown table row of a route in the "every route" details table. */
const routeRow = (md: string, route: string) => md.split("\n").find((l) => l.includes(`| \`${route}\` |`));

describe("npm run review -- --base --head", () => {
  it.each(Object.entries(PAIRS))("GIVEN pair %s WHEN reviewed THEN the exit code follows the blocking changes", (name, pair) => {
    const { base, head } = writePair(name);
    const r = run(["--base", base, "--head", head]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(pair.blocking.length > 0 ? 1 : 0);
    if (pair.row !== undefined) {
      const [route, status] = pair.row;
      expect(routeRow(r.stdout, route)).toMatch(new RegExp(`\\| ${status} \\|$`));
    }
    const json = run(["--base", base, "--head", head, "--format", "json"]);
    const report = JSON.parse(json.stdout) as { blocking: number; changes: { kind: string; severity: string }[] };
    expect(json.code).toBe(r.code);
    expect(
      report.changes
        .filter((c) => c.severity === "blocking")
        .map((c) => c.kind)
        .sort(),
    ).toEqual(expect.arrayContaining([...pair.blocking]));
  });

  it("GIVEN COGNITO → NONE WHEN rendered THEN the change table and the route table show before and after", () => {
    const { base, head } = writePair("cognito-to-none");
    const md = run(["--base", base, "--head", head]).stdout;
    expect(md.startsWith("<!-- api-access-review -->\n")).toBe(true);
    expect(md).toContain(":x: **1 blocking change.**");
    expect(md).toContain("| :x: blocking | petstore-dev GET /pets | authorization removed: COGNITO (scopes: petstore/read) → NONE (anyone can call) |");
    expect(routeRow(md, "GET /pets")).toBe("| petstore-dev | `GET /pets` | COGNITO (scopes: petstore/read) | NONE (public) | downgraded |");
    // The matrix puts the route under NONE and paints it as a downgrade.
    expect(md).toMatch(/subgraph api0_NONE\["NONE: public"\][\s\S]*?(r\d+)\["GET \/pets<br\/>was COGNITO"\]/);
    const id = /(r\d+)\["GET \/pets<br\/>was COGNITO"\]/.exec(md)?.[1];
    expect(md).toMatch(new RegExp(`class (?:[r0-9,]*,)?${id}(?:,[r0-9,]*)? downgrade`));
  });

  it("GIVEN --acknowledge with the digest shown WHEN a blocking downgrade exists THEN exit 0 and the row is marked acknowledged", () => {
    const { base, head } = writePair("cognito-to-none");
    const first = run(["--base", base, "--head", head]);
    const digest = /authz-ack:([0-9a-f]{16})/.exec(first.stdout)?.[1] as string;
    expect(digest).toMatch(/^[0-9a-f]{16}$/);
    const r = run(["--base", base, "--head", head, "--acknowledge", digest]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(":warning: **1 blocking change, acknowledged**");
    expect(r.stdout).toContain("| :warning: acknowledged | petstore-dev GET /pets |");
  });

  it("GIVEN --acknowledge with another set's digest WHEN reviewed THEN exit 1 and the stale acknowledgement is named", () => {
    const { base, head } = writePair("cognito-to-none");
    const r = run(["--base", base, "--head", head, "--acknowledge", "0123456789abcdef"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("`authz-ack:0123456789abcdef` names another set of blocking changes");
  });

  it.each([
    [["--acknowledge"], "--acknowledge"],
    [["--acknowledge", "yes"], "16 hex characters"],
    [["--format", "html"], "--format must be one of markdown, json, text"],
    [["--output", "a", "--output", "b"], "--output given twice"],
    [["--report", "json"], '--report takes <format>=<file>, with format one of markdown, json, text (got "json")'],
    [["--report", "html=r.html"], '--report must be one of markdown, json, text (got "html")'],
    [["--output", "r.md", "--report", "json=r.md"], '"r.md" is named by two reports'],
    [["--bogus"], "bogus"],
  ])("GIVEN %j WHEN parsed THEN a usage error (exit 2) names it", (extra, message) => {
    const { base, head } = writePair("cognito-to-none");
    const r = run(["--base", base, "--head", head, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("usage: npm run review");
  });

  it("GIVEN --help WHEN run THEN the usage on stdout and exit 0", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("usage: npm run review");
  });

  it("GIVEN --changed-files naming gate paths WHEN reviewed THEN the report says the pull request changes the gate", () => {
    const { base, head } = writePair("upgrade");
    const list = join(dir, "changed.txt");
    writeFileSync(list, "cli/review.ts\npolicies/petstore.yaml\nREADME.md\n");
    const r = run(["--base", base, "--head", head, "--changed-files", list]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("This pull request changes the gate itself");
    expect(r.stdout).toContain("- `cli/review.ts`");
    expect(r.stdout).not.toContain("- `README.md`");
    const missing = run(["--base", base, "--head", head, "--changed-files", join(dir, "nope.txt")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.txt");
  });

  it("GIVEN a policy that intends GET /status to be public WHEN the route is new THEN exit 0", () => {
    const { base, head } = writePair("new-public-route");
    const policy = join(dir, "petstore.yaml");
    writeFileSync(policy, 'api: petstore-*\nroutes:\n  "GET /status":\n    type: NONE\n    reason: Uptime probes read a static status page.\n');
    const r = run(["--base", base, "--head", head, "--policy", policy]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("allowed by the intended policy");
  });

  it("GIVEN --output WHEN reviewed THEN the report goes to the file and the terminal rendering to stdout (as in the check)", () => {
    const { base, head } = writePair("upgrade");
    const r = run(["--base", base, "--head", head, "--format", "json", "--output", "review.json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.files.get("review.json") ?? "{}")).toMatchObject({ version: 1, mode: "diff", blocking: 0 });
    expect(r.stdout).toMatch(/^API access review: base .* -> head /);
    expect(r.stdout).toContain("No authorization downgrade.");
  });

  it("GIVEN --output and --report WHEN a downgrade is reviewed THEN one run writes each format to its file, with the same digest", () => {
    const { base, head } = writePair("cognito-to-none");
    const r = run([
      "--base",
      base,
      "--head",
      head,
      "--format",
      "markdown",
      "--output",
      "review.md",
      "--report",
      "json=review.json",
      "--report",
      "text=review.txt",
    ]);
    expect(r.code).toBe(1);
    expect([...r.files.keys()]).toEqual(["review.md", "review.json", "review.txt"]);
    const json = JSON.parse(r.files.get("review.json") ?? "{}") as { digest: string; blocking: number };
    expect(json.blocking).toBeGreaterThan(0);
    expect(r.files.get("review.md")).toContain(`authz-ack:${json.digest}`);
    expect(r.files.get("review.txt")).toBe(r.stdout);
  });

  it("GIVEN a terminal and no --format WHEN a downgrade is reviewed THEN readable text, not Markdown", () => {
    const { base, head } = writePair("cognito-to-none");
    const out: string[] = [];
    const code = main(["--base", base, "--head", head], { stdout: (t) => out.push(t), stderr: () => undefined, writeFile: () => undefined, isTTY: true });
    const text = out.join("");
    expect(code).toBe(1);
    expect(text).not.toContain("<!--");
    expect(text).toMatch(/1 blocking change\(s\): merging is blocked until fixed, or acknowledged with the label authz-ack:[0-9a-f]{16}\./);
    expect(text).toContain("BLOCK  petstore-dev GET /pets: authorization removed: COGNITO (scopes: petstore/read) → NONE (anyone can call)");
    expect(text).toContain("  downgraded petstore-dev GET /pets: COGNITO (scopes: petstore/read) -> NONE (public)");
  });
});

describe("cdktf.out directories and the policy check", () => {
  /** A cdktf.out-shaped directory: stacks/<name>/cdk.tf.json. */
  function outDir(name: string, docs: Record<string, unknown>): string {
    const root = join(dir, name);
    for (const [stack, doc] of Object.entries(docs)) {
      mkdirSync(join(root, "stacks", stack), { recursive: true });
      writeFileSync(join(root, "stacks", stack, "cdk.tf.json"), JSON.stringify(doc));
    }
    return root;
  }

  it("GIVEN base and head cdktf.out with two stacks WHEN prod loses origin protection THEN only prod routes downgrade", () => {
    const prod = pairDocs("origin-protection-removed");
    const dev = synth("dev");
    const base = outDir("out-base", { "petstore-dev": dev, "petstore-prod": prod.base });
    const head = outDir("out-head", { "petstore-dev": dev, "petstore-prod": prod.head });
    const r = run(["--base", base, "--head", head, "--format", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { routes: { api: string; route: string; status: string }[] };
    const downgraded = report.routes.filter((x) => x.status === "downgraded");
    expect(downgraded.length).toBeGreaterThan(0);
    expect(downgraded.every((x) => x.api === "petstore-prod")).toBe(true);
    expect(report.routes.filter((x) => x.api === "petstore-dev").every((x) => x.status === "unchanged")).toBe(true);
  });

  it("GIVEN a policy WHEN reviewed THEN the head's policy findings are in the JSON and in collapsed Markdown details", () => {
    const { base, head } = writePair("waf-removed");
    const policy = join(__dirname, "..", "..", "..", "policies");
    const json = JSON.parse(run(["--base", base, "--head", head, "--policy", policy, "--format", "json"]).stdout) as { findings: { ruleId: string }[] };
    expect(json.findings.map((f) => f.ruleId)).toContain("stage-waf");
    const md = run(["--base", base, "--head", head, "--policy", policy]).stdout;
    expect(md).toMatch(/<details><summary>Policy check on the head: \d+ finding/);
    expect(md).toMatch(/\| stage-waf \| high \|/);
  });
});

describe("npm run review -- --plan (single plan)", () => {
  it("GIVEN a real terraform plan with updates and a replacement WHEN reviewed THEN before/after downgrades block", () => {
    const r = run(["--plan", PLAN, "--format", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      mode: string;
      plan: { basis: string; creates: string[]; updates: string[]; deletes: string[]; replacements: string[] };
      changes: { severity: string; kind: string; subject: string }[];
    };
    expect(report.mode).toBe("plan");
    expect(report.plan).toMatchObject({
      basis: "plan",
      replacements: ["aws_cognito_user_pool.pool"],
      deletes: ["aws_api_gateway_method.delete_pet", "aws_wafv2_web_acl_association.stage"],
    });
    expect(report.plan.updates).toContain("aws_api_gateway_method.get_pets");
    const blocking = report.changes.filter((c) => c.severity === "blocking").map((c) => `${c.kind} ${c.subject}`);
    expect(blocking).toEqual(
      expect.arrayContaining([
        "auth-removed petstore-dev GET /pets",
        "new-public-route petstore-dev GET /health",
        "waf-removed stage petstore-dev/dev",
        "mfa-weakened user pool petstore-dev-users",
        "password-policy-weakened user pool petstore-dev-users",
      ]),
    );
    expect(report.changes).toContainEqual(expect.objectContaining({ kind: "route-removed", subject: "petstore-dev DELETE /pets/{id}" }));
  });

  it("GIVEN the plan WHEN rendered as Markdown THEN the plan summary counts creates, updates, deletes and replacements", () => {
    const md = run(["--plan", PLAN]).stdout;
    expect(md).toContain("Plan: **2** to create, **4** to update, **2** to delete, **1** to replace.");
    expect(md).toContain("| :x: blocking | stage petstore-dev/dev | WAF web ACL association removed");
    expect(routeRow(md, "GET /pets")).toBe("| petstore-dev | `GET /pets` | COGNITO (scopes: petstore/read) | NONE (public) | downgraded |");
  });

  it("GIVEN a configuration instead of a plan WHEN --plan is used THEN exit 2 with the reason", () => {
    const { base } = writePair("upgrade");
    const r = run(["--plan", base]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--plan needs `terraform show -json` plan output");
  });
});

describe("bad input", () => {
  it.each([
    [[], "nothing to review"],
    [["--base", "a.json"], "missing --head"],
    [["--plan", "p.json", "--base", "a.json"], "not both"],
    [["--plan", "p.json", "--format", "html"], '--format must be one of markdown, json, text (got "html")'],
    [["--plan"], "Option '--plan <value>' argument missing"],
    [["--plan", "p.json", "--frobnicate"], "Unknown option '--frobnicate'"],
  ])("GIVEN %j WHEN parsed THEN a UsageError says %s", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
    expect(run(argv).code).toBe(2);
  });

  it("GIVEN a missing file WHEN reviewed THEN exit 2 naming the file", () => {
    const r = run(["--base", join(dir, "nope.json"), "--head", join(dir, "nope.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.json: cannot read: ENOENT/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("GIVEN a file that is not JSON WHEN reviewed THEN exit 2 with one line", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    const r = run(["--plan", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.json: bad JSON at line 1");
  });

  it("GIVEN a broken policy file WHEN reviewed THEN exit 2 naming the file and path", () => {
    const { base, head } = writePair("upgrade");
    const policy = join(dir, "broken.yaml");
    writeFileSync(policy, 'api: petstore-*\nroutes:\n  "GET /x":\n    type: MAYBE\n');
    const r = run(["--base", base, "--head", head, "--policy", policy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("broken.yaml");
    expect(r.stderr).toContain("type");
  });

  it("GIVEN the fixture file WHEN read THEN it is what terraform show -json writes", () => {
    const plan = JSON.parse(readFileSync(PLAN, "utf8")) as Record<string, unknown>;
    expect(Object.keys(plan)).toEqual(
      expect.arrayContaining(["format_version", "terraform_version", "planned_values", "resource_changes", "prior_state", "configuration"]),
    );
  });
});

describe("GIVEN base and head of different kinds", () => {
  const MAIN = join(__dirname, "fixtures", "plan", "main.tf.json");

  it("WHEN a plan file is compared with a configuration file THEN exit 2 saying to compare two of the same kind", () => {
    const r = run(["--base", MAIN, "--head", PLAN]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${PLAN}: is a plan but the base ${MAIN} is a configuration: compare two of the same kind`);
  });

  it("WHEN two cdktf.out directories differ only in the head having plans THEN both are read through cdk.tf.json, and the header says so", () => {
    const mk = (name: string, withPlan: boolean) => {
      const stack = join(dir, name, "stacks", "s");
      mkdirSync(stack, { recursive: true });
      writeFileSync(join(stack, "cdk.tf.json"), readFileSync(MAIN, "utf8"));
      if (withPlan) writeFileSync(join(stack, "plan.json"), readFileSync(PLAN, "utf8"));
      return join(dir, name);
    };
    const base = mk("kinds-base", false);
    const head = mk("kinds-head", true);
    const r = run(["--base", base, "--head", head]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Compared base \`${base} (configuration)\` with head \`${head} (configuration)\``);
    expect(r.stdout).toContain("No route or access control changed.");
  });
});
