// Authorizers that name their user pool through a local value (fixtures/local-trust-plan, our own Terraform planned
// offline). terraform show -json carries no locals, so which pool such a local names cannot be read: the finding
// stays "not verified" and says why, instead of claiming the pool is none of this configuration; its twins, a
// local with a known value naming another account's pool, are still "no user pool of this configuration". A pool
// with open sign-up may be the one named: reported, never a pass; the admin-only pool stays quiet.
import { join } from "node:path";
import { loadModel } from "../../../guard/load";
import { CognitoAuthorizerPoolKnown } from "../../../guard/rules/cognito/cognito-authorizer-pool-known";
import { JwtAuthorizerIssuerKnown } from "../../../guard/rules/cognito/jwt-authorizer-issuer-known";
import { UserPoolSelfSignUp } from "../../../guard/rules/cognito/user-pool-self-sign-up";

const NO_POLICIES = { policies: [] };
const model = loadModel(join(__dirname, "fixtures", "local-trust-plan", "plan.json"));
const messages = (rule: typeof UserPoolSelfSignUp) => rule.check(model, NO_POLICIES).map((f) => [f.address, f.message]);

describe("a user pool named through a local value", () => {
  test("GIVEN a JWT issuer through a local THEN not verified because locals are not in the plan; a known foreign issuer THEN no pool of ours", () => {
    expect(messages(JwtAuthorizerIssuerKnown)).toEqual([
      [
        "aws_apigatewayv2_authorizer.other",
        'authorizer "other-pool" trusts issuer https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Outside01, which is no user pool of this configuration: not verified',
      ],
      [
        "aws_apigatewayv2_authorizer.own",
        'authorizer "own-pool" trusts issuer local.own_issuer, a local value this input does not expand (terraform show -json carries no locals): which user pool it names is not verified',
      ],
    ]);
  });

  test("GIVEN Cognito provider_arns through a local THEN the same; a known foreign ARN THEN no pool of ours", () => {
    expect(messages(CognitoAuthorizerPoolKnown)).toEqual([
      [
        "aws_api_gateway_authorizer.other",
        'authorizer "other-pool" trusts arn:aws:cognito-idp:eu-west-1:999988887777:userpool/eu-west-1_Outside01, which is no user pool of this configuration: not verified',
      ],
      [
        "aws_api_gateway_authorizer.own",
        'authorizer "own-pool" trusts local.own_pool_arn, a local value this input does not expand (terraform show -json carries no locals): which user pool it names is not verified',
      ],
    ]);
  });

  test("GIVEN routes whose authorizers trust only locals THEN a pool with open sign-up may be theirs: reported; the admin-only pool THEN quiet", () => {
    expect(messages(UserPoolSelfSignUp)).toEqual([
      [
        "aws_cognito_user_pool.guests",
        'user pool "club-guests": self sign-up is open (admin_create_user_config.allow_admin_create_user_only is not true): anyone can register and may call ' +
          "club-rest GET /events, club-http GET /members: its authorizers trust local.own_pool_arn, local.own_issuer, local values this input does not expand, " +
          "so whether they name this pool is not verified",
      ],
    ]);
  });
});
