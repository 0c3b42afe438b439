// Backend handlers that decide access themselves (door class 5): the sample's admin-only handler checks
// `cognito:groups` itself, declared by its access-decider tag (the spec's decidesAccess) and the policy's `deciders`.
// Its code, the version a route invokes, a route moved to other code, and the declaration's removal block; the same
// edits on an ordinary handler, and a harmless tag, stay quiet.
import { type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const ADMIN = "fn-admin-only_function_A7F6BEC7";
const admin = (d: Doc): Json => d.resource["aws_lambda_function"][ADMIN] as Json;
const backend = (d: Doc): Json => d.resource["aws_lambda_function"]["fn-backend_function_39B17E9A"] as Json;
const adminIntegration = (d: Doc): Json => d.resource["aws_api_gateway_integration"]["api_integration-GET-admin_A80397A4"] as Json;
const tagsOf = (fn: Json): Record<string, string> => fn["tags"] as Record<string, string>;

/** Another build of a function's package (its source_code_hash and asset path change). */
const rebuild = (fn: Json): void => {
  fn["source_code_hash"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  fn["filename"] = String(fn["filename"]).replace(/[0-9a-f]{16}\.zip$/, "0000000000000000.zip");
};

export const HANDLER_DECIDER_PAIRS: Readonly<Record<string, AccessPair>> = {
  "decider-handler-code-changed": {
    env: "dev",
    description: "the admin-only handler (it checks cognito:groups itself) gets another build",
    mutate: (d) => rebuild(admin(d)),
    blocking: ["decider-code-changed"],
    names: "decides access itself",
    check: [],
  },
  "decider-ordinary-handler-code-changed": {
    env: "dev",
    description: "twin: the backend handler (it decides nothing) gets another build",
    mutate: (d) => rebuild(backend(d)),
    blocking: [],
    check: [],
  },
  "decider-declaration-removed": {
    env: "dev",
    description: "the head drops the admin-only handler's access-decider tag (its code unchanged)",
    mutate: (d) => void delete tagsOf(admin(d))["access-decider"],
    blocking: ["decider-declaration-removed"],
    names: "removes its access-decider tag",
    check: ["handler-decider-declared"],
  },
  "decider-declaration-removed-and-code-changed": {
    env: "prod",
    description: "the head drops the tag and rebuilds the handler: still judged as a decider from the base",
    mutate: (d) => {
      const fn = Object.values(d.resource["aws_lambda_function"]).find((f) => String(f["function_name"]).endsWith("-admin-only")) as Json;
      delete tagsOf(fn)["access-decider"];
      rebuild(fn);
    },
    blocking: ["decider-declaration-removed", "decider-code-changed"],
    names: "GET /admin",
    check: ["handler-decider-declared"],
  },
  "decider-route-pinned-version": {
    env: "dev",
    description: "GET /admin's integration invokes a literal version :7 of the admin-only handler",
    mutate: (d) =>
      void (adminIntegration(d)["uri"] =
        "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111111111111:function:petstore-dev-admin-only:7/invocations"),
    blocking: ["decider-code-changed"],
    names: 'version/alias "7"',
    check: ["decider-code-pinned"],
  },
  "decider-route-moved": {
    env: "dev",
    description: "GET /admin's integration now invokes the backend function, which checks no group",
    mutate: (d) => void (adminIntegration(d)["uri"] = "${aws_lambda_function.fn-backend_function_39B17E9A.invoke_arn}"),
    blocking: ["decider-code-changed"],
    names: "now reaches petstore-dev-backend",
    check: [],
  },
  "decider-package-from-s3": {
    env: "dev",
    description: "the admin-only handler's code now comes from an S3 object",
    mutate: (d) => {
      const fn = admin(d);
      delete fn["filename"];
      delete fn["source_code_hash"];
      Object.assign(fn, { s3_bucket: "petstore-artifacts", s3_key: "admin-only/build-42.zip" });
    },
    // The S3 attributes are "not verified" for every function (guard/access/classification); the decider names its route.
    blocking: ["attribute-not-verified", "decider-code-changed"],
    names: "s3_key admin-only/build-42.zip",
    check: ["decider-code-pinned"],
  },
  "decider-environment-changed": {
    env: "dev",
    description: "the admin-only handler gets NODE_OPTIONS, which makes the runtime load other code first",
    mutate: (d) => void (admin(d)["environment"] = { variables: { NODE_OPTIONS: "--require /opt/allow-all.js" } }),
    blocking: ["decider-code-changed"],
    names: "NODE_OPTIONS added",
    check: [],
  },
  "decider-tag-added": {
    env: "dev",
    description: "twin: the admin-only handler gets another tag (its declaration and code unchanged)",
    mutate: (d) => void (tagsOf(admin(d))["owner"] = "store-team"),
    blocking: [],
    check: [],
  },
};
