// The review as JSON: the whole report (guard/review/types.ts), described by schema/review-report.schema.json.
import type { ReviewReport } from "../../review/types";

export const renderJson = (r: ReviewReport): string => `${JSON.stringify(r, null, 2)}\n`;
