// The check's renderers: format name -> renderer.
import type { Format } from "../formats";
import type { ReportInput } from "../types";
import { jsonReport } from "./json";
import { junitReport } from "./junit";
import { markdownReport } from "./markdown";
import { sarifReport } from "./sarif";
import { tableReport } from "./table";

export { FORMATS, type Format } from "../formats";
export type { ReportInput } from "../types";

export const REPORTERS: Readonly<Record<Format, (r: ReportInput) => string>> = {
  table: tableReport,
  json: jsonReport,
  junit: junitReport,
  sarif: sarifReport,
  markdown: markdownReport,
};
