// The kind of the check on both sides (regressed.ts).
import { defineKinds } from "./kind-catalogue";

export const REGRESSED_KINDS = defineKinds({
  "control-regressed": {
    severity: "blocking",
    title: "check regressed",
    explanation: "a check finding at or above `--fail-on` on the head that the base does not have (subject: rule and route or address; message: the finding)",
  },
});
