// No app client uses the OAuth implicit grant.
import { clientAccess } from "../../access/cognito";
import type { Rule } from "../types";
import { appClientSubjects } from "../private/subjects";

export const AppClientImplicitFlow: Rule = {
  id: "app-client-implicit-flow",
  title: "App clients do not use the OAuth implicit grant",
  severity: "high",
  rationale:
    "The implicit grant returns tokens in the redirect URL's fragment, where browser history, referrers and any script " +
    "on the callback page can read them; OAuth 2.0 Security Best Current Practice says not to use it. The authorization " +
    "code grant with PKCE does the same job.",
  equivalents: {},
  subjects: appClientSubjects,
  check: (model) =>
    // clientAccess is model.userPoolClients in order: the file is the client's own (an address repeats per stack).
    clientAccess(model).flatMap((c, i) =>
      c.oauthFlows.includes("implicit")
        ? [{ address: c.address, message: `app client ${c.client.label} allows the OAuth implicit grant`, file: model.userPoolClients[i].resource.source.file }]
        : [],
    ),
};
