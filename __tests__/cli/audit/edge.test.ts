// CloudFront and Lambda@Edge read from the account (aws-sdk-client-mock): the distribution in front of the REST API
// is linked to it by its origin's execute-api host (a state document carries values, not references), so the edge
// rules judge the live account. As deployed it passes; a console drift on the edge (the origin secret header
// removed, the web ACL detached, a behavior's verifier association removed) exits 1 naming the distribution.
// Function tags are read: handler-decider-declared is judged. No origin secret is kept.
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListDistributionsCommand } from "@aws-sdk/client-cloudfront";
import { ListTagsCommand } from "@aws-sdk/client-lambda";
import { main } from "../../../cli/audit";
import { codeDoorIds } from "../../../cli/private/audit/door-ids";
import { readAccount } from "../../../cli/private/audit/read";
import { deployedModel, regionDocument } from "../../../cli/private/audit/state";
import type { StateResource } from "../../../cli/private/audit/state-doc";
import { apiDistributions } from "../../../guard/access/cloudfront";
import { doorsOf } from "../../../guard/access/doors";
import { entrancesOf } from "../../../guard/access/doors/entrances";
import { loadModel } from "../../../guard/load";
import { ROOT, sampleEnv } from "../../helpers/sample";
import {
  ORIGIN_SECRET_MARKER,
  REGION,
  behaviorWithoutEdge,
  compliantAccount,
  edgeAccount,
  edgeDistribution,
  installAccount,
  writePolicy,
  type FakeAccount,
  type Mocks,
} from "./fake-account";

type Finding = { rule: string; severity: string; address: string; message: string };

async function audit(account: FakeAccount, format = "json") {
  mocks = installAccount(account);
  let out = "";
  let err = "";
  const code = await main(
    ["--region", REGION, "--policy", writePolicy(), "--format", format],
    { out: (s) => (out += s), err: (s) => (err += s) },
    undefined,
    {},
  );
  return { code, err, out, findings: out === "" || format !== "json" ? [] : (JSON.parse(out) as { findings: Finding[] }).findings };
}

let mocks: Mocks | undefined;
afterEach(() => mocks?.restore());

const EDGE_RULES = [
  "cloudfront-https-only",
  "cloudfront-tls-1-2",
  "cloudfront-web-acl",
  "cloudfront-authorization-in-cache-key",
  "edge-auth-on-viewer-request",
  "edge-origin-protected",
  "backend-doors-intended",
];

describe("GIVEN the API behind CloudFront with edge authentication, as deployed", () => {
  test("WHEN read for eu-west-1 THEN the distributions are listed in us-east-1 and linked to the API by their origin host", async () => {
    mocks = installAccount(edgeAccount());
    const snap = await readAccount({ regions: [REGION] });
    const regions = await Promise.all(
      mocks.cf.commandCalls(ListDistributionsCommand).map((c) => (c.thisValue as { config: { region: () => Promise<string> } }).config.region()),
    );
    expect(regions).toEqual(["us-east-1"]);
    const { model } = deployedModel(snap);
    const [d] = apiDistributions(model);
    expect(d?.resource.address).toContain("E2SHOPDEV");
    expect(d?.apiAddresses).toEqual([model.apis[0]?.address]);
    // The doors graph names the distribution as an entrance to the API, by value, verified (not "any API of the stack").
    const door = entrancesOf(model, model.apis[0]!).find((e) => e.kind === "distribution");
    expect(door).toMatchObject({ verifier: true });
    expect(door?.notVerified).toBeUndefined();
    // The edge version is read by its qualified ARN, in us-east-1.
    expect(model.resources.filter((r) => r.type === "aws_lambda_function").map((r) => r.values["qualified_arn"])).toContain(
      "arn:aws:lambda:us-east-1:111122223333:function:shop-edge-verifier:3",
    );
  });

  test("WHEN read for two regions THEN the distribution is kept with the region its origin is in, not the first", async () => {
    mocks = installAccount(edgeAccount());
    const snap = await readAccount({ regions: ["us-west-2", REGION] });
    expect(snap.regions.map((r) => [r.region, (r.edge?.distributions ?? []).map((d) => d.Id), (r.edge?.functions ?? []).length])).toEqual([
      ["us-west-2", [], 0],
      [REGION, ["E2SHOPDEV"], 1],
    ]);
    // Linked in that region's document, as with one region.
    const { model } = deployedModel(snap);
    expect(apiDistributions(model).map((d) => [d.resource.source.file, d.apiAddresses.length])).toEqual([[`aws:111122223333:${REGION}`, 1]]);
  });

  test("WHEN its origins are in two regions read THEN it is kept with both: a door to the APIs of each, not only the first's", async () => {
    const account = edgeAccount();
    const d = account.distributions![0]!;
    const api = d.Origins!.Items![0]!;
    d.Origins = { Quantity: 2, Items: [{ ...api, Id: "west", DomainName: "west1.execute-api.us-west-2.amazonaws.com" }, api] };
    mocks = installAccount(account);
    const snap = await readAccount({ regions: [REGION, "us-west-2"] });
    expect(snap.regions.map((r) => [r.region, (r.edge?.distributions ?? []).map((x) => x.Id), (r.edge?.functions ?? []).length])).toEqual([
      [REGION, ["E2SHOPDEV"], 1],
      ["us-west-2", ["E2SHOPDEV"], 1],
    ]);
  });

  test("WHEN audited THEN exit 0 and the edge rules are judged, none 'not verified'", async () => {
    const r = await audit(edgeAccount());
    expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(r.code).toBe(0);
    for (const id of [...EDGE_RULES, "handler-decider-declared"]) expect([id, r.findings.filter((f) => f.rule === id)]).toEqual([id, []]);
  });

  test("WHEN rendered in every format (with a finding on the distribution) THEN the origin secret appears nowhere, and the snapshot does not keep it", async () => {
    mocks = installAccount(edgeAccount());
    expect(JSON.stringify(await readAccount({ regions: [REGION] }))).not.toContain(ORIGIN_SECRET_MARKER);
    mocks.restore();
    for (const format of ["table", "json", "junit", "sarif", "markdown", "html", "oscal"]) {
      const r = await audit({ ...edgeAccount(), distributions: [{ ...edgeDistribution(), WebACLId: "" }] }, format);
      expect([format, r.out.length > 0, r.out.includes(ORIGIN_SECRET_MARKER)]).toEqual([format, true, false]);
      mocks.restore();
    }
  });
});

