// The OpenAPI-body mutation harness: every widening a pull request can hide in a body (an operation's
// security: [], the global default dropped, scopes, keys, authorizers, new open or greedy routes, a body that
// becomes unreadable) as base/head pairs from the real sample synth. The review must block each with the
// expected kinds naming the route; the check must fire on the head wherever the head alone shows it; harmless
// twins pass both. 100% is required.
import { OPENAPI_PAIRS } from "./pairs";
import { describePairs } from "../../access/pairs/run";

describePairs("GIVEN every OpenAPI-body pair", "OpenAPI-body", OPENAPI_PAIRS);
