// Reads a baseline file (YAML or JSON) with the project's data-file reader; any problem is a BaselineError.
import { readFileSync } from "node:fs";
import { dataFormatOf, errorText, parseDataText } from "../../kernel/io/data-file";
import { parseBaseline } from "./parse";
import { BaselineError, type Baseline } from "./types";

export function loadBaseline(file: string, ruleIds: readonly string[]): Baseline {
  const format = dataFormatOf(file);
  if (format === undefined) throw new BaselineError([{ file, path: "", message: "a baseline file is .yaml, .yml or .json", value: file }]);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new BaselineError([{ file, path: "", message: `cannot read: ${errorText(e)}`, value: null }]);
  }
  const parsed = parseDataText(text, format);
  if (!parsed.ok) throw new BaselineError([{ file, path: "", message: parsed.message, value: null }]);
  const { baseline, problems } = parseBaseline(parsed.data, file, ruleIds);
  if (baseline === undefined) throw new BaselineError(problems);
  return baseline;
}
