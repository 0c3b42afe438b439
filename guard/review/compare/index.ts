// The effective-access comparers: each reads both versions (their Models and the review's route facts) and
// reports the changes outside the method resources that widen who may call a route (identity, IAM, authorizer
// code, WAF, stages). The review runs every comparer; the policy check's rules read the same facts modules.
import { compareAuthorizerCode } from "./authorizer-code";
import type { AccessComparer, ComparedVersions } from "./comparer";
import { compareCognito } from "./cognito";
import { compareDoors } from "./doors";
import { compareHandlerDeciders } from "./handler-deciders";
import type { Change } from "../types";
import { compareIam } from "./iam";
import { compareIdentityPools } from "./identity-pools";
import { compareIdentityMapping } from "./identity-mapping";
import { compareStageServing } from "./stage-serving";
import { compareStages } from "./stages";
import { compareWaf } from "./waf";

/** Every comparer, in report order. Add one here and in its own file. */
const COMPARERS: readonly AccessComparer[] = [
  compareIam,
  compareIdentityPools,
  compareWaf,
  compareStages,
  compareCognito,
  compareAuthorizerCode,
  compareHandlerDeciders,
  compareDoors,
  compareIdentityMapping,
  compareStageServing,
];

export function accessChanges(versions: ComparedVersions): Change[] {
  return COMPARERS.flatMap((compare) => compare(versions));
}
