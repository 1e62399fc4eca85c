import { describe, expect, it } from "vitest";
import { chunkDocument } from "@/lib/pipeline/chunk-document";

/** A paragraph of `count` numbered words ending in a full stop, on a page. */
const paragraph = (count: number, page = 1, prefix = "w") => ({
  text: `${Array.from({ length: count }, (_, i) => `${prefix}${i}`).join(" ")}.`,
  page,
});
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe("chunkDocument", () => {
  it("keeps a short document in one chunk", () => {
    const chunks = chunkDocument([paragraph(40), paragraph(30, 2)], { chunkWords: 280, overlapWords: 60 });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ pageStart: 1, pageEnd: 2, wordStart: 0, wordEnd: 70 });
    expect(chunks[0]?.text.split("\n\n")).toHaveLength(2);
  });

  it("ends chunks at paragraph boundaries near the target size and overlaps them", () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => paragraph(70, i + 1, `p${i}w`));
    const chunks = chunkDocument(paragraphs, { chunkWords: 280, overlapWords: 60 });
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.wordEnd % 70).toBe(0);
      expect(chunk.wordEnd - chunk.wordStart).toBeGreaterThanOrEqual(280 * 0.6);
      expect(chunk.wordEnd - chunk.wordStart).toBeLessThanOrEqual(280 * 1.25);
    }
    chunks.slice(1).forEach((chunk, index) => {
      const previous = chunks[index]!;
      const overlap = previous.wordEnd - chunk.wordStart;
      expect(overlap).toBeGreaterThan(0);
      expect(overlap).toBeLessThanOrEqual(60);
    });
    expect(chunks.at(-1)?.wordEnd).toBe(12 * 70);
  });

  it("splits one long paragraph at sentence ends when it can", () => {
    const sentence = (i: number) => `Sentence ${i} has exactly eight words in it.`;
    const text = Array.from({ length: 100 }, (_, i) => sentence(i)).join(" ");
    const chunks = chunkDocument([{ text, page: 3 }], { chunkWords: 100, overlapWords: 20 });
    expect(chunks.length).toBeGreaterThan(7);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.text.endsWith(".")).toBe(true);
    for (const chunk of chunks.slice(1)) expect(chunk.text.startsWith("Sentence")).toBe(true);
    expect(chunks.every((chunk) => chunk.pageStart === 3 && chunk.pageEnd === 3)).toBe(true);
  });

  it("covers every word and records word ranges that match the text", () => {
    const paragraphs = [paragraph(333), paragraph(12, 2), paragraph(401, 3), paragraph(5, 4)];
    const chunks = chunkDocument(paragraphs, { chunkWords: 120, overlapWords: 30 });
    expect(chunks[0]?.wordStart).toBe(0);
    expect(chunks.at(-1)?.wordEnd).toBe(333 + 12 + 401 + 5);
    for (const chunk of chunks) expect(words(chunk.text)).toBe(chunk.wordEnd - chunk.wordStart);
  });

  it("refuses an overlap as large as the chunk", () => {
    expect(() => chunkDocument([paragraph(10)], { chunkWords: 50, overlapWords: 50 })).toThrow(/must be smaller than the chunk size/);
  });
});
