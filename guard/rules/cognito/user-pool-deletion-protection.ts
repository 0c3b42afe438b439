// User pools cannot be deleted by a stray apply.
import { poolFinding } from "../private/pool";
import { show } from "../../access/lookups";
import type { Rule } from "../types";
import { userPoolSubjects } from "../private/subjects";

export const UserPoolDeletionProtection: Rule = {
  id: "user-pool-deletion-protection",
  title: "User pool deletion protection is ACTIVE",
  severity: "low",
  rationale: "Deleting a user pool deletes every user and their MFA enrolment irrecoverably; a renamed resource in a plan must not do it.",
  equivalents: {},
  subjects: userPoolSubjects,
  check: (model) =>
    model.userPools
      .filter((p) => p.settings.deletionProtection !== "ACTIVE")
      .map((p) => poolFinding(p.resource, `deletion_protection is ${show(p.settings.deletionProtection)}`)),
};
