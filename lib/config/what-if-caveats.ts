import { diffSettings } from "@/lib/config/diff-settings";
import type { Settings } from "@/lib/schemas/settings";

// What a what-if replay cannot show, said plainly next to its result. The
// first caveat always applies; the others depend on which settings change. Pure.

/** Caveats for replaying recorded exchanges under `candidate` instead of `baseline` settings. */
export function whatIfCaveats(baseline: Settings, candidate: Settings): string[] {
  const caveats = [
    "Answers are not generated again: each exchange's stored model answer is re-checked with its stored passages. Under the new configuration a model might have answered differently.",
  ];
  const [before, after] = [baseline.retrieval, candidate.retrieval];
  if (after.minSimilarity > before.minSimilarity) {
    caveats.push(
      `Stored passages scoring below ${after.minSimilarity} are removed; an exchange left with none is replayed with the no-sources answer. The remaining passages keep their numbers, so an answer that cited a removed passage now cites one that was not retrieved.`,
    );
  } else if (after.minSimilarity < before.minSimilarity) {
    caveats.push(
      `Lowering the minimum similarity to ${after.minSimilarity} cannot be replayed: passages that were not retrieved then were not stored, so they cannot come back.`,
    );
  }
  if (after.topK < before.topK) caveats.push(`Only the best ${after.topK} stored passages of each exchange are kept.`);
  else if (after.topK > before.topK) {
    caveats.push(`Raising top-k to ${after.topK} cannot be replayed: passages beyond those stored were never retrieved.`);
  }
  const changes = diffSettings(baseline, candidate);
  if (changes.some((change) => change.replay === "judges")) {
    caveats.push("Judge verdicts are recomputed from the judges' stored compliance scores; the judges are not asked again.");
  }
  const notReplayed = changes.filter((change) => change.replay === "not-replayed").map((change) => change.label);
  if (notReplayed.length) {
    caveats.push(
      `Not replayed: ${notReplayed.join(", ")}. ${notReplayed.length === 1 ? "It changes" : "They change"} how new questions are handled or what people are shown, not the decision on a recorded answer.`,
    );
  }
  return caveats;
}
