// The terminal tables' one layout (the check's findings, conformance's matrix): columns two spaces apart, each but
// the last padded to its widest cell.

/** `rows` (the heading first) as aligned lines; a column is at most `maxWidth` wide (longer cells overflow it). */
export function alignColumns(rows: readonly (readonly string[])[], maxWidth = Number.POSITIVE_INFINITY): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.min(maxWidth, Math.max(...rows.map((row) => (row[i] ?? "").length))));
  return rows.map((cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  "));
}
