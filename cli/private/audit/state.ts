// The adapter: what the audit read, as one `terraform show -json` state document per region, loaded by the check's
// own loader into the same Model the check and the review judge. So every rule and every policy file applies to
// the account unchanged. Pure: a snapshot in, documents and a Model out.
import { modelFromStacks, readDocument } from "../../../guard/load";
import type { Model } from "../../../guard/model";
import { httpResources } from "./state-http";
import { cognitoResources, lambdaResources } from "./state-identity";
import { restResources } from "./state-rest";
import { iamResources } from "./state-iam";
import { wafResources } from "./state-waf";
import { cloudfrontResources } from "./state-cloudfront";
import { resource, stateDocument, type StateResource } from "./state-doc";
import type { AccountSnapshot, RegionSnapshot } from "./snapshot";

/** How a live region is named where a file would be: `aws:123456789012:eu-west-1`. */
export const regionSource = (account: string | undefined, region: string): string => `aws:${account ?? "unknown-account"}:${region}`;

export interface RegionDocument {
  readonly account?: string;
  readonly region: string;
  readonly file: string;
  readonly document: Record<string, unknown>;
  /** What the adapter could not turn into state (a resource policy that is not JSON). */
  readonly problems: readonly string[];
}

/**
 * A live object's key names its account first when the account is known (`111122223333 eu-west-1 shop-dev GET
 * /pets`): every finding, in every format, says which account it is in, and two accounts' APIs never share an address.
 */
const inAccount = (account: string | undefined, r: StateResource): StateResource =>
  account === undefined ? r : resource(r.type, `${account} ${r.index}`, r.values);

export function regionDocument(fallbackAccount: string | undefined, snap: RegionSnapshot): RegionDocument {
  const account = snap.account ?? fallbackAccount;
  const acct = account ?? "";
  const lambda = lambdaResources(snap.region, [...snap.functions, ...(snap.edge?.functions ?? [])]);
  const resources = [
    ...restResources(snap.region, acct, snap),
    ...httpResources(snap.region, acct, snap.httpApis),
    ...cognitoResources(snap.region, snap.userPools),
    ...lambda.resources,
    ...wafResources(snap.region, snap.waf),
    ...(snap.iam === undefined ? [] : iamResources(snap.iam)),
    ...(snap.edge === undefined ? [] : cloudfrontResources(snap.edge)),
  ];
  return {
    ...(account !== undefined ? { account } : {}),
    region: snap.region,
    file: regionSource(account, snap.region),
    document: stateDocument(resources.map((r) => inAccount(account, r))),
    problems: lambda.problems,
  };
}

/** The deployed Model: one stack per account and region (`111122223333 eu-west-1`), as the check's loader builds it. */
export function deployedModel(snapshot: AccountSnapshot): { model: Model; documents: RegionDocument[] } {
  const documents = snapshot.regions.map((r) => regionDocument(snapshot.account, r));
  const stacks = documents.map((d) => {
    const { stack, format } = readDocument(d.document, { file: d.file, stack: d.account === undefined ? d.region : `${d.account} ${d.region}` }, "after");
    return { stack, format, file: d.file };
  });
  return { model: modelFromStacks(stacks, "after"), documents };
}