describe("GIVEN console drifts on the edge", () => {
  test("WHEN the origin's X-Origin-Verify header is removed THEN exit 1: edge-origin-protected, critical, names the distribution", async () => {
    const a = edgeAccount();
    const d = edgeDistribution();
    const origin = d.Origins!.Items![0]!;
    d.Origins = { Quantity: 1, Items: [{ ...origin, CustomHeaders: { Quantity: 0, Items: [] } }] };
    a.distributions = [d];
    const r = await audit(a);
    expect(r.code).toBe(1);
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        rule: "edge-origin-protected",
        severity: "critical",
        address: expect.stringContaining("E2SHOPDEV"),
        message: expect.stringContaining("x-origin-verify"),
      }),
    );
  });

  test("WHEN the stage's web ACL stops requiring the header (default ALLOW) THEN exit 1 naming the stage behind the distribution", async () => {
    const r = await audit({ ...edgeAccount(), regionalDefault: "allow" });
    expect(r.code).toBe(1);
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        rule: "edge-origin-protected",
        message: expect.stringMatching(/does not restrict the stage to CloudFront: its default action is not BLOCK/),
      }),
    );
  });

  test("WHEN the distribution's web ACL is detached THEN exit 1: cloudfront-web-acl names the distribution", async () => {
    const r = await audit({ ...edgeAccount(), distributions: [{ ...edgeDistribution(), WebACLId: "" }] });
    expect(r.code).toBe(1);
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: "cloudfront-web-acl", severity: "high", address: expect.stringContaining("E2SHOPDEV") }));
  });

  test("WHEN the verifier's association is removed from the /pets* behavior THEN exit 1: edge-auth-on-viewer-request names that behavior", async () => {
    const r = await audit({
      ...edgeAccount(),
      distributions: [{ ...edgeDistribution(), CacheBehaviors: { Quantity: 1, Items: [behaviorWithoutEdge("/pets*")] } }],
    });
    expect(r.code).toBe(1);
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        rule: "edge-auth-on-viewer-request",
        severity: "critical",
        message: expect.stringContaining("cache behavior /pets* has no viewer-request function"),
      }),
    );
  });

  test("WHEN the viewer policy is switched to allow-all THEN exit 1: cloudfront-https-only", async () => {
    const d = edgeDistribution();
    d.DefaultCacheBehavior = { ...d.DefaultCacheBehavior!, ViewerProtocolPolicy: "allow-all" };
    const r = await audit({ ...edgeAccount(), distributions: [d] });
    expect(r.code).toBe(1);
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: "cloudfront-https-only", message: expect.stringContaining("allow-all") }));
  });

  test("WHEN ListDistributions is denied THEN the edge rules are not verified, never passed", async () => {
    mocks = installAccount(edgeAccount());
    mocks.cf.on(ListDistributionsCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } }));
    let out = "";
    const code = await main(
      ["--region", REGION, "--policy", writePolicy(), "--format", "json"],
      { out: (s) => (out += s), err: () => undefined },
      undefined,
      {},
    );
    const findings = (JSON.parse(out) as { findings: Finding[] }).findings;
    expect(code).toBe(0);
    for (const id of ["cloudfront-web-acl", "edge-origin-protected", "backend-doors-intended"])
      expect(findings).toContainEqual(
        expect.objectContaining({ rule: id, address: "(audit)", message: expect.stringMatching(/is not verified: .*ListDistributions: access denied/) }),
      );
  });
});

