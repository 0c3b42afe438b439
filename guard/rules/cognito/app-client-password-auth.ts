// No app client signs users in with the password itself instead of an SRP proof.
import { passwordSignIn } from "../../access/cognito";
import { poolFinding } from "../private/pool";
import type { Rule, RuleFinding } from "../types";
import { appClientSubjects } from "../private/subjects";

/** Flows a caller starts with InitiateAuth (the public API); the admin flows need IAM credentials for AdminInitiateAuth. */
const PUBLIC_FLOWS = new Set(["USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH"]);

export const AppClientPasswordAuth: Rule = {
  id: "app-client-password-auth",
  title: "App clients do not sign users in with the password itself (SRP only)",
  severity: "medium",
  rationale:
    "USER_PASSWORD_AUTH (and the server-side ADMIN_USER_PASSWORD_AUTH, formerly ADMIN_NO_SRP_AUTH) sends the password " +
    "itself to Cognito instead of the SRP proof: it crosses every hop that terminates TLS in between (a proxy, a " +
    "backend, their logs) and lets anyone with the client id try passwords against InitiateAuth without computing SRP. " +
    "Medium for USER_PASSWORD_AUTH on a client without a secret (a public client: anyone holding its id can use it); " +
    "low when the client has a secret (each call needs its hash) and for the admin flows (AdminInitiateAuth needs IAM " +
    "credentials). Unset explicit_auth_flows are Cognito's defaults (SRP, custom auth, refresh) and pass; flows known " +
    "only after apply are not verified. Choice-based sign-in (ALLOW_USER_AUTH) counts as USER_PASSWORD_AUTH when the " +
    "pool's sign-in policy lets PASSWORD be the first factor (Cognito's default when sign_in_policy is unset): the " +
    "caller may answer the PASSWORD challenge with the password itself; a pool the configuration does not hold, or " +
    "first factors known only after apply, are not verified. A client that needs it (a user-migration trigger) is " +
    "accepted with a waiver.",
  equivalents: {},
  subjects: appClientSubjects,
  check(model) {
    const out: RuleFinding[] = [];
    for (const c of model.userPoolClients) {
      const signIn = passwordSignIn(model, c);
      const { secret } = signIn;
      if (signIn.flows === "unknown") {
        out.push({
          ...poolFinding(c.resource, "explicit_auth_flows is known only after apply: password sign-in without SRP is not verified"),
          severity: "low",
        });
        continue;
      }
      if (signIn.choice === "unknown")
        out.push({
          ...poolFinding(
            c.resource,
            "ALLOW_USER_AUTH (choice-based sign-in) on a pool whose first factors are not in the configuration or known only after apply: whether it accepts the password itself is not verified",
          ),
          severity: "low",
        });
      // Choice-based sign-in with PASSWORD as a first factor takes the password as InitiateAuth's PASSWORD challenge.
      const flows = signIn.choice === "password" ? [...signIn.flows, "ALLOW_USER_AUTH (the pool allows PASSWORD as the first factor)"] : signIn.flows;
      if (flows.length === 0) continue;
      const open = secret !== true && (signIn.choice === "password" || flows.some((f) => PUBLIC_FLOWS.has(f)));
      const holder =
        secret === true
          ? "the client has a secret"
          : secret === "unknown"
            ? "whether the client has a secret is known only after apply"
            : "the client has no secret";
      out.push({
        ...poolFinding(c.resource, `${flows.join(", ")} sends the password itself to Cognito instead of an SRP proof (${holder})`),
        severity: open ? "medium" : "low",
      });
    }
    return out;
  },
};
