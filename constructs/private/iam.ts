// IAM policy documents as plain JSON strings (Terraform `jsonencode` is not needed: every value is a
// synth-time string or a token cdktf resolves inside the string).

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly resources?: readonly string[];
  readonly principals?: Readonly<Record<string, readonly string[]>>;
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      ...(s.sid !== undefined ? { Sid: s.sid } : {}),
      Effect: s.effect,
      ...(s.principals !== undefined ? { Principal: s.principals } : {}),
      Action: s.actions.length === 1 ? s.actions[0] : [...s.actions],
      ...(s.resources !== undefined ? { Resource: s.resources.length === 1 ? s.resources[0] : [...s.resources] } : {}),
      ...(s.conditions !== undefined ? { Condition: s.conditions } : {}),
    })),
  });
}

/** Trust policy letting one AWS service assume a role. */
export function serviceTrustPolicy(...services: string[]): string {
  return policyDocument([{ effect: "Allow", actions: ["sts:AssumeRole"], principals: { Service: services } }]);
}
