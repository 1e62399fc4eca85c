// Ranking steps after the two retrievers: reciprocal rank fusion of the
// vector and keyword rankings, and, for questions about privacy, putting
// clinical sources ahead of research-ethics sources. Pure.

/** RRF's damping constant: 60 is the value from Cormack et al. (2009) and common practice. */
export const RRF_K = 60;

/** Fuses rankings (lists of ids, best first) by reciprocal rank fusion; returns ids with fused scores, best first. */
export function fuseRankings(rankings: number[][]): { id: number; score: number }[] {
  const scores = new Map<number, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (RRF_K + rank + 1)));
  }
  return [...scores.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

const PRIVACY_CUES =
  /\b(privacy|private|confidential\w*|consent\w*|disclos\w*|records?|notes|personal information|health information|information sharing|share\w* information)\b/i;

/** Whether a question is about privacy, confidentiality, consent or records. */
export function isPrivacyQuestion(question: string): boolean {
  return PRIVACY_CUES.test(question);
}

/**
 * For privacy questions, passages from research-ethics sources move after all
 * others (keeping their order); clinical practice is governed by the clinical
 * codes and privacy law, not by the rules for research.
 */
export function preferClinicalSources<T extends { category?: string }>(question: string, passages: T[]): T[] {
  if (!isPrivacyQuestion(question)) return passages;
  const research = (passage: T) => passage.category === "research-ethics";
  return [...passages.filter((passage) => !research(passage)), ...passages.filter(research)];
}
