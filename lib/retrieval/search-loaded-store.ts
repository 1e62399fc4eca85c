import "server-only";
import { AppError } from "@/lib/errors";
import type { Embedder } from "@/lib/retrieval/embeddings";
import type { LoadedStore, StorePassage } from "@/lib/retrieval/load-store";
import { fuseRankings, preferClinicalSources } from "@/lib/retrieval/rank-passages";

// Retrieval over a loaded store. With an embedder, vector search and keyword
// search are fused by reciprocal rank; without one (or when the embedding
// server fails) keyword search answers alone. Every hit carries a similarity
// in [0, 1] that the minimum-similarity threshold applies to: the cosine
// similarity of its vector when vector search found it, otherwise the share of
// the question's keywords (weighted by rarity) that the passage contains.

export type RetrievalHit = StorePassage & {
  /** 1-based position after ranking. */
  rank: number;
  similarity: number;
  scores: { vector?: number; keyword?: number; fused: number };
};

export type RetrievalResult = {
  hits: RetrievalHit[];
  mode: "hybrid" | "keyword";
  storeVersion: string;
  /** Candidates that fell below the similarity threshold. */
  belowThreshold: number;
  /** Things a reviewer should know, e.g. that vector search was unavailable. */
  notes: string[];
};

/** How many candidates each retriever contributes before fusion, per requested result. */
const CANDIDATES_PER_RESULT = 4;
const MIN_CANDIDATES = 50;

/** Refuses to compare query vectors with store vectors from a different model or of another size. */
function checkCompatible(store: LoadedStore, embedder: Embedder, dimension: number): void {
  if (store.embeddingModel && store.embeddingModel !== embedder.model) {
    throw new AppError(
      "conflict",
      `The retrieval store was built with embeddings from "${store.embeddingModel}", but questions would be embedded with ` +
        `"${embedder.model}"; their vectors cannot be compared. Set EMBEDDING_MODEL=${store.embeddingModel}, or rebuild the store with \`cam ingest\`.`,
    );
  }
  if (store.vectors && store.vectors.dimension !== dimension) {
    throw new AppError(
      "conflict",
      `The retrieval store's vectors have ${store.vectors.dimension} dimensions, but "${embedder.model}" gives ${dimension}. ` +
        "Use the embedding model the store was built with, or rebuild the store with `cam ingest`.",
    );
  }
}

async function vectorRanking(store: LoadedStore, embedder: Embedder, query: string, limit: number) {
  const [vector] = await embedder.embed([query]);
  if (!vector || !store.vectors) return undefined;
  checkCompatible(store, embedder, vector.length);
  const result = store.vectors.search(vector, limit);
  // Squared L2 distances between unit vectors convert to cosine similarity as 1 - d/2.
  const toCosine = (score: number) => (store.vectors?.metric === "l2" ? 1 - score / 2 : score);
  return { ids: result.ids, cosine: new Map(result.ids.map((id, i) => [id, toCosine(result.scores[i] as number)])) };
}

/** Retrieves the passages for a question; see the module comment. */
export async function searchLoadedStore(options: {
  store: LoadedStore;
  query: string;
  topK: number;
  minSimilarity: number;
  embedder?: Embedder | null;
}): Promise<RetrievalResult> {
  const { store, query, topK, minSimilarity } = options;
  const limit = Math.max(MIN_CANDIDATES, topK * CANDIDATES_PER_RESULT);
  const notes: string[] = [];
  const keyword = store.lexical.search(query, limit);

  let vector: Awaited<ReturnType<typeof vectorRanking>>;
  if (options.embedder && store.vectors) {
    try {
      vector = await vectorRanking(store, options.embedder, query, limit);
    } catch (error) {
      if (error instanceof AppError && error.code === "conflict") throw error;
      notes.push(`Vector search was unavailable (${(error as Error).message}); keyword search answered alone.`);
    }
  } else if (store.vectors) {
    notes.push("No embedding model is configured for questions; keyword search answered alone.");
  }

  const keywordById = new Map(keyword.map((hit) => [hit.id, hit]));
  const fused = fuseRankings(vector ? [vector.ids, keyword.map((hit) => hit.id)] : [keyword.map((hit) => hit.id)]);
  const candidates = fused.map(({ id, score }) => {
    const cosine = vector?.cosine.get(id);
    const lexical = keywordById.get(id);
    const similarity = cosine ?? lexical?.coverage ?? 0;
    return {
      ...(store.passages[id] as StorePassage),
      similarity,
      scores: { vector: cosine, keyword: lexical?.score, fused: score },
    };
  });
  const passing = candidates.filter((candidate) => candidate.similarity >= minSimilarity);
  const hits = preferClinicalSources(query, passing)
    .slice(0, topK)
    .map((hit, index) => ({ ...hit, rank: index + 1 }));
  return {
    hits,
    mode: vector ? "hybrid" : "keyword",
    storeVersion: store.version,
    belowThreshold: candidates.length - passing.length,
    notes,
  };
}
