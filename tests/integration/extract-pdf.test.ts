import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractPdf, UnusablePdfError } from "@/lib/pipeline/extract-pdf";
import { makePdf, textBlock } from "../support/make-pdf";
import { corpusPath } from "../support/shared-corpus";

const reasonFor = async (bytes: Uint8Array) => {
  const error = await extractPdf(bytes).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UnusablePdfError);
  return (error as Error).message;
};

const topics = ["storing", "sharing", "correcting", "destroying"];
const body = (page: number) => [
  `Clinical records about ${topics[page - 1]} are covered here. Practitioners must store them securely and`,
  "retain them for the period the law requires, then destroy them in a way that protects the person's privacy.",
];
const closing = ["Only the treating team reads them.", "Consent comes first.", "Errors are fixed promptly.", "Shredding is supervised."];

describe("extractPdf", () => {
  it("removes running headers, footers and page numbers, and splits paragraphs at wider gaps", async () => {
    const pages = [1, 2, 3, 4].map((page) => ({
      lines: [
        { text: "Records Policy - Version 2", y: 800, size: 9 },
        ...textBlock(body(page)),
        ...textBlock([closing[page - 1] as string], { top: 700 }),
        { text: String(page), y: 40, size: 9 },
      ],
    }));
    const extracted = await extractPdf(makePdf(pages, { title: "Records Policy" }));
    expect(extracted.pages).toBe(4);
    expect(extracted.metadataTitle).toBe("Records Policy");
    const texts = extracted.paragraphs.map((paragraph) => paragraph.text);
    expect(texts.some((text) => text.includes("Records Policy - Version 2"))).toBe(false);
    expect(texts.some((text) => /^\d$/.test(text))).toBe(false);
    expect(texts[0]).toBe(`${body(1).join(" ")}`);
    expect(texts[1]).toBe("Only the treating team reads them.");
    expect(extracted.paragraphs.map((paragraph) => paragraph.page)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it("rejoins words hyphenated across lines, keeping hyphens the document uses within lines", async () => {
    const lines = [
      "Practitioners must assess the risk of self-harm at every visit and record the thera-",
      "peutic plan. A patient at risk of self-",
      "harm is referred at once to a crisis team and followed up.",
    ];
    const { paragraphs } = await extractPdf(makePdf([{ lines: textBlock(lines) }]));
    expect(paragraphs[0]?.text).toBe(
      "Practitioners must assess the risk of self-harm at every visit and record the therapeutic plan. " +
        "A patient at risk of self-harm is referred at once to a crisis team and followed up.",
    );
  });

  it("reads a real document: the Declaration of Helsinki", async () => {
    const extracted = await extractPdf(new Uint8Array(readFileSync(corpusPath("health_docs/wma_declaration_of_helsinki_2013.pdf"))));
    const text = extracted.paragraphs.map((paragraph) => paragraph.text).join("\n");
    expect(extracted.pages).toBe(4);
    expect(text).toContain("diagnostic or therapeutic value");
    expect(text).not.toContain("Copyright 2013 American Medical Association. All rights reserved.");
    expect(extracted.paragraphs.find((paragraph) => paragraph.text.startsWith("14. Physicians"))?.page).toBe(2);
  });

  it("reads a document with an owner password that needs none to open (the National Law)", async () => {
    const extracted = await extractPdf(
      new Uint8Array(readFileSync(corpusPath("health_docs/health_practitioner_regulation_national_law_act_2009.pdf"))),
    );
    expect(extracted.pages).toBe(401);
    expect(extracted.paragraphs.some((paragraph) => paragraph.text.startsWith("150 Preliminary assessment"))).toBe(true);
  });

  it("explains every kind of file it cannot use", async () => {
    expect(await reasonFor(new Uint8Array())).toBe("empty file");
    expect(await reasonFor(new Uint8Array(readFileSync(corpusPath("health_docs/good_medical_practice_code_2009.pdf"))))).toMatch(
      /^not a PDF: it is a web page/,
    );
    expect(await reasonFor(Buffer.from("Minutes of the meeting, 3 March"))).toBe("not a PDF: it has no PDF header");
    const whole = makePdf([{ lines: textBlock(body(1)) }]);
    expect(await reasonFor(whole.subarray(0, 60))).toMatch(/^corrupt: /);
    expect(await reasonFor(makePdf([{ drawingOnly: true }, { drawingOnly: true }]))).toMatch(/^no text layer/);
    expect(await reasonFor(new Uint8Array(readFileSync("tests/fixtures/pdf/needs-password.pdf")))).toBe(
      "encrypted: it needs a password to open",
    );
  });
});
