// Reading a resource's policy attribute, and the IamPolicy entry for it: what every IAM builder shares. Pure.
import type { IamPolicy, ResourceInstance } from "../../../model";
import { documentFromDataSource, parsePolicy, type ParsedPolicy } from "../../iam";
import type { BuildContext } from "../build-context";

/** Parse a policy attribute; a reference to an aws_iam_policy_document data source reads its statements. */
export type PolicyOf = (r: ResourceInstance, attr: string) => ParsedPolicy;

export function policyReader(ctx: BuildContext): PolicyOf {
  const { resolver, ofType, target } = ctx;
  const policyDocs = new Map(ofType("aws_iam_policy_document", "data").map((d) => [d.address, documentFromDataSource(d.values)]));
  return (r, attr) => {
    const dataT = target(resolver.resolve(r, attr, ["aws_iam_policy_document"]));
    const doc = dataT === undefined ? undefined : policyDocs.get(dataT.address);
    return doc !== undefined ? { document: doc } : parsePolicy(r.values[attr]);
  };
}

export function policyView(r: ResourceInstance, kind: IamPolicy["kind"], parsed: ParsedPolicy, roles: string[]): IamPolicy {
  return {
    address: r.address,
    kind,
    document: parsed.document,
    ...(parsed.parseError !== undefined ? { parseError: parsed.parseError } : {}),
    roleAddresses: roles,
    resource: r,
  };
}
