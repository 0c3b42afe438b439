// IAM grants for AWS_IAM routes: each named role gets `execute-api:Invoke` on exactly the method ARNs
// of the routes naming it, and on nothing else (a Deny on the deeper paths IAM's `*` would also admit; see
// access-spec/invoke-grants.ts). Also the invoker roles the spec declares.
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { AccessSpec } from "../access-spec/types";
import { policyDocument, type PolicyStatement } from "./private/iam";
import { executeApiArn } from "../kernel/match/route";
import { describeConflict, planInvokeGrants, principalKey } from "../access-spec/invoke-grants";
import { invokerRoleName, terraformId } from "./private/names";

export interface InvokeGrantsProps {
  readonly spec: AccessSpec;
  readonly executionArn: string;
  readonly stageName: string;
  readonly groupRoles: Readonly<Record<string, IamRole>>;
}

export class InvokeGrants extends Construct {
  public readonly invokerRoles: Readonly<Record<string, IamRole>>;

  constructor(scope: Construct, id: string, props: InvokeGrantsProps) {
    super(scope, id);
    const { spec } = props;
    const invokers: Record<string, IamRole> = {};
    for (const role of spec.invokerRoles) {
      const principals: Record<string, string[]> = {};
      if ((role.assumedBy.services ?? []).length > 0) principals.Service = [...(role.assumedBy.services ?? [])];
      if ((role.assumedBy.roleArns ?? []).length > 0) principals.AWS = [...(role.assumedBy.roleArns ?? [])];
      invokers[role.name] = new IamRole(this, `invoker-${terraformId(role.name)}`, {
        name: invokerRoleName(spec, role.name),
        assumeRolePolicy: policyDocument([{ effect: "Allow", actions: ["sts:AssumeRole"], principals }]),
        tags: spec.tags,
      });
    }
    this.invokerRoles = invokers;

    const plan = planInvokeGrants(spec);
    // Validation reports these first; a grant that cannot be exact is never written.
    if (plan.conflicts.length > 0) throw new Error(describeConflict(spec, plan.conflicts[0]));
    const arn = (suffix: string): string => executeApiArn(props.executionArn, props.stageName, suffix);
    for (const { principal, allow, deny } of plan.grants) {
      const role = principal.kind === "group" ? props.groupRoles[principal.name] : invokers[principal.name];
      const statements: PolicyStatement[] = [{ effect: "Allow", actions: ["execute-api:Invoke"], resources: allow.map(arn) }];
      if (deny.length > 0) statements.push({ effect: "Deny", actions: ["execute-api:Invoke"], resources: deny.map(arn) });
      new IamRolePolicy(this, `invoke-${terraformId(principalKey(principal))}`, {
        name: "execute-api-invoke",
        role: role.name,
        policy: policyDocument(statements),
      });
    }
  }
}
