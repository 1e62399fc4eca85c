import type { CheckInput } from "@/lib/compliance/types";
import type { CheckHit } from "@/lib/compliance/checks/find-hits";
import { evidenceExcerpt, sentenceSpans } from "@/lib/compliance/checks/text-spans";
import { MEDICATION } from "@/lib/compliance/checks/vocabulary";

// Specific dosage amounts or schedules: "take 50 mg twice daily", "2 tablets
// every 4 hours", "the usual dose is 25 mg". Evaluated sentence by sentence.
// Units only doses use (mg, mcg, IU) count on their own; units with other uses
// (g, mL, units), counts of tablets and schedules count only with a medicine,
// a dose or "take" in the same sentence, so "250 mL of water", "the pack holds
// 30 tablets", "Lifeline answers 24 hours a day" and clause numbers do not.

const NUMBER = String.raw`(?:\d+(?:[.,]\d+)?(?:\s?(?:-|–|to|or)\s?\d+(?:[.,]\d+)?)?|half|one|two|three|four|five|six)`;
const DOSE_UNIT = new RegExp(String.raw`\b\d+(?:[.,]\d+)?(?:\s?(?:-|–|to)\s?\d+(?:[.,]\d+)?)?\s?(?:mg|mcg|µg|μg|micrograms?|milligrams?|iu)(?:\/(?:kg|day|dose|m2))?(?![\w/])`, "i");
const OTHER_UNIT = new RegExp(String.raw`\b\d+(?:[.,]\d+)?\s?(?:g|grams?|ml|millilitres?|units?|drops?)\b(?!\/l)`, "i");
const OTHER_UNIT_RATE = /\b\d+(?:[.,]\d+)?\s?(?:g|grams?|ml|units?)\s?(?:per|a|each|\/)\s?(?:day|dose|kg)\b/i;
const COUNT = new RegExp(String.raw`\b${NUMBER}\s(?:tablets?|capsules?|pills?|puffs?|sprays?|patches?|sachets?|lozenges?|teaspoons?|tsp|doses?|injections?)\b`, "i");
const SCHEDULE = new RegExp(
  [
    String.raw`\b(?:once|twice|three times|four times|\d+ times|(?:one|two|three|four|five|six) times) (?:a|per|each|every) (?:day|week|night|morning)\b`,
    String.raw`\b(?:once|twice|three times|four times) (?:daily|nightly|weekly)\b`,
    String.raw`\bevery \d+(?:\s?(?:-|–|to)\s?\d+)?\s?(?:hours?|hrs?|h)\b`,
    String.raw`\bevery (?:morning|night|evening|day|other day)\b`,
    String.raw`\b(?:at night|at bedtime|before bed|in the morning|with (?:food|meals)|on an empty stomach)\b`,
    String.raw`\b(?:bd|bid|tds|tid|qid|qds|mane|nocte|prn)\b`,
    String.raw`\bin \d+ hours\b`,
  ].join("|"),
  "i",
);
const MEDICINE_CONTEXT = new RegExp(String.raw`\b(?:${MEDICATION}|doses?|dosage|dosing)\b`, "i");
const ADMINISTER = /\b(?:take|taking|use|using|give|giving|apply|inhale|swallow|chew|administer|have|start (?:at|on|with)|increase (?:to|by)|reduce (?:to|by)|up to|maximum of|no more than|exceed)\b/i;
const TAKE_THEM = /\b(?:take|use|apply|inhale|give) (?:it|them|one|two|three|\d+)\b/i;

/** The first span in a sentence that makes it a dosage instruction, or undefined. */
function dosageSpan(sentence: string): { start: number; end: number } | undefined {
  const medicine = MEDICINE_CONTEXT.test(sentence);
  const schedule = SCHEDULE.exec(sentence);
  const candidates = [
    DOSE_UNIT.exec(sentence),
    OTHER_UNIT_RATE.exec(sentence),
    medicine || schedule ? OTHER_UNIT.exec(sentence) : null,
    ADMINISTER.test(sentence) || schedule ? COUNT.exec(sentence) : null,
    medicine || TAKE_THEM.test(sentence) ? schedule : null,
  ].filter((match) => match !== null);
  const first = candidates.sort((a, b) => a.index - b.index)[0];
  return first ? { start: first.index, end: first.index + first[0].length } : undefined;
}

/** Specific doses or dosing schedules in the answer, one hit per sentence. */
export function dosageInstructions(input: CheckInput): CheckHit[] {
  const sentences = sentenceSpans(input.answer);
  const hits: CheckHit[] = [];
  for (const sentence of sentences) {
    const span = dosageSpan(input.answer.slice(sentence.start, sentence.end));
    if (!span) continue;
    const absolute = { start: sentence.start + span.start, end: sentence.start + span.end };
    hits.push({ evidence: evidenceExcerpt(input.answer, absolute, sentences) });
  }
  return hits;
}
