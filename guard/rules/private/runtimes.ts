// AWS's dated lifecycle of Lambda managed runtimes, for rule lambda-runtime-supported. Dates are UTC days
// (YYYY-MM-DD) as AWS publishes them; after "block create" a function on the runtime can no longer be created, after
// "block update" no longer updated (code or configuration), so a deploy that touches it fails.
// Sources:
//   NODE     AWS Lambda Developer Guide, "Building Lambda functions with Node.js", supported runtimes table:
//            https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html
//   RUNTIMES AWS Lambda Developer Guide, "Lambda runtimes", supported and deprecated runtimes tables:
//            https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
// Only runtimes whose dates were checked against a source are listed; any other runtime is reported as not verified,
// never passed. AWS has moved block dates before (later, never earlier): re-check the pages when a date comes near.

export interface RuntimeLifecycle {
  /** No more security patches or support from this day. */
  readonly deprecated: string;
  /** Creating functions on the runtime fails from this day. */
  readonly blockCreate: string;
  /** Updating functions on the runtime fails from this day. */
  readonly blockUpdate: string;
  /**
   * The block dates are upper bounds: the runtime was blocked for both by then (the source lists older blocks whose
   * exact days are not recorded here). @default false
   */
  readonly atTheLatest?: boolean;
  /** Where the dates come from. */
  readonly source: string;
}

/** The day this table was last compared with its sources; rules judge at this day when the model names none. */
export const RUNTIME_TABLE_CHECKED_ON = "2026-12-07";

const NODE = "AWS Lambda, Building Lambda functions with Node.js (docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html)";
const RUNTIMES = "AWS Lambda, Lambda runtimes (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html)";
const PYTHON = "AWS Lambda, Building Lambda functions with Python (docs.aws.amazon.com/lambda/latest/dg/lambda-python.html)";
// AWS moved python3.9's block days and python3.10/3.11's whole schedule later in 2026 (python3.11 stays on Amazon
// Linux 2 past that OS's end of support). Read on 2026-12-07 from summaries of the PYTHON page that quote its 2026
// table (the page itself cannot be reached from here); an older translation of the page still shows the 2025 days.
const PYTHON_2026 = `${PYTHON}, as revised in 2026`;
// Older Node.js runtimes: deprecation days as the RUNTIMES page's deprecated table gave them (also tflint-ruleset-aws's
// aws_lambda_function_deprecated_runtime); each was blocked for create and update before nodejs14.x's update block
// (2024-02-08), the bound recorded for them.
const OLD_NODE = `${RUNTIMES}, deprecated runtimes; blocked no later than nodejs14.x's update block`;
// AL2023-based runtimes whose language support ends in 2029: the RUNTIMES page lists them all with the same dates.
const AL2023_2029: Omit<RuntimeLifecycle, "source"> = { deprecated: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31" };

export const RUNTIME_LIFECYCLE: Readonly<Record<string, RuntimeLifecycle>> = {
  "nodejs24.x": { deprecated: "2028-04-30", blockCreate: "2028-06-01", blockUpdate: "2028-07-01", source: NODE },
  "nodejs22.x": { deprecated: "2027-04-30", blockCreate: "2027-06-01", blockUpdate: "2027-07-01", source: NODE },
  "nodejs20.x": { deprecated: "2026-04-30", blockCreate: "2026-08-31", blockUpdate: "2026-09-30", source: NODE },
  "nodejs18.x": { deprecated: "2025-09-01", blockCreate: "2026-02-03", blockUpdate: "2026-03-09", source: NODE },
  "nodejs16.x": { deprecated: "2024-06-12", blockCreate: "2025-10-01", blockUpdate: "2025-11-01", source: `${RUNTIMES}, deprecated runtimes` },
  "nodejs14.x": { deprecated: "2023-12-04", blockCreate: "2024-01-09", blockUpdate: "2024-02-08", source: `${RUNTIMES}, deprecated runtimes` },
  "nodejs12.x": { deprecated: "2023-03-31", blockCreate: "2024-02-08", blockUpdate: "2024-02-08", atTheLatest: true, source: OLD_NODE },
  "nodejs10.x": { deprecated: "2021-07-30", blockCreate: "2024-02-08", blockUpdate: "2024-02-08", atTheLatest: true, source: OLD_NODE },
  "nodejs8.10": { deprecated: "2020-03-06", blockCreate: "2024-02-08", blockUpdate: "2024-02-08", atTheLatest: true, source: OLD_NODE },
  "nodejs6.10": { deprecated: "2019-08-12", blockCreate: "2024-02-08", blockUpdate: "2024-02-08", atTheLatest: true, source: OLD_NODE },
  "nodejs4.3": { deprecated: "2020-03-05", blockCreate: "2024-02-08", blockUpdate: "2024-02-08", atTheLatest: true, source: OLD_NODE },
  "nodejs4.3-edge": { deprecated: "2020-03-05", blockCreate: "2024-02-08", blockUpdate: "2024-02-08", atTheLatest: true, source: OLD_NODE },
  nodejs: { deprecated: "2016-10-31", blockCreate: "2024-02-08", blockUpdate: "2024-02-08", atTheLatest: true, source: OLD_NODE },
  "provided.al2023": { ...AL2023_2029, source: RUNTIMES },
  "python3.14": { ...AL2023_2029, source: RUNTIMES },
  "python3.13": { ...AL2023_2029, source: RUNTIMES },
  "python3.12": { deprecated: "2028-10-31", blockCreate: "2028-11-30", blockUpdate: "2029-01-10", source: PYTHON },
  "python3.11": { deprecated: "2027-06-30", blockCreate: "2027-07-31", blockUpdate: "2027-08-31", source: PYTHON_2026 },
  "python3.10": { deprecated: "2026-10-31", blockCreate: "2026-11-30", blockUpdate: "2027-01-15", source: PYTHON_2026 },
  "python3.9": { deprecated: "2025-12-15", blockCreate: "2026-08-31", blockUpdate: "2026-09-30", source: PYTHON_2026 },
  "python3.8": { deprecated: "2024-10-14", blockCreate: "2025-02-28", blockUpdate: "2025-03-31", source: PYTHON },
  java25: { ...AL2023_2029, source: RUNTIMES },
  java21: { ...AL2023_2029, source: RUNTIMES },
};

/** The lifecycle of `runtime`, or undefined when the table does not list it. */
export const lifecycleOf = (runtime: string): RuntimeLifecycle | undefined =>
  Object.prototype.hasOwnProperty.call(RUNTIME_LIFECYCLE, runtime) ? RUNTIME_LIFECYCLE[runtime] : undefined;
