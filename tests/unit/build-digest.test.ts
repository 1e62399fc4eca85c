import { describe, expect, it } from "vitest";
import { renderDigest, summariseExtractively } from "@/lib/pipeline/build-digest";
import type { ChunkRecord } from "@/lib/retrieval/store-format";

const record = (text: string, n: number): ChunkRecord => ({
  chunk_id: `code.pdf::chunk-${n}`,
  path: "health_docs/code.pdf",
  text,
  metadata: { source_title: "Code", label: "Code", word_start: 0, word_end: 1 },
});

const sentences = [
  "Practitioners must protect the privacy and confidentiality of patient health information at all times.",
  "Health information may be disclosed without consent only where the law requires or permits the disclosure.",
  "The car park is open from seven in the morning until nine at night on weekdays.",
  "Practitioners must obtain informed consent before sharing patient health information with others.",
];

describe("summariseExtractively", () => {
  it("keeps the most representative sentences in document order, within the length limit", () => {
    const summary = summariseExtractively([record(sentences.join(" "), 1)], 210);
    expect(summary.length).toBeLessThanOrEqual(210);
    expect(summary).not.toContain("car park");
    expect(summary.indexOf("protect the privacy")).toBeLessThan(summary.indexOf("informed consent"));
  });

  it("counts a sentence repeated by overlapping chunks once", () => {
    const summary = summariseExtractively([record(sentences.slice(0, 2).join(" "), 1), record(sentences.slice(1, 2).join(" "), 2)], 2_000);
    expect(summary.split("may be disclosed without consent").length).toBe(2);
  });
});

describe("renderDigest", () => {
  it("writes one section per document with its region and category", () => {
    const markdown = renderDigest({
      storeVersion: "20261126-abc",
      method: "extractive",
      sources: [{ file: "code.pdf", title: "Code of Conduct", region: "AU", category: "code-of-conduct", records: [] }],
      summaries: new Map([["code.pdf", "Summary text."]]),
    });
    expect(markdown).toContain("retrieval store 20261126-abc");
    expect(markdown).toContain("## Code of Conduct (AU, code-of-conduct)\n\nSource file: code.pdf\n\nSummary text.");
  });
});
