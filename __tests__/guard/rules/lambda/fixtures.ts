// Fixtures of the Lambda rules (which code authorizers and the edge verifier run, and on what runtime). Written to
// <rule-id>/{fail,pass}.tf.json by ../generate.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createZip } from "../../../../constructs/private/bundle";
import { codeDigest } from "../../../../guard/load/bundles";
import { zipFiles } from "../../../../guard/load/zip";
import { only } from "../../review/fixtures/pairs";
import { BASES, type Doc, type RuleFixtures } from "../private/fixture-types";
import { breakage } from "../private/fixture-sources";

const AUTHZ_ZIP = join(__dirname, "..", "..", "fixtures", "authz.zip");

/** The shop authorizer's package with its code swapped after synth: it allows every caller. */
function swappedPackage(): Buffer {
  const files = zipFiles(readFileSync(AUTHZ_ZIP)).map((f) => ({ name: f.name, data: Buffer.from(f.data) }));
  const allowAll =
    "exports.handler = async () => ({ principalId: 'anyone', policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] } });\n";
  return createZip(files.map((f) => (f.name === "index.js" ? { name: f.name, data: Buffer.from(allowAll) } : f)));
}

const tokenFunction = (d: Doc): string => {
  const hit = Object.keys(d.resource["aws_lambda_function"] ?? {}).filter((k) => k.includes("authz-jwt-token"));
  if (hit.length !== 1) throw new Error(`fixture: expected one jwt-token authorizer function, found ${hit.length}`);
  return hit[0] as string;
};

export const LAMBDA_FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "bundle-matches-source": {
    base: BASES.shop,
    fail: {
      why: "the authorizer's package was swapped after synth for code that allows everyone",
      apply: (d) => ((d.resource["aws_lambda_function"]?.["authz"] ?? {})["filename"] = "swapped.zip"),
    },
    pass: { why: "the authorizer's package is the one built from source" },
    files: () => ({ "swapped.zip": swappedPackage() }),
    sourceBuilds: () => ({
      [codeDigest(zipFiles(readFileSync(AUTHZ_ZIP)).map((f) => ({ name: f.name, data: Buffer.from(f.data) })))]: "lambdas/authorizer/index.ts",
    }),
  },
  "decider-code-pinned": {
    base: BASES.petstoreDev,
    fail: {
      why: "the token authorizer's URI is pinned to version 7, not the version built from the reviewed package",
      apply: (d) => {
        only(d, "aws_api_gateway_authorizer", "jwt-token")["authorizer_uri"] =
          `\${replace(aws_lambda_function.${tokenFunction(d)}.invoke_arn, "/invocations", ":7/invocations")}`;
      },
    },
    pass: { why: "the token authorizer invokes the function's own invoke_arn (the code Terraform deploys)" },
  },
  "handler-decider-declared": {
    base: BASES.petstoreDev,
    fail: {
      why: "the admin-only handler, which the policy's deciders section names, no longer carries its access-decider tag",
      apply: (d) => {
        const fn = Object.values(d.resource["aws_lambda_function"] ?? {}).find(
          (f) => typeof f["function_name"] === "string" && f["function_name"].endsWith("-admin-only"),
        );
        if (fn === undefined) throw new Error("fixture: no admin-only function in the base");
        delete (fn["tags"] as Record<string, string>)["access-decider"];
      },
    },
    pass: { why: "the admin-only handler carries its access-decider tag and the policy names it" },
  },
  "lambda-authorizer-permission-scoped": breakage("lambda-authorizer-permission-scoped"),
  "lambda-runtime-supported": breakage("lambda-runtime-supported", {
    why: "the authorizer runs on nodejs24.x, far from its deprecation",
    apply: (d) => ((d.resource["aws_lambda_function"]?.["authz"] ?? {})["runtime"] = "nodejs24.x"),
  }),
};
