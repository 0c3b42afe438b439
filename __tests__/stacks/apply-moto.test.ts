// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// Real apply: the sample's synthesized stacks applied by terraform to moto_server (a local AWS endpoint) through
// the same override `npm run deploy:local` writes. Per stack, one shared apply proves: the apply succeeds; a second
// plan right after shows no changes (no perpetual diff); the API read back through the AWS SDK has every route of
// the spec with the authorization the spec gives it, and the pool its clients and flows; destroy leaves nothing.
// What moto does not serve is left out of the apply explicitly (NOT_SERVED_BY_MOTO, the one list, with reasons)
// and asserted here. Needs moto_server, terraform and TF_PROVIDER_MIRROR; says so visibly when skipped.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  APIGatewayClient,
  GetAuthorizersCommand,
  GetMethodCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetUsagePlansCommand,
} from "@aws-sdk/client-api-gateway";
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { localStatePath, NOT_DESTROYED_BY_MOTO, NOT_SERVED_BY_MOTO } from "../../cli/private/local-deploy";
import {
  applyLocal,
  destroyLocal,
  initLocal,
  planLocal,
  prepareLocalStack,
  removeLocalFiles,
  stateListLocal,
  type LocalStack,
} from "../../cli/private/local-terraform";
import { startMoto, type LocalEndpoint } from "../../cli/private/moto";
import { mirrorCliConfig, type RunResult } from "../../cli/private/terraform";
import { COGNITO_AUTHORIZER_SUFFIX } from "../../constructs/rest-api";
import { sampleSpecs } from "../../access-spec/samples/petstore";
import { sampleEnv } from "../helpers/sample";
import { routeKey, type AccessSpec, type AuthorizationSpec } from "../../access-spec/types";
import { motoSuiteMissing } from "../helpers/moto-prerequisites";

const root = resolve(__dirname, "..", "..");
const mirror = process.env.TF_PROVIDER_MIRROR ?? "";
const missing = motoSuiteMissing();
if (missing !== undefined) {
  // Visible in the jest output: a skipped integration test must never look like a pass.
  console.warn(`SKIPPED apply-to-moto integration test: ${missing}`);
}

/**
 * What each stack leaves out of the apply, as NOT_SERVED_BY_MOTO decides it (type -> reason) plus what references
 * those: prod's CloudFront cache policy, and the distribution whose cache behaviours name it.
 */
const EXPECTED_LEFT_OUT: Readonly<Record<string, readonly string[]>> = {
  "petstore-dev": [],
  "petstore-prod": ["aws_cloudfront_cache_policy", "aws_cloudfront_distribution"],
};

/**
 * What a local destroy takes out of terraform's hands (NOT_DESTROYED_BY_MOTO has the reasons): the usage plan is
 * deleted with one direct call, the resource server goes with its user pool.
 */
const EXPECTED_DESTROY_WORKAROUNDS = { aws_api_gateway_usage_plan: "delete-directly", aws_cognito_resource_server: "goes-with-parent" };

test("the destroy workarounds are exactly the listed ones", () => {
  expect(Object.fromEntries(Object.entries(NOT_DESTROYED_BY_MOTO).map(([type, w]) => [type, w.handling]))).toEqual(EXPECTED_DESTROY_WORKAROUNDS);
});

/** The method API Gateway should hold for a route, read from the spec's authorization. */
interface ExpectedMethod {
  readonly authorizationType: string;
  readonly authorizer?: string;
  readonly scopes: readonly string[];
  readonly apiKeyRequired: boolean;
}

function expectedMethod(spec: AccessSpec, auth: AuthorizationSpec): ExpectedMethod {
  const cognito = `${spec.name}-${spec.environment}${COGNITO_AUTHORIZER_SUFFIX}`;
  switch (auth.type) {
    case "NONE":
    case "EDGE": // the edge verifier decides; the gateway method is open to CloudFront only (the stage's WAF)
      return { authorizationType: "NONE", scopes: [], apiKeyRequired: false };
    case "API_KEY":
      return { authorizationType: "NONE", scopes: [], apiKeyRequired: true };
    case "AWS_IAM":
      return { authorizationType: "AWS_IAM", scopes: [], apiKeyRequired: auth.usagePlan !== undefined };
    case "COGNITO":
      return { authorizationType: "COGNITO_USER_POOLS", authorizer: cognito, scopes: auth.scopes ?? [], apiKeyRequired: auth.usagePlan !== undefined };
    case "LAMBDA":
      // Groups and scopes of a Lambda authorizer live in its route table, not on the method.
      return { authorizationType: "CUSTOM", authorizer: auth.authorizer, scopes: [], apiKeyRequired: auth.usagePlan !== undefined };
  }
}

