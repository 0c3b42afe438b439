// The Lambda@Edge JWT verifier: bundle with its baked `edge-config.json`, the us-east-1 SSM parameter it reads
// once per container for the deploy-time values (user pool id, client ids), and a role allowed to read only that.
//
// Why SSM and not baking: Lambda@Edge has no environment variables, and the pool and client ids exist only after
// Terraform creates them, so they cannot be in a bundle built at synth. A parameter in us-east-1 (where the
// function is defined) is one small read per cold start; everything known at synth is baked to avoid even that.
import * as path from "node:path";
import { Fn, type TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import type { AccessSpec } from "../../access-spec/types";
import { BundledFunction } from "../bundled-function";
import { EDGE_CONFIG_FILE, edgeConfigJson } from "../../kernel/contracts/edge-config";
import { bakedEdgeConfig } from "./edge-config";

export interface EdgeVerifierProps {
  readonly spec: AccessSpec;
  readonly userPoolId: string;
  /** Client name -> app client id. */
  readonly clientIds: Readonly<Record<string, string>>;
  /** A us-east-1 provider: Lambda@Edge functions and their parameter live there. */
  readonly provider: TerraformProvider;
  readonly tags?: Readonly<Record<string, string>>;
}

const EDGE_ENTRY = path.resolve(__dirname, "..", "..", "lambdas", "edge", "index.ts");

export class EdgeVerifier extends Construct {
  /** Versioned ARN for the distribution's viewer-request association. */
  public readonly qualifiedArn: string;
  public readonly functionName: string;
  public readonly parameterName: string;
  /** Minified handler size in bytes (the zip is STORED, so roughly the zip size too). */
  public readonly bundleBytes: number;
  public readonly fn: BundledFunction;

  constructor(scope: Construct, id: string, props: EdgeVerifierProps) {
    super(scope, id);
    const baked = bakedEdgeConfig(props.spec);
    const parameter = new SsmParameter(this, "config", {
      provider: props.provider,
      name: baked.parameterName,
      type: "String",
      description: "Runtime configuration of the Lambda@Edge JWT verifier (not secret: pool and client ids)",
      value: Fn.jsonencode({ userPoolId: props.userPoolId, clientIds: { ...props.clientIds } }),
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.fn = new BundledFunction(this, "function", {
      functionName: `${props.spec.name}-${props.spec.environment}-edge-verifier`,
      entry: EDGE_ENTRY,
      files: { [EDGE_CONFIG_FILE]: edgeConfigJson(baked) },
      statements: [{ effect: "Allow", actions: ["ssm:GetParameter"], resources: [parameter.arn] }],
      logRetentionDays: props.spec.lambdaLogRetentionDays,
      provider: props.provider,
      edge: true,
      publish: true,
      memoryMb: 128,
      timeoutSeconds: 5,
      tags: props.tags,
    });
    this.qualifiedArn = this.fn.qualifiedArn;
    this.functionName = this.fn.functionName;
    this.parameterName = baked.parameterName;
    this.bundleBytes = this.fn.bundleBytes;
  }
}