describe("GIVEN a backend the policy names as a decider (function tags are read)", () => {
  const withDeciders = () => {
    const file = writePolicy();
    appendFileSync(file, 'deciders:\n  "shop-dev-backend": "Checks the caller\'s group before it answers."\n');
    return file;
  };
  const run = async (account: FakeAccount) => {
    mocks = installAccount(account);
    let out = "";
    const code = await main(
      ["--region", REGION, "--policy", withDeciders(), "--format", "json"],
      { out: (s) => (out += s), err: () => undefined },
      undefined,
      {},
    );
    return { code, findings: (JSON.parse(out) as { findings: Finding[] }).findings.filter((f) => f.rule === "handler-decider-declared") };
  };

  test("WHEN the function carries its access-decider tag THEN handler-decider-declared is judged and passes", async () => {
    const r = await run({ ...compliantAccount(), backendTags: { "access-decider": "checks the group" } });
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  test("WHEN the tag was removed in the console THEN exit 1 naming the function", async () => {
    const r = await run(compliantAccount());
    expect(r.code).toBe(1);
    expect(r.findings).toContainEqual(expect.objectContaining({ severity: "high", address: expect.stringContaining("shop-dev-backend") }));
  });

  test("WHEN ListTags is denied THEN the rule is not verified, never passed", async () => {
    mocks = installAccount({ ...compliantAccount(), backendTags: { "access-decider": "checks the group" } });
    mocks.fn.on(ListTagsCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } }));
    let out = "";
    await main(["--region", REGION, "--policy", withDeciders(), "--format", "json"], { out: (s) => (out += s), err: () => undefined }, undefined, {});
    const findings = (JSON.parse(out) as { findings: Finding[] }).findings.filter((f) => f.rule === "handler-decider-declared");
    expect(findings).toContainEqual(expect.objectContaining({ address: "(audit)", message: expect.stringMatching(/not verified: .*ListTags/) }));
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
  });
});

describe("GIVEN a route the policy intends EDGE (open at the gateway, authenticated by the verifier)", () => {
  const edgePolicy = () => {
    const file = writePolicy();
    appendFileSync(file, ["overrides:", '  - apis: ["shop-*"]', "    routes:", '      "GET /health":', "        type: EDGE", ""].join("\n"));
    return file;
  };
  const run = async (account: FakeAccount) => {
    mocks = installAccount(account);
    let out = "";
    const code = await main(
      ["--region", REGION, "--policy", edgePolicy(), "--format", "json"],
      { out: (s) => (out += s), err: () => undefined },
      undefined,
      {},
    );
    return { code, findings: (JSON.parse(out) as { findings: Finding[] }).findings.filter((f) => f.message.includes("GET /health")) };
  };

  test("WHEN the edge is as deployed THEN the route's edge protection holds; only what the verifier enforces inside is not verified", async () => {
    const r = await run(edgeAccount());
    expect(r.code).toBe(0);
    expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
    // Its bundled configuration is not in the account (as an authorizer's route table): said so, naming the live
    // version the association was linked to by value.
    expect(r.findings).toEqual([
      expect.objectContaining({
        rule: "method-matches-policy",
        message: expect.stringMatching(
          /edge-config\.json, not available for aws_lambda_function\.live\["111122223333 us-east-1 function shop-edge-verifier:3"\].*not verified$/,
        ),
      }),
    ]);
  });

  test("WHEN every verifier association is removed in the console THEN exit 1: the EDGE route is open, naming the distribution", async () => {
    const d = {
      ...edgeDistribution(),
      DefaultCacheBehavior: behaviorWithoutEdge("*"),
      CacheBehaviors: { Quantity: 1, Items: [behaviorWithoutEdge("/pets*")] },
    };
    const r = await run({ ...edgeAccount(), distributions: [d] });
    expect(r.code).toBe(1);
    expect(r.findings).toContainEqual(
      expect.objectContaining({ severity: "critical", message: expect.stringMatching(/E2SHOPDEV.*has no viewer-request Lambda@Edge function/) }),
    );
  });
});

