// CloudFront drift against the reviewed code (--plan): the code is the sample's real synth (petstore-prod's
// distribution: the edge verifier on viewer-request, the CLOUDFRONT web ACL, the per-caller cache policy, the
// origin-verify header), the account a fake (aws-sdk-client-mock) serving that distribution as deployed, read by
// the real reader and adapter. As deployed: no CloudFront drift. Each console edit that changes who gets in or as
// whom is a finding naming both values; its harmless twin is none. What cannot be resolved is "not verified".
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DistributionSummary } from "@aws-sdk/client-cloudfront";
import { main } from "../../../cli/audit";
import { cloudfrontDriftEntries } from "../../../cli/private/audit/drift-cloudfront";
import type { DriftEntry } from "../../../cli/private/audit/drift-entry";
import { readAccount } from "../../../cli/private/audit/read";
import { loadModel } from "../../../guard/load";
import { ROOT, sampleEnv } from "../../helpers/sample";
import { ACCOUNT, edgeAccount, installAccount, REGION, writePolicy, type FakeAccount, type Mocks } from "./fake-account";
import { ACL_ARN, EDGE_NAME, OTHER_CODE_HASH, STACK, behavior, edgeArn, liveModel, sampleEdgeAccount } from "./sample-edge-account";

const CF_FUNCTION_ARN = (name: string) => `arn:aws:cloudfront::${ACCOUNT}:function/${name}`;
const REWRITE_CODE = "function handler(event) { return event.request; }";
const SECRET_IN_FUNCTION = "PLANTED-CLOUDFRONT-FUNCTION-SECRET-8a1f";

let synthDir = "";
let prodJson: Record<string, unknown> = {};
let sourceCodeHash = "";