/** Every method the spec implies: its routes, and an open CORS preflight on each `cors` path without its own OPTIONS. */
function expectedMethods(spec: AccessSpec): Map<string, ExpectedMethod> {
  const methods = new Map(spec.routes.map((r) => [routeKey(r.method, r.path), expectedMethod(spec, r.auth)]));
  for (const route of spec.routes.filter((r) => r.cors === true)) {
    const key = routeKey("OPTIONS", route.path);
    if (!methods.has(key)) methods.set(key, { authorizationType: "NONE", scopes: [], apiKeyRequired: false });
  }
  return methods;
}

const credentials = { accessKeyId: "local-endpoint-placeholder", secretAccessKey: "local-endpoint-placeholder" };
const must = (what: string, r: RunResult): void => {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.stderr}\n${r.stdout.slice(-4000)}`);
};

(missing === undefined ? describe : describe.skip)("GIVEN the sample synthesized and applied to moto_server", () => {
  const scratch = mkdtempSync(join(tmpdir(), "apply-moto-"));
  const outdir = join(scratch, "cdktf.out");
  const durations: string[] = [];
  const timed = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await run();
    } finally {
      durations.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)}s`);
    }
  };
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: join(scratch, "terraform.rc") };

  beforeAll(() => {
    writeFileSync(join(scratch, "terraform.rc"), mirrorCliConfig(resolve(mirror)));
    const synth = spawnSync(process.execPath, [join(root, "scripts", "synth.mjs")], {
      cwd: root,
      // The sample, whatever access-specs.json configures (a team's own specs after "Your own API in an hour").
      env: sampleEnv({ ...process.env, CDKTF_OUTDIR: outdir }),
      encoding: "utf8",
    });
    if (synth.status !== 0) throw new Error(`synth failed:\n${synth.stderr}`);
  }, 300_000);

  afterAll(() => {
    console.log(`apply-to-moto durations: ${durations.join(", ")}`);
    rmSync(scratch, { recursive: true, force: true });
  });

  describe.each(Object.entries(sampleSpecs))("AND the %s stack", (stackName, spec) => {
    let moto: LocalEndpoint | undefined;
    let stack: LocalStack;
    let applied: RunResult;
    let replanned: RunResult;
    const prefix = `${spec.name}-${spec.environment}`;
    const clients = (): { api: APIGatewayClient; cognito: CognitoIdentityProviderClient; lambda: (region: string) => LambdaClient } => {
      const endpoint = (moto as LocalEndpoint).url;
      return {
        api: new APIGatewayClient({ endpoint, region: spec.region, credentials }),
        cognito: new CognitoIdentityProviderClient({ endpoint, region: spec.region, credentials }),
        lambda: (region) => new LambdaClient({ endpoint, region, credentials }),
      };
    };

    beforeAll(async () => {
      moto = await startMoto();
      const dir = join(outdir, "stacks", stackName);
      stack = prepareLocalStack(stackName, dir, moto.url, localStatePath(join(scratch, "state"), moto.url, stackName), env);
      must("terraform init", await initLocal(stack));
      applied = await timed(`${stackName} apply`, () => applyLocal(stack));
      replanned = await timed(`${stackName} re-plan`, () => planLocal(stack));
    }, 600_000);

    // The process dies with the suite, whatever failed.
    afterAll(async () => {
      await moto?.stop();
      removeLocalFiles(join(outdir, "stacks", stackName));
    });

    test("THEN the apply succeeds, leaving out exactly what moto does not serve and what references it", () => {
      must("terraform apply", applied);
      expect([...new Set(stack.scope.excluded.map((e) => e.address.split(".")[0]))].sort()).toEqual(EXPECTED_LEFT_OUT[stackName]);
      for (const e of stack.scope.excluded) {
        const type = e.address.split(".")[0];
        expect(e.reason).toEqual(NOT_SERVED_BY_MOTO[type] ?? expect.stringMatching(/^references aws_cloudfront_cache_policy\./));
      }
    });

    test("THEN a plan right after shows no changes (no perpetual diff)", () => {
      if (replanned.code !== 0) throw new Error(`plan -detailed-exitcode exited ${replanned.code}:\n${replanned.stdout.slice(-6000)}\n${replanned.stderr}`);
    });

    test("THEN every route of the spec is a method with the authorization the spec gives it", async () => {
      const { api } = clients();
      const apis = (await api.send(new GetRestApisCommand({ limit: 500 }))).items ?? [];
      const restApi = apis.find((a) => a.name === prefix);
      expect(restApi).toBeDefined();
      const restApiId = restApi?.id as string;
      const authorizers = (await api.send(new GetAuthorizersCommand({ restApiId }))).items ?? [];
      const authorizerName = new Map(authorizers.map((a) => [a.id, a.name]));
      const resources = (await api.send(new GetResourcesCommand({ restApiId, limit: 500 }))).items ?? [];
      const actual = new Map<string, ExpectedMethod>();
      for (const resource of resources) {
        for (const httpMethod of Object.keys(resource.resourceMethods ?? {})) {
          const m = await api.send(new GetMethodCommand({ restApiId, resourceId: resource.id, httpMethod }));
          const authorizer = m.authorizerId === undefined ? undefined : authorizerName.get(m.authorizerId);
          actual.set(routeKey(httpMethod, resource.path as string), {
            authorizationType: m.authorizationType as string,
            ...(authorizer !== undefined ? { authorizer } : {}),
            scopes: m.authorizationScopes ?? [],
            apiKeyRequired: m.apiKeyRequired === true,
          });
        }
      }
      expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expectedMethods(spec)].sort()));
    });

    test("THEN the authorizers are the pool's and the spec's Lambda authorizers, and the stage carries the web ACL", async () => {
      const { api } = clients();
      const restApiId = ((await api.send(new GetRestApisCommand({ limit: 500 }))).items ?? []).find((a) => a.name === prefix)?.id as string;
      const authorizers = (await api.send(new GetAuthorizersCommand({ restApiId }))).items ?? [];
      const byName = Object.fromEntries(
        authorizers.map((a) => [a.name, { type: a.type, identitySource: a.identitySource, ttl: a.authorizerResultTtlInSeconds }]),
      );
      const expected = Object.fromEntries(
        spec.authorizers.map((a) => [a.name, { type: a.type, identitySource: a.identitySources.join(","), ttl: a.resultTtlSeconds }]),
      );
      expect(byName).toMatchObject(expected);
      const cognito = authorizers.find((a) => a.name === `${prefix}${COGNITO_AUTHORIZER_SUFFIX}`);
      expect(cognito?.type).toBe("COGNITO_USER_POOLS");
      expect(cognito?.providerARNs?.[0]).toMatch(/:userpool\//);
      const stage = await api.send(new GetStageCommand({ restApiId, stageName: spec.stage.name }));
      expect(stage.webAclArn).toMatch(new RegExp(`:regional/webacl/${prefix}-regional/`));
    });

    test("THEN the pool has each client of the spec with its flows and scopes", async () => {
      const { cognito } = clients();
      const pools = (await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? [];
      const poolId = pools.find((p) => p.Name === spec.cognito.userPool.name)?.Id as string;
      expect(poolId).toBeDefined();
      const listed = (await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60 }))).UserPoolClients ?? [];
      expect(listed.map((c) => c.ClientName).sort()).toEqual(spec.cognito.clients.map((c) => c.name).sort());
      for (const client of spec.cognito.clients) {
        const id = listed.find((c) => c.ClientName === client.name)?.ClientId;
        const described = (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: id }))).UserPoolClient;
        if (client.kind === "machine") {
          expect(described?.AllowedOAuthFlows).toEqual(["client_credentials"]);
          expect([...(described?.AllowedOAuthScopes ?? [])].sort()).toEqual([...client.scopes].sort());
          expect(described?.ClientSecret).toBeTruthy();
        } else {
          expect(described?.AllowedOAuthFlows).toEqual(["code"]);
          expect(described?.AllowedOAuthScopes).toEqual(expect.arrayContaining([...(client.scopes ?? [])]));
          expect(described?.CallbackURLs).toEqual(client.callbackUrls);
          expect(described?.ClientSecret).toBeUndefined();
          expect(described?.ExplicitAuthFlows?.includes("ALLOW_USER_PASSWORD_AUTH")).toBe(client.allowUserPasswordAuth !== undefined);
        }
      }
    });

    test("THEN destroy succeeds and leaves nothing: empty state, and no API, usage plan, pool or function of the stack on moto", async () => {
      must("terraform destroy", await timed(`${stackName} destroy`, () => destroyLocal(stack, (moto as LocalEndpoint).url)));
      const listed = await stateListLocal(stack);
      expect(listed.stdout.trim()).toBe("");
      const { api, cognito, lambda } = clients();
      expect(((await api.send(new GetRestApisCommand({ limit: 500 }))).items ?? []).map((a) => a.name)).not.toContain(prefix);
      // Usage plans are deleted directly (NOT_DESTROYED_BY_MOTO): they must be gone all the same.
      expect(((await api.send(new GetUsagePlansCommand({ limit: 500 }))).items ?? []).map((p) => p.name).filter((n) => n?.startsWith(prefix))).toEqual([]);
      expect(((await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? []).map((p) => p.Name)).not.toContain(spec.cognito.userPool.name);
      for (const region of [spec.region, "us-east-1"]) {
        const functions = (await lambda(region).send(new ListFunctionsCommand({}))).Functions ?? [];
        expect(functions.map((f) => f.FunctionName).filter((n) => n?.startsWith(`${prefix}-`))).toEqual([]);
      }
    }, 300_000);
  });
});
