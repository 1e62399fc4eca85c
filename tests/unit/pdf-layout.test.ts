import { describe, expect, it } from "vitest";
import { collectHyphenatedWords, joinLines, normaliseCharacters, removeRunningLines } from "@/lib/pipeline/clean-pages";
import { itemsToLines, linesToParagraphs, type PdfLine, type TextItem } from "@/lib/pipeline/pdf-lines";

const item = (str: string, x: number, y: number, options: Partial<TextItem> = {}): TextItem => ({
  str,
  x,
  y,
  width: str.length * 5,
  fontSize: 10,
  hasEOL: false,
  ...options,
});
const line = (text: string, y: number, fontSize = 10): PdfLine => ({ text, x: 72, y, fontSize });

describe("itemsToLines", () => {
  it("joins items on one baseline, with a space only where the gap is a word gap", () => {
    const lines = itemsToLines([
      item("Decision", 72, 700),
      item("-", 112, 700),
      item("making is shared", 117, 700, { hasEOL: true }),
      item("Next line", 72, 686),
    ]);
    expect(lines.map((entry) => entry.text)).toEqual(["Decision-making is shared", "Next line"]);
  });

  it("starts a new line after an end-of-line marker even at the same height", () => {
    const lines = itemsToLines([item("Column one", 72, 700, { hasEOL: true }), item("Column two", 320, 700)]);
    expect(lines.map((entry) => entry.text)).toEqual(["Column one", "Column two"]);
  });
});

describe("linesToParagraphs", () => {
  it("breaks at wide gaps, headings, numbered clauses and jumps back up the page", () => {
    const paragraphs = linesToParagraphs([
      line("Risks, Burdens and Benefits", 720, 12),
      line("16. In medical practice most interventions", 700),
      line("involve risks and burdens.", 688),
      line("Research may only be conducted if the", 664),
      line("importance of the objective outweighs the risks.", 652),
      line("17. All research must be preceded by", 640),
      line("A second column starts at the top", 720),
    ]);
    expect(paragraphs.map((group) => group.map((entry) => entry.text).join(" "))).toEqual([
      "Risks, Burdens and Benefits",
      "16. In medical practice most interventions involve risks and burdens.",
      "Research may only be conducted if the importance of the objective outweighs the risks.",
      "17. All research must be preceded by",
      "A second column starts at the top",
    ]);
  });
});

describe("removeRunningLines", () => {
  const topics = ["registration", "notifications", "panels", "tribunals", "records"];
  const page = (n: number) => [
    line("Health Practitioner Regulation National Law Act 2009", 800),
    line(`Page ${n} Current as at 1 July 2024`, 790),
    line(`This part deals with ${topics[n - 1]}.`, 700),
    line(`Section ${n * 10} applies to ${topics[n - 1]} only`, 686),
    line(String(n), 40),
  ];

  it("drops lines repeated at the top or bottom of most pages, and bare page numbers", () => {
    const cleaned = removeRunningLines([1, 2, 3, 4, 5].map(page));
    expect(cleaned[2]?.map((entry) => entry.text)).toEqual(["This part deals with panels.", "Section 30 applies to panels only"]);
  });

  it("keeps everything in a document too short to show a pattern", () => {
    const cleaned = removeRunningLines([page(1), page(2)]);
    expect(cleaned[0]).toHaveLength(4);
  });
});

describe("joinLines", () => {
  it("rejoins hyphenated words, keeps compound hyphens seen elsewhere, and tidies characters", () => {
    const hyphenated = collectHyphenatedWords([[line("assess self-harm risk", 700)]]);
    expect(joinLines(["record the thera-", "peutic plan for self-", "harm and the \ufb01le", "", "of\u00a0care"], hyphenated)).toBe(
      "record the therapeutic plan for self-harm and the file of care",
    );
  });

  it("leaves hyphens before capitals and numbers alone", () => {
    expect(joinLines(["the Trans-", "Tasman principle; pages 10-", "12"], new Set())).toBe("the Trans- Tasman principle; pages 10- 12");
  });

  it("replaces ligatures and soft hyphens", () => {
    expect(normaliseCharacters("con\ufb01dential o\ufb03ce re\u00adcord")).toBe("confidential office record");
  });
});
