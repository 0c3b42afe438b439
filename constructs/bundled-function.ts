// One Lambda function from one TypeScript handler: reproducible esbuild bundle as a cdktf asset, its log group
// with retention, and an execution role that may only write to that log group (plus the statements given).
import * as path from "node:path";
import { AssetType, Fn, TerraformAsset, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import type { StatementSpec } from "../access-spec/types";
import { bundleLambda } from "./private/bundle";
import { DEFAULT_NODE_RUNTIME, isNodeRuntime, NODE_RUNTIMES, type NodeRuntime } from "./private/runtime";

export type { NodeRuntime } from "./private/runtime";

export interface BundledFunctionProps {
  /** Lambda function name; also names the role (`<name>-role`) and the log group (`/aws/lambda/<name>`). */
  readonly functionName: string;
  /** Absolute path of the handler entry (`.ts`, exporting `handler`). */
  readonly entry: string;
  /** Extra files zipped beside `index.js`, e.g. `{ "route-table.json": json }`. @default - none */
  readonly files?: Readonly<Record<string, string>>;
  /** Environment variables; not allowed with `edge`. @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /** Extra IAM statements for the execution role. @default - logs on its own log group only */
  readonly statements?: readonly StatementSpec[];
  readonly logRetentionDays: number;
  /** @default 10 (Lambda@Edge viewer-request allows at most 5) */
  readonly timeoutSeconds?: number;
  /** @default 256 (Lambda@Edge viewer-request allows at most 128) */
  readonly memoryMb?: number;
  /**
   * Lambda runtime, one of constructs/private/runtime.ts (runtimes the pinned provider and Lambda@Edge accept and AWS
   * does not block); the bundle is built for its Node.js version. @default "nodejs22.x" (DEFAULT_NODE_RUNTIME)
   */
  readonly runtime?: NodeRuntime;
  /** Provider (region/alias) for every resource; Lambda@Edge needs a us-east-1 provider. @default - the stack's default */
  readonly provider?: TerraformProvider;
  /** Publish a numbered version (`qualifiedArn`). @default - true with `edge`, else false */
  readonly publish?: boolean;
  /**
   * Lambda@Edge: the role trusts `edgelambda` too and may write its replicas' log groups; no environment;
   * x86_64 (Edge does not run arm64; other functions are arm64). @default false
   */
  readonly edge?: boolean;
  /** Where bundles are cached between synths. @default - node_modules/.cache/bundled-function */
  readonly bundleDir?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

const DEFAULT_BUNDLE_DIR = path.resolve(__dirname, "..", "node_modules", ".cache", "bundled-function");

export class BundledFunction extends Construct {
  public readonly functionName: string;
  public readonly functionArn: string;
  public readonly invokeArn: string;
  /** Version-qualified ARN; only meaningful with `publish` (Lambda@Edge associations need it). */
  public readonly qualifiedArn: string;
  public readonly roleArn: string;
  public readonly roleName: string;
  /** base64 SHA-256 of the zip, also the function's `source_code_hash`. */
  public readonly sourceCodeHash: string;
  /** Minified `index.js` size in bytes. */
  public readonly bundleBytes: number;
  /** Escape hatch: the underlying resources. */
  public readonly function: LambdaFunction;
  public readonly role: IamRole;
  public readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);
    const edge = props.edge ?? false;
    const name = props.functionName;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
      throw new Error(`BundledFunction "${id}": functionName must match [A-Za-z0-9_-]{1,64}, got "${name}"`);
    }
    const roleName = `${name}-role`;
    if (roleName.length > 64) {
      throw new Error(`BundledFunction "${id}": role name "${roleName}" is longer than IAM's 64 characters; shorten functionName`);
    }
    if (edge && props.environment && Object.keys(props.environment).length > 0) {
      throw new Error(`BundledFunction "${id}": Lambda@Edge functions cannot have environment variables; bundle configuration via "files"`);
    }
    // A JavaScript caller (or a cast) can pass any string: refuse one this project does not deploy.
    const runtime: string = props.runtime ?? DEFAULT_NODE_RUNTIME;
    if (!isNodeRuntime(runtime)) {
      throw new Error(`BundledFunction "${id}": runtime "${runtime}" is not one this project deploys (${Object.keys(NODE_RUNTIMES).join(", ")})`);
    }
    const provider = props.provider;
    const tags = props.tags ? { ...props.tags } : undefined;

    const bundle = bundleLambda({
      name,
      entry: props.entry,
      files: props.files,
      outDir: props.bundleDir ?? DEFAULT_BUNDLE_DIR,
      runtime,
    });
    // The asset hash is the zip's own hash, so the asset path changes exactly when the code does.
    const asset = new TerraformAsset(this, "code", {
      path: bundle.zipPath,
      type: AssetType.FILE,
      assetHash: Buffer.from(bundle.sourceCodeHash, "base64").toString("hex"),
    });

    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      provider,
      name: `/aws/lambda/${name}`,
      retentionInDays: props.logRetentionDays,
      tags,
    });

    const principals = edge ? ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] : ["lambda.amazonaws.com"];
    this.role = new IamRole(this, "role", {
      provider,
      name: roleName,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: principals }, Action: "sts:AssumeRole" }],
      }),
      tags,
    });

    const logResources = [`${this.logGroup.arn}:*`];
    // Lambda@Edge replicas log to `/aws/lambda/us-east-1.<name>` in whichever region served the request,
    // and those groups cannot be created ahead of time.
    const edgeStatements = edge
      ? [
          {
            Effect: "Allow",
            Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: [`arn:aws:logs:*:*:log-group:/aws/lambda/us-east-1.${name}:*`],
          },
        ]
      : [];
    const policy = new IamRolePolicy(this, "policy", {
      provider,
      name: `${name}-policy`,
      role: this.role.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: logResources },
          ...edgeStatements,
          ...(props.statements ?? []).map((s) => ({ Effect: s.effect, Action: [...s.actions], Resource: [...s.resources] })),
        ],
      }),
    });

    const environment = props.environment && Object.keys(props.environment).length > 0 ? { variables: { ...props.environment } } : undefined;
    this.function = new LambdaFunction(this, "function", {
      provider,
      functionName: name,
      role: this.role.arn,
      handler: "index.handler",
      runtime,
      // Lambda@Edge runs x86_64 only.
      architectures: [edge ? "x86_64" : "arm64"],
      filename: asset.path,
      sourceCodeHash: bundle.sourceCodeHash,
      timeout: props.timeoutSeconds ?? (edge ? 5 : 10),
      memorySize: props.memoryMb ?? (edge ? 128 : 256),
      publish: props.publish ?? edge,
      environment,
      tags,
      // The log group must exist with its retention before the first invocation creates it without one,
      // and the role's permissions before the function can log.
      dependsOn: [this.logGroup, policy],
    });

    this.functionName = this.function.functionName;
    this.functionArn = this.function.arn;
    this.invokeArn = this.function.invokeArn;
    this.qualifiedArn = this.function.qualifiedArn;
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;
    this.sourceCodeHash = bundle.sourceCodeHash;
    this.bundleBytes = bundle.bundleBytes;
  }
}