beforeAll(() => {
  const outdir = join(mkdtempSync(join(tmpdir(), "cf-drift-")), "cdktf.out");
  const synth = spawnSync(process.execPath, [join(ROOT, "scripts", "synth.mjs")], {
    cwd: ROOT,
    env: { ...sampleEnv(), CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  if (synth.status !== 0) throw new Error(synth.stderr);
  synthDir = outdir;
  prodJson = JSON.parse(readFileSync(join(outdir, "stacks", STACK, "cdk.tf.json"), "utf8")) as Record<string, unknown>;
  const fns = (prodJson["resource"] as Record<string, Record<string, Record<string, unknown>>>)["aws_lambda_function"] ?? {};
  sourceCodeHash = String(Object.values(fns).find((f) => f["function_name"] === EDGE_NAME)?.["source_code_hash"]);
}, 60_000);

type Tf = { resource: Record<string, Record<string, Record<string, unknown>>> };

/** The reviewed code: the sample's prod stack, edited as a pull request would, written to its own cdk.tf.json. */
function codeFile(edit: (tf: Tf) => void = () => undefined): string {
  const tf = structuredClone(prodJson) as Tf;
  edit(tf);
  const dir = mkdtempSync(join(tmpdir(), "cf-drift-code-"));
  const file = join(dir, "cdk.tf.json");
  writeFileSync(file, JSON.stringify(tf));
  return file;
}

const distributionOf = (tf: Tf): Record<string, unknown> => Object.values(tf.resource["aws_cloudfront_distribution"] ?? {})[0] as Record<string, unknown>;

/** The code with a CloudFront Function on the default behavior's viewer-request. */
const withRewrite = (tf: Tf) => {
  tf.resource["aws_cloudfront_function"] = { rewrite: { name: "petstore-prod-rewrite", runtime: "cloudfront-js-2.0", code: REWRITE_CODE, publish: true } };
  const b = distributionOf(tf)["default_cache_behavior"] as Record<string, unknown>;
  b["function_association"] = [{ event_type: "viewer-request", function_arn: "${aws_cloudfront_function.rewrite.arn}" }];
};

let mocks: Mocks | undefined;
afterEach(() => mocks?.restore());

async function drift(a: FakeAccount, code: string = codeFile()): Promise<DriftEntry[]> {
  return cloudfrontDriftEntries(loadModel(code), await liveModel(a), []);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const messages = (entries: readonly DriftEntry[]) => entries.map((e) => `${e.severity} ${e.message}`);

describe("GIVEN petstore-prod's distribution as the code says and the account holds it", () => {
  test("WHEN compared THEN there is no CloudFront drift at all, not even 'not verified'", async () => {
    expect(messages(await drift(sampleEdgeAccount(sourceCodeHash)))).toEqual([]);
  });

  test("WHEN the code is the whole cdktf.out (dev and prod) THEN still none: dev has no distribution, prod's is paired", async () => {
    const entries = cloudfrontDriftEntries(loadModel(synthDir), await liveModel(sampleEdgeAccount(sourceCodeHash)), []);
    expect(messages(entries)).toEqual([]);
  });
});

describe("GIVEN a console edit to the distribution", () => {
  const one = async (edit: (d: DistributionSummary, a: FakeAccount) => void, code?: string) => {
    const entries = await drift(sampleEdgeAccount(sourceCodeHash, edit), code);
    return messages(entries);
  };

  test.each<[string, (d: DistributionSummary) => void, string]>([
    [
      "the web ACL detached",
      (d) => (d.WebACLId = ""),
      "high distribution petstore-prod API (E7PETPROD): web ACL: deployed none, code petstore-prod-cloudfront",
    ],
    [
      "another web ACL attached",
      (d) => (d.WebACLId = ACL_ARN("allow-everything")),
      "high distribution petstore-prod API (E7PETPROD): web ACL: deployed allow-everything, code petstore-prod-cloudfront",
    ],
    [
      "the verifier's association removed",
      (d) => (d.DefaultCacheBehavior = { ...d.DefaultCacheBehavior!, LambdaFunctionAssociations: { Quantity: 0, Items: [] } }),
      `high distribution petstore-prod API (E7PETPROD): default behavior viewer-request edge function: deployed none, code ${EDGE_NAME}`,
    ],
    [
      "the verifier moved to origin-request (after the cache)",
      (d) =>
        (d.DefaultCacheBehavior = {
          ...d.DefaultCacheBehavior!,
          LambdaFunctionAssociations: { Quantity: 1, Items: [{ EventType: "origin-request", LambdaFunctionARN: edgeArn(7) }] },
        }),
      `high distribution petstore-prod API (E7PETPROD): default behavior origin-request edge function: deployed ${EDGE_NAME}, code none`,
    ],
    [
      "another function on viewer-request",
      (d) =>
        (d.DefaultCacheBehavior = {
          ...d.DefaultCacheBehavior!,
          LambdaFunctionAssociations: { Quantity: 1, Items: [{ EventType: "viewer-request", LambdaFunctionARN: edgeArn(1, "pass-through") }] },
        }),
      `high distribution petstore-prod API (E7PETPROD): default behavior viewer-request edge function: deployed pass-through, code ${EDGE_NAME}`,
    ],
    [
      "the viewer protocol switched to allow-all",
      (d) => (d.DefaultCacheBehavior = { ...d.DefaultCacheBehavior!, ViewerProtocolPolicy: "allow-all" }),
      "high distribution petstore-prod API (E7PETPROD): default behavior viewer protocol policy: deployed allow-all, code https-only",
    ],
    [
      "TLS 1.0 allowed",
      (d) => (d.ViewerCertificate = { ...d.ViewerCertificate, MinimumProtocolVersion: "TLSv1" }),
      "high distribution petstore-prod API (E7PETPROD): minimum TLS: deployed TLSv1, code TLSv1.2_2021",
    ],
    [
      "Authorization taken out of the cache key (CachingOptimized-like policy)",
      (d) => (d.DefaultCacheBehavior = { ...d.DefaultCacheBehavior!, CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" }),
      "high distribution petstore-prod API (E7PETPROD): default behavior Authorization: deployed not in the cache key (CachingDisabled), code in the cache key",
    ],
    [
      "the origin pointed at another stage",
      (d) => (d.Origins!.Items![0]!.OriginPath = "/dev"),
      "high distribution petstore-prod API (E7PETPROD): origin api-gateway path: deployed /dev, code /v1",
    ],
    [
      "the origin-verify header removed",
      (d) => (d.Origins!.Items![0]!.CustomHeaders = { Quantity: 0, Items: [] }),
      "high distribution petstore-prod API (E7PETPROD): origin api-gateway custom headers (names; values are never read): deployed none, code x-origin-verify",
    ],
    [
      "an identity header added to the origin",
      (d) =>
        (d.Origins!.Items![0]!.CustomHeaders = {
          Quantity: 2,
          Items: [...d.Origins!.Items![0]!.CustomHeaders!.Items!, { HeaderName: "X-Forwarded-User", HeaderValue: "admin" }],
        }),
      "high distribution petstore-prod API (E7PETPROD): origin api-gateway custom headers (names; values are never read): deployed x-forwarded-user, x-origin-verify, code x-origin-verify",
    ],
    [
      "the origin reached over HTTP (its secret header in clear)",
      (d) => (d.Origins!.Items![0]!.CustomOriginConfig = { ...d.Origins!.Items![0]!.CustomOriginConfig!, OriginProtocolPolicy: "http-only" }),
      "high distribution petstore-prod API (E7PETPROD): origin api-gateway protocol: deployed http-only, code https-only",
    ],
    [
      "an origin request policy forwarding other viewer headers",
      (d) => (d.DefaultCacheBehavior = { ...d.DefaultCacheBehavior!, OriginRequestPolicyId: "216adef6-5c7f-47e4-b989-5492eafa07d3" }),
      "medium distribution petstore-prod API (E7PETPROD): default behavior origin request policy: deployed 216adef6-5c7f-47e4-b989-5492eafa07d3, code b689b0a8-53d0-40ab-baf2-68738e2966ac",
    ],
    [
      "DELETE no longer allowed",
      (d) =>
        (d.DefaultCacheBehavior = { ...d.DefaultCacheBehavior!, AllowedMethods: { Quantity: 6, Items: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH"] } }),
      "medium distribution petstore-prod API (E7PETPROD): default behavior allowed methods: deployed GET, HEAD, OPTIONS, PATCH, POST, PUT, code DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
    ],
    [
      "a path pattern added in front of the verifier",
      (d) => (d.CacheBehaviors = { Quantity: 1, Items: [behavior({ PathPattern: "/admin*", LambdaFunctionAssociations: { Quantity: 0, Items: [] } })] }),
      "high distribution petstore-prod API (E7PETPROD): behavior /admin*: deployed present, code none (a path the review never saw)",
    ],
  ])("WHEN %s THEN a drift finding names both values", async (_what, edit, expected) => {
    expect(await one((d) => edit(d))).toContainEqual(expect.stringMatching(new RegExp(`^${escape(expected)}( \\(.*\\))?$`)));
  });

  test("WHEN signed URLs are required in code and the key group is removed in the console THEN high; the twin (kept) none", async () => {
    const code = codeFile((tf) => {
      (distributionOf(tf)["default_cache_behavior"] as Record<string, unknown>)["trusted_key_groups"] = ["kg-partners"];
    });
    const keys = (items: string[]) => (d: DistributionSummary) =>
      (d.DefaultCacheBehavior = { ...d.DefaultCacheBehavior!, TrustedKeyGroups: { Enabled: items.length > 0, Quantity: items.length, Items: items } });
    expect(await one(keys(["kg-partners"]), code)).toEqual([]);
    expect(await one(keys([]), code)).toEqual([
      "high distribution petstore-prod API (E7PETPROD): default behavior trusted key groups (signed URLs): deployed none (anyone may fetch), code kg-partners",
    ]);
    // Required in the account where the code has none: stricter, still a difference.
    expect(await one(keys(["kg-partners"]))).toEqual([
      "medium distribution petstore-prod API (E7PETPROD): default behavior trusted key groups (signed URLs): deployed kg-partners, code none (anyone may fetch)",
    ]);
  });

  test("WHEN a web ACL is attached where the code has none THEN medium (stricter, still a difference)", async () => {
    const code = codeFile((tf) => {
      delete distributionOf(tf)["web_acl_id"];
    });
    expect(await one(() => undefined, code)).toEqual([
      "medium distribution petstore-prod API (E7PETPROD): web ACL: deployed petstore-prod-cloudfront, code none (the web ACL filters every request before it reaches a behavior)",
    ]);
  });

  test("WHEN the API origin is pointed at another host THEN the distribution fronts no API: the code's is not deployed (medium), and the edge rules judge the API left bare", async () => {
    expect(await one((d) => (d.Origins!.Items![0]!.DomainName = "backend.attacker.example"))).toEqual([
      "medium distribution petstore-prod API: code fronts API petstore-prod, no live distribution corresponds to it",
    ]);
  });

  test("WHEN a second origin (in code and account) is pointed at another host THEN high, naming both", async () => {
    const code = codeFile((tf) => {
      const d = distributionOf(tf);
      d["origin"] = [
        ...(d["origin"] as unknown[]),
        {
          origin_id: "static",
          domain_name: "static.example.com",
          custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] },
        },
      ];
    });
    const withStatic = (host: string) => (d: DistributionSummary) => {
      d.Origins = {
        Quantity: 2,
        Items: [
          ...d.Origins!.Items!,
          { Id: "static", DomainName: host, CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: "https-only" } },
        ],
      };
    };
    expect(await one(withStatic("static.example.com"), code)).toEqual([]);
    expect(await one(withStatic("backend.attacker.example"), code)).toEqual([
      "high distribution petstore-prod API (E7PETPROD): origin static reaches: deployed host backend.attacker.example, code host static.example.com (another backend behind the same behaviors)",
    ]);
  });

  test("WHEN the viewer protocol is redirect-to-https THEN high: a plain HTTP request (its token in clear) is answered where the code refuses it", async () => {
    const found = await one((d) => (d.DefaultCacheBehavior = { ...d.DefaultCacheBehavior!, ViewerProtocolPolicy: "redirect-to-https" }));
    expect(found).toContain(
      "high distribution petstore-prod API (E7PETPROD): default behavior viewer protocol policy: deployed redirect-to-https, code https-only",
    );
  });

  test("WHEN the verifier's association names a version published by hand with other code THEN high, naming both code hashes (same name: only the code tells)", async () => {
    const found = await one(
      (d) =>
        (d.DefaultCacheBehavior = {
          ...d.DefaultCacheBehavior!,
          LambdaFunctionAssociations: { Quantity: 1, Items: [{ EventType: "viewer-request", LambdaFunctionARN: edgeArn(8) }] },
        }),
    );
    expect(found).toEqual([
      `high distribution petstore-prod API (E7PETPROD): default behavior viewer-request edge function code (SHA-256): deployed ${OTHER_CODE_HASH}, code ${sourceCodeHash} (the deployed function runs code other than the reviewed code)`,
    ]);
  });

  test("WHEN its harmless twin: another version number with the reviewed code THEN no drift", async () => {
    const found = await one((d, a) => {
      a.edgeFunctions = [...(a.edgeFunctions ?? []), { ...a.edgeFunctions![0]!, FunctionArn: edgeArn(9), Version: "9" }];
      d.DefaultCacheBehavior = {
        ...d.DefaultCacheBehavior!,
        LambdaFunctionAssociations: { Quantity: 1, Items: [{ EventType: "viewer-request", LambdaFunctionARN: edgeArn(9) }] },
      };
    });
    expect(found).toEqual([]);
  });

  test("WHEN the version's code cannot be read THEN 'not verified' (info), never a pass", async () => {
    const found = await one(
      (d) =>
        (d.DefaultCacheBehavior = {
          ...d.DefaultCacheBehavior!,
          LambdaFunctionAssociations: { Quantity: 1, Items: [{ EventType: "viewer-request", LambdaFunctionARN: edgeArn(42) }] },
        }),
    );
    expect(found).toEqual([
      expect.stringMatching(/^info .*viewer-request edge function code \(SHA-256\): not verified \(deployed: the code of .*:42 was not read\)/),
    ]);
  });

  test("WHEN the harmless twins (aliases, price class, comment-free settings the drift does not judge) change THEN no drift", async () => {
    expect(
      await one((d) => {
        d.PriceClass = "PriceClass_All";
        d.Aliases = { Quantity: 1, Items: ["pets.example.com"] };
        d.HttpVersion = "http2";
      }),
    ).toEqual([]);
  });
});

describe("GIVEN distributions on one side only", () => {
  test("WHEN a second live distribution fronts the same API THEN both are doors outside review (high) and the code's is paired with neither", async () => {
    const found = messages(
      await drift(
        sampleEdgeAccount(sourceCodeHash, (d, a) => {
          a.distributions = [d, { ...d, Id: "E8TWIN", ARN: d.ARN!.replace("E7PETPROD", "E8TWIN") }];
        }),
      ),
    );
    expect(found).toEqual([
      "high distribution E7PETPROD: deployed in front of API petstore-prod, code has no distribution that corresponds to it (a door added outside review)",
      "high distribution E8TWIN: deployed in front of API petstore-prod, code has no distribution that corresponds to it (a door added outside review)",
      "medium distribution petstore-prod API: code fronts API petstore-prod, no live distribution corresponds to it",
    ]);
  });

  test("WHEN the account has a distribution in front of the code's API that the code lacks THEN high, naming it", async () => {
    const code = codeFile((tf) => {
      delete tf.resource["aws_cloudfront_distribution"];
    });
    expect(messages(await drift(sampleEdgeAccount(sourceCodeHash), code))).toEqual([
      "high distribution E7PETPROD: deployed in front of API petstore-prod, code has no distribution that corresponds to it (a door added outside review)",
    ]);
  });

  test("WHEN the code's distribution is not deployed THEN medium, naming it", async () => {
    const a = sampleEdgeAccount(sourceCodeHash);
    a.distributions = [];
    expect(messages(await drift(a))).toEqual(["medium distribution petstore-prod API: code fronts API petstore-prod, no live distribution corresponds to it"]);
  });

  test("WHEN ListDistributions failed THEN a code distribution not seen is 'not verified' (info), never 'not deployed'", async () => {
    const a = sampleEdgeAccount(sourceCodeHash);
    a.distributions = [];
    const entries = cloudfrontDriftEntries(loadModel(codeFile()), await liveModel(a), [
      { region: "us-east-1", service: "cloudfront", what: "ListDistributions", reason: "access denied" },
    ]);
    expect(messages(entries)).toEqual([
      "info distribution petstore-prod API: code fronts API petstore-prod, no live distribution corresponds to it (not verified: ListDistributions: access denied)",
    ]);
  });
});

describe("GIVEN code values that cannot be resolved in the plan", () => {
  test("WHEN the code's web ACL reference names no web ACL THEN 'not verified' (info), never a pass", async () => {
    const code = codeFile((tf) => {
      distributionOf(tf)["web_acl_id"] = "${aws_wafv2_web_acl.missing.arn}";
    });
    expect(messages(await drift(sampleEdgeAccount(sourceCodeHash), code))).toEqual([
      "info distribution petstore-prod API (E7PETPROD): web ACL: not verified (code: the code's web ACL reference resolves to no web ACL of known name)",
    ]);
  });
});

describe("GIVEN a CloudFront Function on viewer-request in the code", () => {
  const withFunction = (code: string) =>
    sampleEdgeAccount(sourceCodeHash, (d, a) => {
      a.cloudfrontFunctions = { "petstore-prod-rewrite": code };
      d.DefaultCacheBehavior = {
        ...d.DefaultCacheBehavior!,
        FunctionAssociations: { Quantity: 1, Items: [{ EventType: "viewer-request", FunctionARN: CF_FUNCTION_ARN("petstore-prod-rewrite") }] },
      };
    });

  test("WHEN the LIVE code is the reviewed code THEN no drift", async () => {
    expect(messages(await drift(withFunction(REWRITE_CODE), codeFile(withRewrite)))).toEqual([]);
  });

  test("WHEN the LIVE code differs THEN high on viewer-request, naming the function and both digests, never the code", async () => {
    const live = `function handler(event) { /* ${SECRET_IN_FUNCTION} */ event.request.headers["x-user"] = { value: "admin" }; return event.request; }`;
    const entries = await drift(withFunction(live), codeFile(withRewrite));
    expect(messages(entries)).toEqual([
      expect.stringMatching(
        /^high distribution petstore-prod API \(E7PETPROD\): default behavior viewer-request CloudFront Function code \(SHA-256\): deployed [0-9a-f]{64}, code [0-9a-f]{64} /,
      ),
    ]);
    expect(JSON.stringify(entries)).not.toContain(SECRET_IN_FUNCTION);
  });

  test("WHEN the association was removed in the console THEN high, naming the function", async () => {
    expect(messages(await drift(sampleEdgeAccount(sourceCodeHash), codeFile(withRewrite)))).toEqual([
      "high distribution petstore-prod API (E7PETPROD): default behavior viewer-request CloudFront Function: deployed none, code petstore-prod-rewrite",
    ]);
  });

  test("WHEN a function the code does not have is associated THEN high", async () => {
    expect(messages(await drift(withFunction(REWRITE_CODE)))).toEqual([
      "high distribution petstore-prod API (E7PETPROD): default behavior viewer-request CloudFront Function: deployed petstore-prod-rewrite, code none",
    ]);
  });

  test("WHEN its LIVE code cannot be read THEN 'not verified' (info)", async () => {
    const a = withFunction(REWRITE_CODE);
    a.cloudfrontFunctions = {};
    expect(messages(await drift(a, codeFile(withRewrite)))).toEqual([
      expect.stringMatching(
        /^info .*viewer-request CloudFront Function code \(SHA-256\): not verified \(deployed: the LIVE code of petstore-prod-rewrite was not read\)/,
      ),
    ]);
  });

  test("WHEN read THEN only the digest of the LIVE code is kept: the snapshot holds neither the code nor its secret", async () => {
    mocks = installAccount(withFunction(`function handler(e) { var k = "${SECRET_IN_FUNCTION}"; return e.request; }`));
    const snap = await readAccount({ regions: [REGION] });
    expect(JSON.stringify(snap)).not.toContain(SECRET_IN_FUNCTION);
    expect(snap.regions[0]?.edge?.cloudfrontFunctions).toEqual([
      { name: "petstore-prod-rewrite", arn: CF_FUNCTION_ARN("petstore-prod-rewrite"), stage: "LIVE", codeSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });

  test("WHEN audited with --plan in every format THEN exit 1 with deployed-matches-code, and the function's code appears in no output", async () => {
    const live = `function handler(event) { var k = "${SECRET_IN_FUNCTION}"; return event.request; }`;
    const plan = codeFile(withRewrite);
    for (const format of ["json", "table", "sarif", "markdown", "html", "oscal", "junit"]) {
      mocks = installAccount(withFunction(live));
      let out = "";
      const code = await main(
        ["--region", REGION, "--policy", writePolicy(), "--plan", plan, "--format", format],
        { out: (s) => (out += s), err: () => undefined },
        undefined,
        {},
      );
      mocks.restore();
      mocks = undefined;
      expect([format, code, out.includes(SECRET_IN_FUNCTION), out.includes("CloudFront Function code (SHA-256)")]).toEqual([format, 1, false, true]);
    }
  });
});

describe("GIVEN origin groups (read from the distribution, as the provider's origin_group blocks)", () => {
  const withGroup = (members: string[]) =>
    sampleEdgeAccount(sourceCodeHash, (d) => {
      d.Origins = {
        Quantity: 2,
        Items: [
          ...d.Origins!.Items!,
          { Id: "static", DomainName: "static.example.com", CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: "https-only" } },
        ],
      };
      d.OriginGroups = {
        Quantity: 1,
        Items: [
          {
            Id: "failover",
            FailoverCriteria: { StatusCodes: { Quantity: 1, Items: [503] } },
            Members: { Quantity: members.length, Items: members.map((OriginId) => ({ OriginId })) },
          },
        ],
      };
    });

  test("WHEN read THEN the state holds origin_group blocks in the provider's shape", async () => {
    const model = await liveModel(withGroup(["api-gateway", "static"]));
    const d = model.resources.find((r) => r.type === "aws_cloudfront_distribution");
    expect(d?.values["origin_group"]).toEqual([
      { origin_id: "failover", failover_criteria: [{ status_codes: [503] }], member: [{ origin_id: "api-gateway" }, { origin_id: "static" }] },
    ]);
  });

  test("WHEN the code has none THEN the group and its extra origin are drift", async () => {
    const found = messages(await drift(withGroup(["api-gateway", "static"])));
    expect(found).toEqual(
      expect.arrayContaining([
        "medium distribution petstore-prod API (E7PETPROD): origin static: deployed present, reaching host static.example.com, code none",
        "high distribution petstore-prod API (E7PETPROD): origin group failover members: deployed api-gateway, static, code none",
      ]),
    );
  });
});

describe("GIVEN a behavior whose target is an origin group, judged on the account as on a plan (guard/access/origin.ts)", () => {
  /** The policy intends GET /health EDGE: its protection needs the verifier on every behavior toward the API. */
  const edgeRoute = async (members: string[]) => {
    const a = edgeAccount();
    const d = a.distributions![0]!;
    d.Origins = {
      Quantity: 3,
      Items: [
        ...d.Origins!.Items!,
        ...["s3-a", "s3-b"].map((Id) => ({
          Id,
          DomainName: `${Id}.example.com`,
          CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: "https-only" as const },
        })),
      ],
    };
    d.OriginGroups = {
      Quantity: 1,
      Items: [
        {
          Id: "static",
          FailoverCriteria: { StatusCodes: { Quantity: 1, Items: [503] } },
          Members: { Quantity: members.length, Items: members.map((OriginId) => ({ OriginId })) },
        },
      ],
    };
    // A behavior toward the group without the verifier.
    d.CacheBehaviors = {
      Quantity: 2,
      Items: [
        ...d.CacheBehaviors!.Items!,
        { PathPattern: "/static*", TargetOriginId: "static", ViewerProtocolPolicy: "https-only", LambdaFunctionAssociations: { Quantity: 0, Items: [] } },
      ],
    };
    const policy = writePolicy();
    writeFileSync(policy, `${readFileSync(policy, "utf8")}overrides:\n  - apis: ["shop-*"]\n    routes:\n      "GET /health":\n        type: EDGE\n`);
    mocks = installAccount(a);
    let out = "";
    await main(["--region", REGION, "--policy", policy, "--format", "json"], { out: (s) => (out += s), err: () => undefined }, undefined, {});
    return (JSON.parse(out) as { findings: { message: string; severity: string }[] }).findings.filter(
      (f) => f.message.includes("GET /health") && f.severity !== "info",
    );
  };

  test("WHEN the group's members are all sites other than the API THEN the bare behavior does not reach the API: the EDGE route holds", async () => {
    expect(await edgeRoute(["s3-a", "s3-b"])).toEqual([]);
  });

  test("WHEN the group fails over to the API origin THEN the bare behavior reaches the API: the EDGE route is open, naming it", async () => {
    expect(await edgeRoute(["s3-a", "api"])).toContainEqual(
      expect.objectContaining({
        severity: "critical",
        message: expect.stringMatching(/no viewer-request Lambda@Edge function on cache behavior\(s\) \/static\*/),
      }),
    );
  });
});
