// Terraform runs of one synthesized stack against a local endpoint (I/O around cli/private/local-deploy.ts):
// the override and placeholder variables are written beside the stack, terraform keeps its working data in its
// own directory (so `npm run plan`'s backend there is left alone), and every run applies the same scope.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { APIGatewayClient, DeleteUsagePlanCommand, NotFoundException } from "@aws-sdk/client-api-gateway";
import {
  applyScope,
  destroySteps,
  isLoopbackEndpoint,
  NOT_DESTROYED_BY_MOTO,
  type DestroyStep,
  LOCAL_DATA_DIR,
  LOCAL_OVERRIDE_FILE,
  LOCAL_VARS_FILE,
  localEndpointOverride,
  NOT_SERVED_BY_MOTO,
  typesWithoutLocalEndpoint,
  type ApplyScope,
} from "./local-deploy";
import { offlineVariables, runTerraform, type RunResult } from "./terraform";

/** A stack the local endpoint cannot take: exit 2 with this message. */
export class LocalDeployRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalDeployRefused";
  }
}

export interface LocalStack {
  readonly name: string;
  readonly statePath: string;
  readonly dir: string;
  readonly scope: ApplyScope;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Writes the override (every provider configuration at `endpoint`) and placeholders for unset required variables
 * beside the stack. Refuses a stack with a resource type no local endpoint covers: it would call real AWS.
 */
export function prepareLocalStack(name: string, dir: string, endpoint: string, statePath: string, env: NodeJS.ProcessEnv): LocalStack {
  const stackJson: unknown = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8"));
  const uncovered = typesWithoutLocalEndpoint(stackJson);
  if (uncovered.length > 0) {
    throw new LocalDeployRefused(`${name}: no local endpoint is set for ${uncovered.join(", ")}; refusing, since those calls would reach real AWS`);
  }
  writeFileSync(join(dir, LOCAL_OVERRIDE_FILE), `${JSON.stringify(localEndpointOverride(stackJson, endpoint, statePath), null, 2)}\n`);
  writeFileSync(join(dir, LOCAL_VARS_FILE), `${JSON.stringify(offlineVariables(stackJson, env), null, 2)}\n`);
  mkdirSync(dirname(statePath), { recursive: true });
  return { name, statePath, dir, scope: applyScope(stackJson, NOT_SERVED_BY_MOTO), env: { ...env, TF_DATA_DIR: LOCAL_DATA_DIR } };
}

/** Removes the override and variables files (the state lives elsewhere: it is what `--destroy` destroys). */
export function removeLocalFiles(dir: string): void {
  rmSync(join(dir, LOCAL_OVERRIDE_FILE), { force: true });
  rmSync(join(dir, LOCAL_VARS_FILE), { force: true });
  // `terraform state rm` leaves a timestamped backup in the working directory even with -backup=-.
  for (const f of readdirSync(dir).filter((n) => /^terraform\.tfstate\.\d+\.backup$/.test(n))) rmSync(join(dir, f), { force: true });
}

const COMMON = ["-input=false", "-no-color"];
const targets = (stack: LocalStack): string[] => stack.scope.targets.map((t) => `-target=${t}`);
const run = (stack: LocalStack, args: string[]): Promise<RunResult> => runTerraform(args, stack.dir, stack.env);

export const initLocal = (stack: LocalStack): Promise<RunResult> => run(stack, ["init", ...COMMON, "-reconfigure"]);
export const applyLocal = (stack: LocalStack): Promise<RunResult> => run(stack, ["apply", "-auto-approve", ...COMMON, ...targets(stack)]);
/** Exit 0: no changes; 2: changes; 1: error. */
export const planLocal = (stack: LocalStack): Promise<RunResult> => run(stack, ["plan", "-detailed-exitcode", ...COMMON, ...targets(stack)]);
/**
 * Destroys what the stack's local state holds. What moto cannot destroy through the provider (NOT_DESTROYED_BY_MOTO)
 * is first deleted directly, or left to its parent's deletion, and removed from state; terraform destroys the rest.
 */
export async function destroyLocal(stack: LocalStack, endpoint: string): Promise<RunResult> {
  const shown = await run(stack, ["show", "-json"]);
  if (shown.code !== 0) return shown;
  for (const step of destroySteps(JSON.parse(shown.stdout), NOT_DESTROYED_BY_MOTO)) {
    if (step.handling === "delete-directly") await deleteDirectly(step, endpoint);
    const removed = await run(stack, ["state", "rm", "-lock=false", "-backup=-", step.address]);
    if (removed.code !== 0) return removed;
  }
  return run(stack, ["destroy", "-auto-approve", ...COMMON]);
}

const PLACEHOLDER_CREDENTIALS = { accessKeyId: "local-endpoint-placeholder", secretAccessKey: "local-endpoint-placeholder" };

async function deleteDirectly(step: DestroyStep, endpoint: string): Promise<void> {
  if (!isLoopbackEndpoint(endpoint)) throw new Error(`refusing a non-loopback endpoint: ${endpoint}`);
  if (step.type !== "aws_api_gateway_usage_plan") throw new Error(`${step.address}: no direct delete for ${step.type}`);
  const client = new APIGatewayClient({ endpoint, region: step.region, credentials: PLACEHOLDER_CREDENTIALS });
  try {
    await client.send(new DeleteUsagePlanCommand({ usagePlanId: step.id }));
  } catch (e) {
    if (!(e instanceof NotFoundException)) throw e;
  } finally {
    client.destroy();
  }
}

export const outputsLocal = (stack: LocalStack): Promise<RunResult> => run(stack, ["output", "-json"]);
export const stateListLocal = (stack: LocalStack): Promise<RunResult> => run(stack, ["state", "list"]);
