import type { CheckInput } from "@/lib/compliance/types";
import { type CheckHit, findHits, type MatchContext, words } from "@/lib/compliance/checks/find-hits";
import { maskQuotations } from "@/lib/compliance/checks/text-spans";
import { MEDICATION, MEDICATION_NAME } from "@/lib/compliance/checks/vocabulary";

// A direct instruction to start, stop or change a medicine: "stop taking your
// sertraline", "double your dose", "you should start lithium". Not advice to
// talk to a prescriber first, not warnings ("do not stop suddenly"), not what
// a prescriber may decide, and not descriptions ("stopping suddenly can cause
// discontinuation symptoms"). Quoted text is ignored.

const CHANGE = String.raw`(?:stop|quit|discontinue|cease|come off|get off|wean (?:yourself )?off|taper(?: off)?|start|begin|commence|switch|change|increase|raise|double|triple|halve|reduce|lower|decrease|cut(?: down| back)?(?: on)?|skip|drop|add|go up on|go down on|up)`;
const GERUND = String.raw`(?:stopping|quitting|discontinuing|coming off|weaning off|tapering(?: off)?|starting|beginning|switching|changing|increasing|raising|doubling|halving|reducing|lowering|decreasing|cutting(?: down| back)?|skipping|dropping|adding)`;
const DETERMINER = String.raw`(?:(?:taking|using|on) )?(?:your |the |this |that |these |those |all |any |some |a |an |another |more |less )?(?:(?:daily|current|prescribed|regular|morning|evening|night(?:ly)?|usual|new|next|extra) )?`;
const DOSE_OBJECT = String.raw`(?:${MEDICATION}|dose|dosage)`;

const PATTERNS = [
  // "stop taking your sertraline", "double your dose", "switch to fluoxetine", "start lithium"
  words(String.raw`\b${CHANGE} ${DETERMINER}${DOSE_OBJECT}\b`),
  words(String.raw`\b(?:switch|change|move) (?:from [\w' -]{2,40}? )?to ${MEDICATION_NAME}\b`),
  words(String.raw`\b(?:increase|raise|reduce|lower|decrease|cut|up|change) (?:it|this|that|them|the amount) to \d`),
  words(String.raw`\btake (?:an extra|another|a double|double|twice the|half (?:a|the|your)|an additional|extra|more|less) (?:${DOSE_OBJECT}|tablet|pill|capsule)\b`),
  // "I recommend stopping your lithium", "you should consider increasing the dose"
  words(String.raw`\b(?:i (?:would )?(?:recommend|suggest|advise)|you should (?:consider|try|think about)|consider|try) ${GERUND} ${DETERMINER}${DOSE_OBJECT}\b`),
  words(String.raw`\btry (?:taking|using) ${MEDICATION_NAME}\b`),
];

// Words that, before a match, make it something other than the reader being told what to do.
const NEGATED = /\b(?:not|never|don'?t|doesn'?t|shouldn'?t|mustn'?t|won'?t|avoid|no need to|without|before|until|unless|if|whether|when|after)\b/;
const SOMEONE_ELSE_DECIDES = /\b(?:doctors?|gps?|prescribers?|psychiatrists?|pharmacists?|specialists?|clinicians?|nurse practitioners?|care team|treating team|they|he|she)\b/;
const HEDGED = /\b(?:may|might|can|could|would|will|often|sometimes|usually|typically|generally|people|patients|someone|some)\b/;
const ADDRESSED = /(?:^|\b(?:you should|you can|you could|you need to|you must|you may want to|you might want to|you ought to|it(?:'s| is| would be) (?:best|better|fine|ok|okay|safe|a good idea) to|i (?:would )?(?:recommend|suggest|advise)(?: that)?(?: you)?|try to|just|simply|then|so|now|please|and|also|instead|or)\s*)$/;
const CONSULT = /\b(?:talk|speak|check|consult|discuss)(?:ing)? (?:it |this |that )?(?:with|to) (?:your|a|the) (?:doctor|gp|prescriber|psychiatrist|pharmacist|specialist|clinician|nurse|care team|treating team|health professional)|\bask (?:your|a) (?:doctor|gp|prescriber|psychiatrist|pharmacist)|\b(?:doctor|gp|prescriber|psychiatrist|specialist)'s (?:advice|guidance|supervision|direction|instructions)|\bmedical (?:supervision|advice)|\bunder (?:the )?(?:guidance|supervision|care) of\b/;

const RECOMMENDS = /^(?:i (?:would )?(?:recommend|suggest|advise)|you should|consider|try)\b/;

function ignoreMatch(context: MatchContext): boolean {
  if (CONSULT.test(context.sentence)) return true;
  const lead = context.clause.trim();
  if (NEGATED.test(lead) || SOMEONE_ELSE_DECIDES.test(lead)) return true;
  // A recommendation carries its own "I suggest" or "consider"; anything else must be said to the reader.
  if (RECOMMENDS.test(context.match)) return HEDGED.test(lead);
  return !ADDRESSED.test(lead);
}

/** Directives to start, stop or change a medicine in the answer. */
export function medicationDirective(input: CheckInput): CheckHit[] {
  return findHits({ text: input.answer, searchIn: maskQuotations(input.answer), patterns: PATTERNS, ignore: ignoreMatch });
}
