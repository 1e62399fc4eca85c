import type { CheckInput } from "@/lib/compliance/types";
import type { CheckHit } from "@/lib/compliance/checks/find-hits";

// Whether the answer carries the standard disclaimer. Compared loosely: case,
// whitespace, typographic quotes, Markdown emphasis and final punctuation do
// not matter, and the disclaimer's first sentence on its own is enough.

const normalise = (text: string) =>
  text
    .normalize("NFKC")
    .replace(/[*_`>#]/g, " ")
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, " ")
    .toLowerCase()
    .replace(/[\s.!?]+$/, "")
    .trim();

const MIN_FIRST_SENTENCE = 20;

/** One hit, without evidence, when the answer lacks the disclaimer. */
export function missingDisclaimer(input: CheckInput): CheckHit[] {
  if (input.answer.includes(input.disclaimer)) return []; // the usual case, verbatim: skip normalising
  const disclaimer = normalise(input.disclaimer);
  if (!disclaimer) return [];
  const firstSentence = normalise(input.disclaimer.split(/(?<=[.!?])\s+/)[0] ?? "");
  const answer = normalise(input.answer);
  // A first sentence too short to identify the disclaimer ("Note.") is not enough on its own.
  const firstSentenceCounts = firstSentence.length >= MIN_FIRST_SENTENCE && answer.includes(firstSentence);
  return answer.includes(disclaimer) || firstSentenceCounts ? [] : [{}];
}
