import { equivalentTerms, expandQuery } from "@/lib/retrieval/expand-query";
import { indexTerm, terms, tokenize } from "@/lib/retrieval/index-terms";

// Keyword retrieval that needs no model: BM25+ ranking over stemmed words in
// two fields (text, and the label at a lower weight), plus a similarity in
// [0, 1] that thresholds can use: the share of the query's information
// (IDF-weighted distinct terms) that a passage contains. Pure (no I/O).
//
// The ranking is MiniSearch's BM25+ to the last bit (same parameters, field
// lengths, averages, summation order and tie order; tests compare the two),
// computed from postings whose per-passage scores are worked out once at
// build time. MiniSearch itself spent about 3 ms of CPU per question here.

export type LexicalHit = { id: number; score: number; coverage: number };

export interface LexicalIndex {
  /** Passages matching any query term, best BM25 score first. */
  search(query: string, limit: number): LexicalHit[];
}

/** BM25+ parameters (MiniSearch's defaults): term-frequency saturation, length normalisation, lower bound. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** The indexed fields in the order they are scored, with their weights. */
const FIELDS = [
  { name: "text", boost: 1 },
  { name: "label", boost: 0.3 },
] as const;

/** The passages holding one term in one field, ascending, each with its precomputed BM25+ score. */
type Postings = { ids: Int32Array; scores: Float64Array };

/** Builds per-field postings: term → passages and their unweighted BM25+ scores. */
function buildPostings(values: string[]): Map<string, Postings> {
  const counts = new Map<string, Map<number, number>>();
  const lengths = new Float64Array(values.length);
  let averageLength = 0;
  values.forEach((value, id) => {
    const tokens = tokenize(value);
    // A field's length is its count of distinct raw tokens, averaged incrementally, as MiniSearch does.
    lengths[id] = new Set(tokens).size;
    averageLength = (averageLength * id + (lengths[id] as number)) / (id + 1);
    for (const token of tokens) {
      const term = indexTerm(token);
      if (term === null) continue;
      let frequencies = counts.get(term);
      if (!frequencies) counts.set(term, (frequencies = new Map()));
      frequencies.set(id, (frequencies.get(id) ?? 0) + 1);
    }
  });
  const postings = new Map<string, Postings>();
  for (const [term, frequencies] of counts) {
    const matching = frequencies.size;
    const inverseFrequency = Math.log(1 + (values.length - matching + 0.5) / (matching + 0.5));
    const ids = Int32Array.from(frequencies.keys());
    const scores = Float64Array.from(ids, (id) => {
      const frequency = frequencies.get(id) as number;
      const normalised = BM25.k * (1 - BM25.b + (BM25.b * (lengths[id] as number)) / averageLength);
      return inverseFrequency * (BM25.d + (frequency * (BM25.k + 1)) / (frequency + normalised));
    });
    postings.set(term, { ids, scores });
  }
  return postings;
}

/** Builds the index over passage texts; ids are positions in the given array. */
export function createLexicalIndex(passages: { text: string; label: string }[]): LexicalIndex {
  const count = passages.length;
  const fields = FIELDS.map((field) => ({ boost: field.boost, postings: buildPostings(passages.map((passage) => passage[field.name])) }));

  const passageTerms = passages.map((passage) => new Set(terms(passage.text)));
  const documentFrequency = new Map<string, number>();
  for (const set of passageTerms) for (const term of set) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const idf = (term: string) => {
    const df = documentFrequency.get(term) ?? 0;
    return Math.log(1 + (count - df + 0.5) / (df + 0.5));
  };
  // A word the corpus never uses would otherwise outweigh everything else in the query.
  const ceiling = Math.max(0, ...[...documentFrequency.keys()].map(idf));

  // Scratch space reused by every search (searches run one at a time: the code is synchronous).
  const total = new Float64Array(count);
  const termScore = new Float64Array(count);
  const matchedTerms = new Int32Array(count);
  const touchedBy = new Int32Array(count).fill(-1);

  return {
    search(query, limit) {
      const { own, related } = expandQuery(terms(query));
      const information = new Map(own.map((term) => [term, Math.min(idf(term), ceiling)]));
      const totalInformation = [...information.values()].reduce((sum, weight) => sum + weight, 0);

      // Passages in the order they were first matched: ties keep it, as in MiniSearch.
      const found: number[] = [];
      [...own, ...related.keys()].forEach((term, termIndex) => {
        const weight = related.get(term) ?? 1;
        const inTerm: number[] = [];
        for (const field of fields) {
          const postings = field.postings.get(term);
          if (!postings) continue;
          for (let i = 0; i < postings.ids.length; i += 1) {
            const id = postings.ids[i] as number;
            const score = weight * field.boost * (postings.scores[i] as number);
            if (touchedBy[id] === termIndex) {
              termScore[id] = (termScore[id] as number) + score;
              continue;
            }
            touchedBy[id] = termIndex;
            termScore[id] = score;
            inTerm.push(id);
          }
        }
        // A term's fields are summed first, then added to the passage's total (the same floating-point order).
        for (const id of inTerm) {
          if (matchedTerms[id] === 0) found.push(id);
          total[id] = (total[id] as number) + (termScore[id] as number);
          matchedTerms[id] = (matchedTerms[id] as number) + 1;
        }
      });

      // BM25+ sums over terms, then favours passages matching more of them.
      const ranked = found.map((id) => ({ id, score: (total[id] as number) * (matchedTerms[id] as number) }));
      for (const id of found) {
        total[id] = 0;
        matchedTerms[id] = 0;
        touchedBy[id] = -1;
      }
      ranked.sort((a, b) => b.score - a.score);
      const equivalents = own.map((term) => ({ weight: information.get(term) ?? 0, terms: equivalentTerms(term) }));
      return ranked.slice(0, limit).map(({ id, score }) => {
        const present = passageTerms[id] as Set<string>;
        const covered = equivalents.reduce((sum, { weight, terms }) => sum + (terms.some((term) => present.has(term)) ? weight : 0), 0);
        return { id, score, coverage: totalInformation > 0 ? covered / totalInformation : 0 };
      });
    },
  };
}
