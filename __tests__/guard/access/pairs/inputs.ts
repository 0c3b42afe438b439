// Inputs: a head that removes a whole REST API (the resource itself, not only its methods) is one blocking
// "api-removed" change naming the API; a harmless twin moves nothing.
import { only } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

export const INPUT_PAIRS: Readonly<Record<string, AccessPair>> = {
  "api-resource-removed": {
    env: "dev",
    description: "the head deletes the REST API with its resources and methods (a decoy elsewhere would now answer its callers)",
    mutate: (d) => {
      for (const type of Object.keys(d.resource)) if (type.startsWith("aws_api_gateway_")) delete d.resource[type];
    },
    // The admins' invoke grant still names the deleted API's execution ARN: what it covers cannot be told any more.
    // The method and integration responses go too: their type is not modelled, so their removal is not verified.
    // The Lambda permissions left behind name an API that is no longer in the configuration: each is a door of an API
    // whose callers are not seen (door-added, not verified), on functions no API reaches any more.
    blocking: ["api-removed", "door-added", "invoke-grant-widened", "resource-not-verified"],
    names: "REST API petstore-dev",
    // With no REST API left, the check sees only that the policy matches nothing (info): the head alone cannot show it.
    check: [],
  },
  "api-description-changed": {
    env: "dev",
    description: "the REST API's description changes (same API, same routes: harmless twin)",
    mutate: (d) => {
      only(d, "aws_api_gateway_rest_api")["description"] = "Petstore";
    },
    blocking: [],
    check: [],
  },
};
