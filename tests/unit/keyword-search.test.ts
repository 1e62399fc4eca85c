import { readFileSync } from "node:fs";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { readSourceCatalogue } from "@/lib/pipeline/source-catalogue";
import { expandQuery } from "@/lib/retrieval/expand-query";
import { indexTerm, terms, tokenize } from "@/lib/retrieval/index-terms";
import { createLexicalIndex } from "@/lib/retrieval/lexical-index";
import { loadStore } from "@/lib/retrieval/load-store";
import { corpusPath } from "../support/shared-corpus";

const passages = [
  { label: "Code — 7.3.5", text: "Nurses respect confidentiality and privacy by seeking informed consent before disclosing information." },
  { label: "Act — s 150", text: "The National Board must conduct a preliminary assessment of each notification it receives." },
  { label: "Statement — 2.1", text: "Researchers must consider risks of harm, discomfort and inconvenience to participants in research." },
  { label: "Guide — APP 6.2(b)", text: "APP 6.2(b) permits use or disclosure of health information where required by an Australian law." },
];

describe("search terms", () => {
  it("stem words, drop stop words, and keep clause numbers whole", () => {
    expect(terms("The practitioners disclosed the records under APP 6.2(b)")).toEqual(["practition", "disclos", "record", "app", "6.2(b)"]);
  });

  it("drop words that only frame a question and add related regulatory words", () => {
    const { own, related } = expandQuery(terms("Under what conditions can a psychologist disclose notes? Cite exact clauses."));
    expect(own).toEqual(["psychologist", "disclos", "note"]);
    expect([...related.keys()]).toEqual(expect.arrayContaining(["share", "record", "practition", "inform"]));
    expect([...related.values()].every((weight) => weight < 1)).toBe(true);
  });
});

describe("keyword index", () => {
  const index = createLexicalIndex(passages);

  it("ranks the passage sharing the question's words first, with coverage in [0, 1]", () => {
    const hits = index.search("When may nurses disclose information without consent?", 10);
    expect(hits[0]?.id).toBe(0);
    expect(hits[0]?.coverage).toBeGreaterThan(0.6);
    expect(hits.every((hit) => hit.coverage >= 0 && hit.coverage <= 1)).toBe(true);
  });

  it("finds passages through related words the question did not use", () => {
    const hits = index.search("Can a psychologist share my notes?", 10);
    expect(hits.map((hit) => hit.id)).toContain(0);
    expect(hits.map((hit) => hit.id)).toContain(3);
  });

  it("matches clause references exactly", () => {
    expect(index.search("What does APP 6.2(b) allow?", 10)[0]?.id).toBe(3);
  });

  it("gives low coverage when the question's main words are not in the passage", () => {
    const hits = index.search("preliminary assessment of a notification about deception in research", 10);
    const research = hits.find((hit) => hit.id === 2);
    expect(hits[0]?.id).toBe(1);
    expect(research?.coverage ?? 0).toBeLessThan(hits[0]?.coverage ?? 0);
  });

  it("returns nothing for a question with no matching words", () => {
    expect(index.search("zebra migration patterns", 10)).toEqual([]);
  });
});

describe("keyword ranking compared with MiniSearch", () => {
  /** The ranking the index promises: MiniSearch's BM25+ with the same fields, weights and terms. */
  function miniSearchRanking(passages: { text: string; label: string }[]) {
    const reference = new MiniSearch<{ id: number; text: string; label: string }>({ fields: ["text", "label"], tokenize, processTerm: indexTerm });
    reference.addAll(passages.map((passage, id) => ({ id, ...passage })));
    return (query: string, limit: number) => {
      const { own, related } = expandQuery(terms(query));
      const results = reference.search([...own, ...related.keys()].join(" "), {
        boost: { label: 0.3 },
        combineWith: "OR",
        tokenize: (text) => text.split(" "),
        processTerm: (term) => term,
        boostTerm: (term) => related.get(term) ?? 1,
      });
      return results.slice(0, limit).map((result) => ({ id: result.id as number, score: result.score }));
    };
  }

  it("ranks the reference corpus store exactly as MiniSearch does, scores to the last bit and ties in the same order", async () => {
    const store = await loadStore(corpusPath("seed_store"), { catalogue: readSourceCatalogue("health_docs/sources.tsv"), vectorBackend: "builtin" });
    const questions = ["general.txt", "app_clauses.txt"].flatMap((file) => readFileSync(corpusPath(`questions/${file}`), "utf8").split("\n").filter(Boolean));
    const awkward = [
      "consent consent consent",
      "Can a psychologist share my notes with my GP?",
      "APP 6.2(b) and s 150",
      "privacy",
      "the of and",
      "",
      "zebra migration patterns",
      "Ahpra",
    ];
    const reference = miniSearchRanking(store.passages);
    for (const query of [...questions, ...awkward]) {
      const hits = store.lexical.search(query, 60).map(({ id, score }) => ({ id, score }));
      expect(hits, query).toEqual(reference(query, 60));
    }
    // The comparison means something only if searches found passages, ties among them included.
    const all = store.lexical.search("health information privacy consent", store.passages.length);
    expect(all.length).toBeGreaterThan(300);
    expect(new Set(all.map((hit) => hit.score)).size).toBeLessThan(all.length);
  });

  it("keeps no state between searches", () => {
    const index = createLexicalIndex(passages);
    const first = index.search("When may nurses disclose information without consent?", 10);
    index.search("preliminary assessment of a notification", 10);
    expect(index.search("When may nurses disclose information without consent?", 10)).toEqual(first);
  });
});