describe("GIVEN the policy's doors written for the code's distribution, audited with and without --plan", () => {
  const CODE_ADDRESS = "aws_cloudfront_distribution.perimeter_cloudfront_distribution_1A2B3C";
  /** The reviewed code: the as-deployed account's document, its distribution at the Terraform address the code gives it. */
  const codePlan = async (): Promise<string> => {
    const m = installAccount(edgeAccount());
    try {
      const snap = await readAccount({ regions: [REGION] });
      const doc = regionDocument(snap.account, snap.regions[0]!).document as { values: { root_module: { resources: StateResource[] } } };
      const resources = doc.values.root_module.resources.map((r) =>
        r.type === "aws_cloudfront_distribution" ? { ...r, address: CODE_ADDRESS, name: "perimeter_cloudfront_distribution_1A2B3C", index: undefined } : r,
      );
      const file = join(mkdtempSync(join(tmpdir(), "audit-plan-")), "plan.json");
      writeFileSync(file, JSON.stringify({ ...doc, values: { root_module: { resources } } }));
      return file;
    } finally {
      m.restore();
    }
  };
  const withDoors = () => {
    const file = writePolicy();
    appendFileSync(
      file,
      [
        "doors:",
        '  "shop-*":',
        "    only:",
        '      - "api:shop-*"',
        '      - "execute-api:shop-*"',
        '      - "distribution:aws_cloudfront_distribution.perimeter_cloudfront_distribution_*"',
        "",
      ].join("\n"),
    );
    return file;
  };
  const run = async (account: FakeAccount, plan: string | undefined) => {
    const policy = withDoors();
    mocks = installAccount(account);
    let out = "";
    const code = await main(
      ["--region", REGION, "--policy", policy, ...(plan === undefined ? [] : ["--plan", plan]), "--format", "json"],
      { out: (s) => (out += s), err: () => undefined },
      undefined,
      {},
    );
    return { code, doors: (JSON.parse(out) as { findings: Finding[] }).findings.filter((f) => f.rule === "backend-doors-intended") };
  };
  /** A second distribution in front of the same API: a door the code does not have. */
  const twin = (): FakeAccount => {
    const d = edgeDistribution();
    return { ...edgeAccount(), distributions: [edgeDistribution(), { ...d, Id: "E9TWIN", ARN: d.ARN!.replace("E2SHOPDEV", "E9TWIN"), Comment: "twin" }] };
  };

  test("WHEN audited with --plan THEN the live distribution has the code's door id and no backend-doors-intended finding", async () => {
    const r = await run(edgeAccount(), await codePlan());
    expect(r.doors).toEqual([]);
    expect(r.code).toBe(0);
  });

  test("WHEN a second live distribution fronts the same API THEN both are reported (ambiguous), each by its live address", async () => {
    const r = await run(twin(), await codePlan());
    expect(r.code).toBe(1);
    const messages = r.doors.map((f) => f.message).join("\n");
    expect(messages).toContain('distribution:aws_cloudfront_distribution.live["111122223333 global distribution E9TWIN twin"]');
    expect(messages).toContain('distribution:aws_cloudfront_distribution.live["111122223333 global distribution E2SHOPDEV');
  });

  test("WHEN audited without --plan THEN the distribution keeps its live door id and is reported, naming its live address", async () => {
    const r = await run(edgeAccount(), undefined);
    expect(r.code).toBe(1);
    expect(r.doors).toContainEqual(
      expect.objectContaining({
        message: expect.stringContaining('distribution:aws_cloudfront_distribution.live["111122223333 global distribution E2SHOPDEV'),
      }),
    );
  });
});

