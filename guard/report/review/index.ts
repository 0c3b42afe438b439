// The review's renderers: format name -> renderer.
import type { ReviewReport } from "../../review/types";
import type { ReviewFormat } from "../formats";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { renderText } from "./text";

export { REVIEW_FORMATS, type ReviewFormat } from "../formats";

export const REVIEW_RENDERERS: Readonly<Record<ReviewFormat, (r: ReviewReport) => string>> = {
  markdown: renderMarkdown,
  json: renderJson,
  text: renderText,
};
