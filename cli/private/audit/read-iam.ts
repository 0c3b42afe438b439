// IAM of one account: every user, group and role with its inline policies and attached managed policies, and the
// documents of the managed policies that are attached to something (customer and AWS managed), from
// GetAccountAuthorizationDetails followed to its last page. Who holds execute-api:Invoke (and who may invoke a
// backend, and which roles Cognito groups hand out) is judged on these by the check's own IAM model.
import { GetAccountAuthorizationDetailsCommand, type GroupDetail, type ManagedPolicyDetail, type RoleDetail, type UserDetail } from "@aws-sdk/client-iam";
import { allPages, type Caller } from "./calls";
import type { RegionClients } from "./clients";
import type { IamRead } from "./snapshot";

const FILTER = ["User", "Group", "Role", "LocalManagedPolicy", "AWSManagedPolicy"] as const;

type Page = { users: UserDetail[]; groups: GroupDetail[]; roles: RoleDetail[]; policies: ManagedPolicyDetail[] };

export async function readIam(caller: Caller, clients: RegionClients, region: string): Promise<IamRead | undefined> {
  const pages = await caller.attempt(region, "iam", "GetAccountAuthorizationDetails", () =>
    allPages<Page>(async (Marker) => {
      const r = await caller.call("iam", new GetAccountAuthorizationDetailsCommand({ Filter: [...FILTER], MaxItems: 1000, Marker }), (c) =>
        clients.iam.send(c),
      );
      const page: Page = { users: r.UserDetailList ?? [], groups: r.GroupDetailList ?? [], roles: r.RoleDetailList ?? [], policies: r.Policies ?? [] };
      return { items: [page], next: r.IsTruncated === true ? r.Marker : undefined };
    }),
  );
  if (pages === undefined) return undefined;
  return {
    users: pages.flatMap((p) => p.users),
    groups: pages.flatMap((p) => p.groups),
    roles: pages.flatMap((p) => p.roles),
    // A managed policy attached to nothing grants nothing; the AWS managed ones number in the thousands.
    policies: pages.flatMap((p) => p.policies).filter((p) => (p.AttachmentCount ?? 0) > 0),
  };
}
