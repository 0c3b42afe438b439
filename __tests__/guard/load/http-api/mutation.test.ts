// Mutation harness for HTTP API routes: every weakening of every v2 route of the compliant fixture (authorization
// to NONE, scopes dropped, authorizer swapped, authorization_type dropped beside its authorizer_id) must fail the
// check with a finding on that route. Prints the score; anything below 100% fails.
import { failing } from "../../../../guard/engine";
import { check, ordersHttp, type Doc, type Json } from "./fixture";

interface Mutant {
  readonly name: string;
  readonly route: string;
  readonly apply: (doc: Doc) => void;
}

const OTHER_AUTHORIZER: Readonly<Record<string, Json>> = {
  JWT: { authorization_type: "CUSTOM", authorizer_id: "${aws_apigatewayv2_authorizer.lambda.id}", authorization_scopes: undefined },
  CUSTOM: { authorization_type: "JWT", authorizer_id: "${aws_apigatewayv2_authorizer.jwt.id}" },
  AWS_IAM: { authorization_type: "JWT", authorizer_id: "${aws_apigatewayv2_authorizer.jwt.id}" },
};

function mutantsOf(doc: Doc): Mutant[] {
  const out: Mutant[] = [];
  for (const [name, r] of Object.entries(doc.resource["aws_apigatewayv2_route"])) {
    const key = String(r["route_key"]);
    const at = (d: Doc) => d.resource["aws_apigatewayv2_route"][name];
    out.push({
      name: `${key}: authorization -> NONE`,
      route: key,
      apply: (d) => Object.assign(at(d), { authorization_type: "NONE", authorizer_id: undefined, authorization_scopes: undefined }),
    });
    if (r["authorizer_id"] !== undefined)
      out.push({ name: `${key}: authorization_type dropped`, route: key, apply: (d) => delete at(d)["authorization_type"] });
    if (Array.isArray(r["authorization_scopes"])) out.push({ name: `${key}: scopes dropped`, route: key, apply: (d) => delete at(d)["authorization_scopes"] });
    const swap = OTHER_AUTHORIZER[String(r["authorization_type"])];
    if (swap !== undefined) out.push({ name: `${key}: authorizer swapped`, route: key, apply: (d) => Object.assign(at(d), swap) });
  }
  return out;
}

test("GIVEN every weakening of every HTTP API route WHEN checked THEN each fails on its route (100%)", () => {
  const mutants = mutantsOf(ordersHttp());
  const missed: string[] = [];
  for (const m of mutants) {
    const doc = ordersHttp();
    m.apply(doc);
    if (!failing(check(doc), "low").some((f) => f.route === m.route)) missed.push(m.name);
  }
  const score = (100 * (mutants.length - missed.length)) / mutants.length;
  console.log(`http api mutation score: ${mutants.length - missed.length}/${mutants.length} mutants caught (${score.toFixed(1)}%)`);
  expect(mutants.length).toBeGreaterThanOrEqual(18);
  expect(missed).toEqual([]);
});
