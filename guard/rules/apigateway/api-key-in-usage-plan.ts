// Every API key belongs to a usage plan.
import { show } from "../../access/lookups";
import type { Rule } from "../types";
import { apiKeySubjects } from "../private/subjects";

export const ApiKeyInUsagePlan: Rule = {
  id: "api-key-in-usage-plan",
  title: "Every API key belongs to a usage plan",
  severity: "medium",
  rationale: "A key outside every usage plan is an unmetered, unthrottled credential nobody reviews; it should not exist.",
  equivalents: {},
  subjects: apiKeySubjects,
  check: (model) =>
    model.apiKeys
      .filter((k) => k.usagePlans.length === 0)
      .map((k) => ({ address: k.address, message: `API key ${show(k.name)} is in no usage plan`, file: k.resource.source.file })),
};
