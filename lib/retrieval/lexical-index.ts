import MiniSearch from "minisearch";
import { equivalentTerms, expandQuery } from "@/lib/retrieval/expand-query";
import { indexTerm, terms, tokenize } from "@/lib/retrieval/index-terms";

// Keyword retrieval that needs no model: BM25 ranking (MiniSearch's BM25+)
// over stemmed words, plus a similarity in [0, 1] that thresholds can use:
// the share of the query's information (IDF-weighted distinct terms) that a
// passage contains. Pure (no I/O).

export type LexicalHit = { id: number; score: number; coverage: number };

export interface LexicalIndex {
  /** Passages matching any query term, best BM25 score first. */
  search(query: string, limit: number): LexicalHit[];
}

/** Builds the index over passage texts; ids are positions in the given array. */
export function createLexicalIndex(passages: { text: string; label: string }[]): LexicalIndex {
  const index = new MiniSearch<{ id: number; text: string; label: string }>({
    fields: ["text", "label"],
    tokenize,
    processTerm: indexTerm,
    searchOptions: { boost: { label: 0.3 }, combineWith: "OR" },
  });
  index.addAll(passages.map((passage, id) => ({ id, text: passage.text, label: passage.label })));

  const passageTerms = passages.map((passage) => new Set(terms(passage.text)));
  const documentFrequency = new Map<string, number>();
  for (const set of passageTerms) for (const term of set) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const count = passages.length;
  const idf = (term: string) => {
    const df = documentFrequency.get(term) ?? 0;
    return Math.log(1 + (count - df + 0.5) / (df + 0.5));
  };
  // A word the corpus never uses would otherwise outweigh everything else in the query.
  const ceiling = Math.max(0, ...[...documentFrequency.keys()].map(idf));

  return {
    search(query, limit) {
      const { own, related } = expandQuery(terms(query));
      const information = new Map(own.map((term) => [term, Math.min(idf(term), ceiling)]));
      const total = [...information.values()].reduce((sum, weight) => sum + weight, 0);
      // The terms are already processed; search them as they are, related terms at their lower weight.
      const results = index.search([...own, ...related.keys()].join(" "), {
        tokenize: (text) => text.split(" "),
        processTerm: (term) => term,
        boostTerm: (term) => related.get(term) ?? 1,
      });
      return results.slice(0, limit).map((result) => {
        const present = passageTerms[result.id as number] as Set<string>;
        const covered = own.reduce(
          (sum, term) => sum + (equivalentTerms(term).some((equivalent) => present.has(equivalent)) ? (information.get(term) ?? 0) : 0),
          0,
        );
        return { id: result.id as number, score: result.score, coverage: total > 0 ? covered / total : 0 };
      });
    },
  };
}
