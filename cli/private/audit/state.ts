// The adapter: what the audit read, as one `terraform show -json` state document per region, loaded by the check's
// own loader into the same Model the check and the review judge. So every rule and every policy file applies to
// the account unchanged. Pure: a snapshot in, documents and a Model out.
import { modelFromStacks, readDocument } from "../../../guard/load";
import type { Model } from "../../../guard/model";
import { httpResources } from "./state-http";
import { cognitoResources, lambdaResources } from "./state-identity";
import { restResources } from "./state-rest";
import { stateDocument } from "./state-doc";
import type { AccountSnapshot, RegionSnapshot } from "./snapshot";

/** How a live region is named where a file would be: `aws:123456789012:eu-west-1`. */
const regionSource = (account: string | undefined, region: string): string => `aws:${account ?? "unknown-account"}:${region}`;

export interface RegionDocument {
  readonly region: string;
  readonly file: string;
  readonly document: Record<string, unknown>;
  /** What the adapter could not turn into state (a resource policy that is not JSON). */
  readonly problems: readonly string[];
}

export function regionDocument(account: string | undefined, snap: RegionSnapshot): RegionDocument {
  const acct = account ?? "";
  const lambda = lambdaResources(snap.region, snap.functions);
  const resources = [
    ...restResources(snap.region, acct, snap),
    ...httpResources(snap.region, acct, snap.httpApis),
    ...cognitoResources(snap.region, snap.userPools),
    ...lambda.resources,
  ];
  return { region: snap.region, file: regionSource(account, snap.region), document: stateDocument(resources), problems: lambda.problems };
}

/** The deployed Model: one stack per region (named by the region), as the check's loader builds it. */
export function deployedModel(snapshot: AccountSnapshot): { model: Model; documents: RegionDocument[] } {
  const documents = snapshot.regions.map((r) => regionDocument(snapshot.account, r));
  const stacks = documents.map((d) => {
    const { stack, format } = readDocument(d.document, { file: d.file, stack: d.region }, "after");
    return { stack, format, file: d.file };
  });
  return { model: modelFromStacks(stacks, "after"), documents };
}
