// The tag that declares, in the Terraform, that a backend function decides access itself (the access spec's
// `decidesAccess` on a LAMBDA integration). Its value says what the function checks. Plain data with no import: the
// stacks write it, guard/access reads it.

/** Tag key on `aws_lambda_function`: its value says what the function checks before it answers. */
export const DECIDER_TAG = "access-decider";
