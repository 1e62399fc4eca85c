import { describe, expect, it } from "vitest";
import { findClauseMarker, findSectionHeading, passageLabel } from "@/lib/retrieval/clause-markers";

describe("findClauseMarker", () => {
  it.each([
    ["APP 6.2(b) creates an exception", "APP 6.2(b)"],
    ["see APP6.2(b) and APP 11", "APP6.2(b)"],
    ["under s 150 of the National Law", "s 150"],
    ["under s 141C the Board", "s 141C"],
    ["an order under s 196(4)(b) may", "s 196(4)(b)"],
    ["Section 39 of the\nNational Law", "Section 39"],
    ["as set out in A.5.2 of the code", "A.5.2"],
    ["7.3.5. Confidentiality and privacy Nurses have", "7.3.5"],
    ["4.01 Clinicians use the safety and quality systems", "4.01"],
  ])("finds the marker in %j", (text, marker) => {
    expect(findClauseMarker(text)).toBe(marker);
  });

  it("takes the earliest marker, tidies its whitespace, and ignores numbers that are not clauses", () => {
    expect(findClauseMarker("Under section\n150, and later APP 6")).toBe("section 150");
    expect(findClauseMarker("The fee rose from $5.00 to 7.5 per cent in 2021.")).toBeUndefined();
    expect(findClauseMarker("services such as pathology")).toBeUndefined();
  });
});

describe("passage labels", () => {
  it("name the source and the first clause", () => {
    expect(passageLabel("Ahpra Regulatory Guide (2021)", "APP 6.2(b) creates an exception")).toBe("Ahpra Regulatory Guide (2021) — APP 6.2(b)");
    expect(passageLabel("ICN Code of Ethics for Nurses (2021)", "Nurses respect privacy.")).toBe("ICN Code of Ethics for Nurses (2021)");
  });

  it("prefer a section heading in legislation over a cross-reference", () => {
    const text = "(c) as required by s 150.\n\n278 Endorsements\n\n(1) This section applies to a person who";
    expect(findSectionHeading(text)).toBe("s 278");
    expect(passageLabel("The Act", text, { legislation: true })).toBe("The Act — s 278");
    expect(passageLabel("The Act", text)).toBe("The Act — s 150");
  });
});
