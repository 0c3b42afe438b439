// The kinds of the handler-deciders comparer (handler-deciders.ts): backend handlers that decide access themselves.
import { defineKinds } from "../kind-catalogue";

export const HANDLER_DECIDER_KINDS = defineKinds({
  "decider-code-changed": {
    severity: "blocking",
    title: "decider code changed",
    explanation:
      'for a function the base declares as deciding access itself: its code identity changed (handler, layers, package files or `source_code_hash`, S3 bucket/key/object version or image) or its environment (`NODE_OPTIONS` loads code too), a route to it invokes another version or alias than before, or a route it served now reaches other code (a renamed function, another integration). The message names the function, its routes and "decides access itself"',
  },
  "decider-declaration-removed": {
    severity: "blocking",
    title: "decider declaration removed",
    explanation: "the head drops (or makes unreadable) the `access-decider` tag the base's function carried; the function is still judged as a decider",
  },
});