describe("GIVEN the code's and the account's distributions (codeDoorIds)", () => {
  const models = async (account: FakeAccount) => {
    const m = installAccount(account);
    try {
      return deployedModel(await readAccount({ regions: [REGION] })).model;
    } finally {
      m.restore();
    }
  };

  test("WHEN one live distribution fronts the APIs one code distribution fronts THEN the door is named by the code's address, the label keeps the live one", async () => {
    const live = await models(edgeAccount());
    const code = live; // same values: the correspondence is by the fronted APIs' names
    const ids = codeDoorIds(code, live);
    expect(ids.size).toBe(1);
    const named = { ...live, doorIds: ids };
    const door = entrancesOf(named, named.apis[0]!).find((e) => e.kind === "distribution");
    expect(door?.id).toBe(`distribution:${[...ids.values()][0]}`);
    expect(door?.label).toContain("E2SHOPDEV");
    expect(door?.addresses[0]).toContain("E2SHOPDEV");
  });

  test("WHEN the live origin's API is not known (an execute-api host of no API here) THEN nothing is renamed", async () => {
    const code = await models(edgeAccount());
    const d = edgeDistribution();
    d.Origins!.Items![0]!.DomainName = `zzz9.execute-api.${REGION}.amazonaws.com`;
    const live = await models({ ...edgeAccount(), distributions: [d] });
    expect(codeDoorIds(code, live).size).toBe(0);
  });

  test("WHEN the code is the sample's synth THEN prod's distribution (its origin names the API by reference) corresponds to the live one fronting petstore-prod, and only to that", async () => {
    const outdir = join(mkdtempSync(join(tmpdir(), "audit-sample-")), "cdktf.out");
    const synth = spawnSync(process.execPath, [join(ROOT, "scripts", "synth.mjs")], {
      cwd: ROOT,
      env: { ...sampleEnv(), CDKTF_OUTDIR: outdir },
      encoding: "utf8",
    });
    if (synth.status !== 0) throw new Error(synth.stderr);
    const code = loadModel(outdir);
    const [prod] = code.resources.filter((r) => r.type === "aws_cloudfront_distribution");
    expect(prod?.address).toMatch(/^aws_cloudfront_distribution\.perimeter_cloudfront_distribution_/);
    const live = await models({ ...edgeAccount(), apiName: "petstore-prod" });
    expect([...codeDoorIds(code, live).values()]).toEqual([prod?.address]);
    // Another API's name (dev's, or an API the code does not have): nothing corresponds.
    expect(codeDoorIds(code, await models({ ...edgeAccount(), apiName: "petstore-dev" })).size).toBe(0);
    expect(codeDoorIds(code, await models(edgeAccount())).size).toBe(0);
  });

  test("WHEN the code has no distribution THEN nothing is renamed", async () => {
    const code = await models({ ...edgeAccount(), distributions: [] });
    expect(codeDoorIds(code, await models(edgeAccount())).size).toBe(0);
  });
});

describe("GIVEN the backend's permission for API Gateway, judged by value (backend-doors-intended, no doors section)", () => {
  const permissionDoors = async (account: FakeAccount) => {
    const r = await audit(account);
    return r.findings.filter((f) => f.rule === "backend-doors-intended" && f.message.includes("lambda-permission:"));
  };

  test("WHEN its source ARN is under the API's execution ARN THEN it is the API's plumbing, not a door", async () => {
    expect(await permissionDoors(edgeAccount())).toEqual([]);
  });

  test.each([
    ["another API's id", `arn:aws:execute-api:${REGION}:111122223333:zzz9/*/*/*`],
    ["the API's id in another region", `arn:aws:execute-api:us-west-2:111122223333:api1/*/*/*`],
    ["any API", `arn:aws:execute-api:${REGION}:111122223333:*`],
  ])("WHEN its source ARN names %s THEN it is a door the policy does not intend", async (_what, arn) => {
    const found = await permissionDoors({ ...edgeAccount(), apiGatewaySourceArn: arn });
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain("shop-dev-backend permission apigw");
  });
});

describe("GIVEN the account's integrations, linked to their methods by value (doors graph)", () => {
  const read = async () => {
    const m = installAccount(edgeAccount());
    try {
      return deployedModel(await readAccount({ regions: [REGION] })).model;
    } finally {
      m.restore();
    }
  };

  test("WHEN one integration carries the method's API, resource and verb THEN the route reaches the backend through it", async () => {
    const ids = doorsOf(await read()).flatMap((t) => t.doors.map((d) => `${t.target.label} ${d.id}`));
    expect(ids).toContain("shop-dev-backend api:shop-dev GET /pets");
  });

  test("WHEN two integrations carry them THEN neither is taken for the method's (no guess)", async () => {
    const model = await read();
    const twin = model.resources.find(
      (r) => r.type === "aws_api_gateway_integration" && String(r.values["http_method"]) === "GET" && r.address.endsWith(' GET /pets integration"]'),
    );
    expect(twin).toBeDefined();
    const doubled = {
      ...model,
      resources: [...model.resources, { ...twin!, address: `${twin!.address}-twin`, values: { ...twin!.values, uri: "https://elsewhere.example.com" } }],
    };
    const ids = doorsOf(doubled).flatMap((t) => t.doors.map((d) => `${t.target.label} ${d.id}`));
    expect(ids).not.toContain("shop-dev-backend api:shop-dev GET /pets");
    expect(ids.some((i) => i.startsWith("https://elsewhere"))).toBe(false);
  });
});
