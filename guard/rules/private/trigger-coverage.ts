// Moved to guard/access/deployment-triggers.ts (what a stage serves reads it too); kept for the rule's import.
export { triggerCoverage, type TriggerCoverage } from "../../access/deployment-triggers";
