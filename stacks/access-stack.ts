// One stack per environment: everything that decides who may call the API, from one access spec.
// One stack keeps every reference inside one plan, so each environment plans offline on a clean machine.
import * as path from "node:path";
import { Construct } from "constructs";
import { Fn, Lazy, LocalBackend, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { AccessSpec, BackendSpec } from "../access-spec/types";
import { ROUTE_TABLE_FILE, routeTableJson } from "../kernel/contracts/route-table";
import { buildRouteTables } from "../access-spec/route-table";
import { BundledFunction } from "../constructs/bundled-function";
import { Identity } from "../constructs/identity";
import { RestApi, type FunctionRef, type IntegrationTarget } from "../constructs/rest-api";
import { Stage } from "../constructs/stage";
import { UsagePlans } from "../constructs/usage-plans";
import { InvokeGrants } from "../constructs/invoke-grants";
import { Perimeter } from "../constructs/perimeter";
import { terraformId } from "../constructs/private/names";
import { DECIDER_TAG } from "../kernel/decider-tag";

export interface AccessStackProps {
  readonly spec: AccessSpec;
  /**
   * Team state: overrides the spec's backend (e.g. from ACCESS_STATE_BUCKET).
   * @default - the spec's `backend`, local unless it says s3
   */
  readonly backend?: BackendSpec;
}

const LAMBDAS = path.resolve(__dirname, "..", "lambdas");

export class AccessStack extends TerraformStack {
  public readonly identity: Identity;
  public readonly restApi: RestApi;
  public readonly stage: Stage;
  public readonly perimeter: Perimeter;

  constructor(scope: Construct, id: string, props: AccessStackProps) {
    super(scope, id);
    const { spec } = props;
    const prefix = `${spec.name}-${spec.environment}`;
    this.configureBackend(id, props.backend ?? spec.backend ?? { type: "local" });

    const providerConfig = { region: spec.region, defaultTags: spec.tags ? [{ tags: { ...spec.tags } }] : undefined };
    new AwsProvider(this, "aws", providerConfig);

    const fn = (name: string, entry: string, extra: Partial<ConstructorParameters<typeof BundledFunction>[2]> = {}): BundledFunction =>
      new BundledFunction(this, `fn-${name}`, {
        functionName: `${prefix}-${name}`,
        entry: path.join(LAMBDAS, entry, "index.ts"),
        logRetentionDays: spec.lambdaLogRetentionDays,
        tags: spec.tags,
        ...extra,
      });
    // A handler that decides access itself carries the declaration as a tag: the review reads the base's.
    const decides = decidesAccessOf(spec);
    const handlerTags = (target: IntegrationTarget): { tags?: Record<string, string> } => {
      const text = decides.get(target);
      return text === undefined ? {} : { tags: { ...spec.tags, [DECIDER_TAG]: text } };
    };

    // Group roles trust the group-role function's execution role, and that function needs the group roles'
    // ARNs (allowlist and AssumeRole grant): the trust takes the role ARN lazily, so there is no cycle.
    let groupRoleFn: BundledFunction | undefined;
    this.identity = new Identity(this, "identity", {
      spec,
      groupRoleLambdaRoleArn: Lazy.stringValue({ produce: () => groupRoleFn?.roleArn }),
    });
    const groupRoleArns = Object.values(this.identity.groupRoles).map((r) => r.arn);
    groupRoleFn = fn("group-role", "group-role", {
      ...handlerTags("groupRole"),
      environment: { ALLOWED_ROLE_ARNS: Fn.jsonencode(groupRoleArns), SESSION_DURATION_SECONDS: "3600" },
      statements: [{ effect: "Allow", actions: ["sts:AssumeRole", "sts:SetSourceIdentity"], resources: groupRoleArns }],
    });

    const functions: Record<IntegrationTarget, FunctionRef> = {
      backend: fn("backend", "backend", handlerTags("backend")),
      groupRole: groupRoleFn,
      adminOnly: fn("admin-only", "admin-only", handlerTags("adminOnly")),
    };

    const clientIdsJson = Fn.jsonencode(this.identity.clientIds);
    const tables = buildRouteTables(spec);
    const authorizerFunctions: Record<string, FunctionRef> = {};
    for (const authorizer of spec.authorizers) {
      authorizerFunctions[authorizer.name] = fn(`authz-${terraformId(authorizer.name)}`, "authorizer", {
        files: { [ROUTE_TABLE_FILE]: routeTableJson(tables[authorizer.name]) },
        environment: { USER_POOL_ID: this.identity.userPoolId, CLIENT_IDS: clientIdsJson },
        timeoutSeconds: 5,
      });
    }

    this.restApi = new RestApi(this, "api", {
      spec,
      userPoolArn: this.identity.userPoolArn,
      functions,
      authorizerFunctions,
    });
    this.stage = new Stage(this, "stage", {
      spec,
      restApiId: this.restApi.restApiId,
      restApiName: this.restApi.restApiName,
      deploymentInputs: this.restApi.deploymentInputs,
    });
    this.perimeter = new Perimeter(this, "perimeter", {
      spec,
      restApiId: this.restApi.restApiId,
      restApiName: this.restApi.restApiName,
      stageName: this.stage.stageName,
      stageArn: this.stage.stageArn,
      userPoolId: this.identity.userPoolId,
      clientIds: this.identity.clientIds,
      region: spec.region,
      providerDefaults: providerConfig,
    });
    new UsagePlans(this, "usage", { spec, restApiId: this.restApi.restApiId, stageName: this.stage.stageName });
    new InvokeGrants(this, "invoke", {
      spec,
      executionArn: this.restApi.executionArn,
      stageName: this.stage.stageName,
      groupRoles: this.identity.groupRoles,
    });

    new TerraformOutput(this, "invoke_url", { value: this.stage.invokeUrl });
    new TerraformOutput(this, "user_pool_id", { value: this.identity.userPoolId });
    new TerraformOutput(this, "client_ids", { value: this.identity.clientIds });
    if (this.perimeter.distributionDomainName !== undefined) {
      new TerraformOutput(this, "cloudfront_domain_name", { value: this.perimeter.distributionDomainName });
    }
  }

  private configureBackend(stackId: string, backend: BackendSpec): void {
    if (backend.type === "local") {
      new LocalBackend(this, { path: `terraform.${stackId}.tfstate` });
      return;
    }
    new S3Backend(this, { bucket: backend.bucket, key: backend.key, region: backend.region, encrypt: true });
    // S3-native locking (Terraform >= 1.10); cdktf 0.21 has no prop for it.
    this.addOverride("terraform.backend.s3.use_lockfile", true);
  }
}

/** What each bundled handler checks itself, from its routes' `decidesAccess` (validated to agree per function). */
function decidesAccessOf(spec: AccessSpec): Map<IntegrationTarget, string> {
  const out = new Map<IntegrationTarget, string>();
  for (const r of spec.routes)
    if (r.integration.type === "LAMBDA" && r.integration.decidesAccess !== undefined) out.set(r.integration.function, r.integration.decidesAccess);
  return out;
}
