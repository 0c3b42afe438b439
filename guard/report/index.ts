// Reporter registry: format name -> renderer.
import { jsonReport } from "./json";
import { junitReport } from "./junit";
import { markdownReport } from "./check-markdown";
import { sarifReport } from "./sarif";
import { tableReport } from "./table";
import type { Format, ReportInput } from "./types";

export { FORMATS, type Format, type ReportInput } from "./types";

export const REPORTERS: Readonly<Record<Format, (r: ReportInput) => string>> = {
  table: tableReport,
  json: jsonReport,
  junit: junitReport,
  sarif: sarifReport,
  markdown: markdownReport,
};
