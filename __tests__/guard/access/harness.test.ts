// The effective-access mutation harness: every widening class (identity, IAM, authorizer code, WAF, stages,
// routes by coverage) as base/head pairs from the real sample synth. The review must block each with the expected
// kinds and name the route; the check must fire on the head wherever the head alone shows it; harmless twins pass
// both. Prints the score; 100% is required.
import { ACCESS_PAIRS } from "./pairs";
import { describePairs } from "./pairs/run";

describePairs("GIVEN every effective-access pair", "effective-access", ACCESS_PAIRS);
