// CSV cells and rows per RFC 4180, safe to open in a spreadsheet. Pure.

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV
 * injection"): = + - @, and tab and carriage return, which some programs strip
 * before looking. Such cells get a leading apostrophe so they stay text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a cell a spreadsheet would run as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV cell: text is protected against formulas, then quoted when it holds a comma, quote or line break. Numbers and booleans are written as they are. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, ending with CRLF as RFC 4180 asks. */
export function csvRow(values: (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
