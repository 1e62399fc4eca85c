import { indexTerm } from "@/lib/retrieval/index-terms";

// Words are single tokens, as index-terms.ts splits them ("self-harm" is
// "self" and "harm"). Keyword search only finds the words it is given, and clinicians rarely use
// the words regulations use ("notes" for "health records", "psychologist" for
// "health practitioner"). This adds the regulatory vocabulary for a question's
// words at a lower weight, and drops words that only frame the question
// ("under what conditions", "cite the exact clause"). Pure.

/** Weight of an added related term relative to a word the question used. */
export const RELATED_TERM_WEIGHT = 0.4;

/** Words that shape a question's form rather than its subject. */
const FRAMING = ["list", "outline", "describe", "explain", "cite", "exact", "exactly", "provide", "include", "including", "short",
  "rationale", "rationales", "condition", "conditions", "circumstance", "circumstances", "clause", "clauses", "sub",
  "wording", "number", "state", "relate", "deal", "deals", "ask", "rule", "rules", "apply", "applies", "everyone", "lately"];

/** Groups of words that regulations and questions use for the same thing. */
const RELATED = [
  ["disclose", "disclosure", "share", "sharing", "release", "reveal", "divulge", "access"],
  ["confidential", "confidentiality", "privacy", "private"],
  ["consent", "permission", "authorisation", "authorization", "agreement"],
  ["notes", "records", "record", "documentation", "recordings", "information"],
  ["psychologist", "psychologists", "psychiatrist", "counsellor", "therapist", "clinician", "doctor", "nurse", "practitioner", "practitioners"],
  ["client", "patient", "consumer"],
  ["child", "minor", "adolescent", "young", "parent", "parents", "guardian"],
  ["harm", "suicide", "suicidal", "risk", "threat", "danger", "safety"],
  ["relationship", "relationships", "boundaries", "boundary", "dual", "multiple", "sexual", "conflict"],
  ["pay", "payment", "fee", "fees", "billing", "financial"],
  ["unethical", "misconduct", "unprofessional", "notification", "notify", "report", "concern"],
  ["depression", "anxiety", "anxious", "upset", "mental", "distress", "wellbeing"],
  ["tablets", "medication", "medicine", "medicines", "prescription", "drug", "drugs"],
  ["artificial", "ai", "algorithm", "automated"],
  ["destroy", "destroying", "destruction", "identify", "identifiable", "retain", "retention", "dispose"],
  ["accurate", "accuracy", "correct", "correction", "quality"],
  ["border", "overseas", "abroad", "transfer"],
];

const stems = (words: string[]) => [...new Set(words.map(indexTerm).filter((term): term is string => term !== null))];
const framing = new Set(stems(FRAMING));
const groups = RELATED.map(stems);

/** The question's own terms (without framing words), and related terms with their weights. */
export function expandQuery(questionTerms: string[]): { own: string[]; related: Map<string, number> } {
  const own = questionTerms.filter((term) => !framing.has(term));
  const related = new Map<string, number>();
  for (const term of own) {
    for (const group of groups) {
      if (!group.includes(term)) continue;
      for (const other of group) if (!own.includes(other)) related.set(other, RELATED_TERM_WEIGHT);
    }
  }
  return { own, related };
}

/** The terms that count as covering a question term: itself and its related terms. */
export function equivalentTerms(term: string): string[] {
  return [term, ...groups.filter((group) => group.includes(term)).flat()];
}
