// Which IAM actions in a Cognito group's permissions hand out more than the group's own access: `*` (or a
// wildcard service, `*:Get*`) and any pattern that covers iam:PassRole (`iam:PassRole`, `iam:*`, `iam:Pass*`).
import { matchesAction } from "../../kernel/match/glob";

export const isPrivilegedAction = (action: string): boolean => action.trim() === "*" || action.startsWith("*:") || matchesAction(action, "iam:PassRole");
