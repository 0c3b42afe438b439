// Systems Manager parameters: what the edge verifier (and other functions) read at run time.
import { CODE, DOC, modelled, neutral, notVerified, notVerifiedEvenWhenNew, type TypeTable } from "./types";

export const SSM: Readonly<Record<string, TypeTable>> = {
  aws_ssm_parameter: {
    ...modelled(CODE, "any", ["name", "value", "insecure_value", "value_wo", "value_wo_version", "type"]),
    ...notVerifiedEvenWhenNew("a parameter created with overwrite replaces one of the same name that a function reads at run time", ["overwrite"]),
    ...notVerified("who may decrypt the value, and which values the parameter accepts", ["key_id", "allowed_pattern", "data_type", "arn"]),
    ...neutral("storage tier: size and throughput of the parameter store", ["tier"]),
    ...neutral(DOC, ["description"]),
  },
};
