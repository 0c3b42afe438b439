// IAM grants for AWS_IAM routes: each named role gets `execute-api:Invoke` on exactly the method ARNs
// of the routes naming it, and on nothing else. Also the invoker roles the spec declares.
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { AccessSpec } from "../spec/types";
import { policyDocument, type PolicyStatement } from "./private/iam";
import { routeArnPattern } from "../guard/match/route";
import { terraformId } from "./private/names";

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
        name: `${spec.name}-${spec.environment}-invoker-${role.name}`,
        assumeRolePolicy: policyDocument([{ effect: "Allow", actions: ["sts:AssumeRole"], principals }]),
        tags: spec.tags,
      });
    }
    this.invokerRoles = invokers;

    const grants = new Map<string, { role: IamRole; arns: string[] }>();
    const grant = (key: string, role: IamRole, arn: string): void => {
      const entry = grants.get(key) ?? { role, arns: [] };
      entry.arns.push(arn);
      grants.set(key, entry);
    };
    for (const route of spec.routes) {
      if (route.auth.type !== "AWS_IAM") continue;
      const arn = routeArnPattern(props.executionArn, props.stageName, route.method, route.path);
      for (const group of route.auth.groups ?? []) grant(`group-${group}`, props.groupRoles[group], arn);
      for (const name of route.auth.roles ?? []) grant(`role-${name}`, invokers[name], arn);
    }
    for (const [key, { role, arns }] of grants) {
      const statement: PolicyStatement = { effect: "Allow", actions: ["execute-api:Invoke"], resources: arns };
      new IamRolePolicy(this, `invoke-${terraformId(key)}`, {
        name: "execute-api-invoke",
        role: role.name,
        policy: policyDocument([statement]),
      });
    }
  }
}
