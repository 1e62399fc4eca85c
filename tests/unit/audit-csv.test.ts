import { describe, expect, it } from "vitest";
import { csvCell, csvRow, neutraliseFormula } from "@/lib/audit/csv";

describe("CSV cells", () => {
  it.each(["=1+1", "+61 412 345 678", "-2", "@SUM(A1:A2)", "\t=cmd", "\r=cmd"])("neutralises %j, which a spreadsheet would run as a formula", (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it("leaves other text alone, including formula characters after the start", () => {
    for (const text of ["Consent = required", "a+b", "", "'quoted", "1-2"]) expect(neutraliseFormula(text)).toBe(text);
  });

  it("quotes cells with commas, quotes or line breaks, doubling quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it("neutralises before quoting, so the apostrophe sits inside the quotes", () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it("writes numbers and booleans as they are, and nothing for missing values", () => {
    expect([csvCell(-5), csvCell(4.5), csvCell(true), csvCell(null), csvCell(undefined)]).toEqual(["-5", "4.5", "true", "", ""]);
  });

  it("ends each record with CRLF", () => {
    expect(csvRow(["id", "a,b", 3, null])).toBe('id,"a,b",3,\r\n');
  });
});
