// The shape the adapter writes: resources of a `terraform show -json` state document, addressed
// `<type>.live["<region> <what>"]` so a finding names the live object in words (`aws_api_gateway_method.live["eu-west-1
// petstore-dev GET /pets"]`). Values are named and shaped as the AWS provider keeps them in state.

export interface StateResource {
  readonly address: string;
  readonly mode: "managed";
  readonly type: string;
  readonly name: "live";
  readonly index: string;
  readonly values: Readonly<Record<string, unknown>>;
}

export function resource(type: string, key: string, values: Readonly<Record<string, unknown>>): StateResource {
  return { address: `${type}.live[${JSON.stringify(key)}]`, mode: "managed", type, name: "live", index: key, values };
}

/** A block the provider keeps as a list of one object, or an empty list when absent. */
export const block = (v: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, unknown>>[] => (v === undefined ? [] : [v]);

/** `PreSignUp` -> `pre_sign_up`. */
export const snake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

/** The state document of one region. */
export function stateDocument(resources: readonly StateResource[]): Record<string, unknown> {
  return { format_version: "1.0", terraform_version: "audit", values: { root_module: { resources } } };
}
