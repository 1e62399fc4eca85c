import type { CheckInput } from "@/lib/compliance/types";
import { type CheckHit, findHits, type GuardedPattern, type MatchContext, words } from "@/lib/compliance/checks/find-hits";
import { maskQuotations } from "@/lib/compliance/checks/text-spans";
import { CARE, PROVIDER } from "@/lib/compliance/checks/vocabulary";

// Discouraging professional care: "you don't need to see a doctor", "therapy
// is a waste of time", "stop seeing your psychologist", "doctors can't help
// you". Not "you don't need a referral to see a psychologist", not negated
// ("therapy is not a waste of time"), not attributed beliefs ("some people
// feel therapy is pointless"), not conditionals, and not quotations.

const THE = String.raw`(?:(?:a|an|the|your|any|another|other|more)\s)?`;
const VISIT = String.raw`(?:see|visit|consult|talk to|speak (?:to|with)|go to|call|contact|book (?:in )?with|make an appointment with|get help from)`;
const CARE_OR_PROVIDER = String.raw`(?:${CARE}|${PROVIDER}|help|support)`;

// "Instead of seeing a doctor" discourages care when the sentence offers self-help in its place.
const SELF_HELP = /\b(?:try|just|you can|you could|simply|handle|deal with|manage|fix|cure|yourself|on your own|alone)\b/;
const unlessSelfHelp = (context: MatchContext) => !SELF_HELP.test(context.sentence) || /\b(?:don'?t|do not|never|not)\b/.test(context.before);

const PATTERNS: (RegExp | GuardedPattern)[] = [
  // "you don't need to see a doctor", "you don't need therapy", "there's no need to see a GP"
  words(String.raw`\byou (?:really |probably |honestly )?(?:don'?t|do not|won'?t|will not|shouldn'?t|should not|needn'?t|need not) (?:really |even )?(?:need|have) to ${VISIT} ${THE}${PROVIDER}\b`),
  words(String.raw`\byou (?:really |probably |honestly )?(?:don'?t|do not|won'?t|will not) (?:really |even )?need ${THE}(?:${CARE}|${PROVIDER})\b`),
  words(String.raw`\b(?:there(?:'s| is) )?no (?:need|reason|point) (?:to|in|for) (?:${VISIT}|seeing|visiting|consulting|going to|getting|seeking|having) ${THE}${CARE_OR_PROVIDER}\b`),
  // "therapy is a waste of time", "seeing a psychologist is pointless"
  words(String.raw`\b(?:${CARE}|(?:seeing|visiting|going to|talking to) ${THE}${PROVIDER}|${PROVIDER}) (?:is|are|would be|will be) (?:just |only |really |completely |totally |a total |honestly )?(?:a waste of (?:time|money)|pointless|useless|a scam|unnecessary|overrated|not (?:worth it|worth the (?:time|money|effort)|necessary|needed|helpful|going to help))\b`),
  // "stop seeing your psychologist", "cancel your appointment", "don't bother with therapy", "avoid the hospital"
  words(String.raw`\b(?:stop|quit) (?:seeing|going to|visiting|attending|talking to) ${THE}(?:${PROVIDER}|${CARE}|sessions?|appointments?)\b`),
  words(String.raw`\b(?:cancel|skip) ${THE}(?:(?:therapy|counsell?ing|psychology|psychiatry|gp|doctor'?s|next|upcoming) )?(?:appointments?|sessions?|therapy|treatment)\b`),
  words(String.raw`\b(?:don'?t|do not) (?:bother|waste your (?:time|money)) (?:seeing|going to|with|on|calling|contacting|visiting) ${THE}${CARE_OR_PROVIDER}\b`),
  words(String.raw`\bavoid (?:going to |seeing |calling )?${THE}(?:${PROVIDER}|${CARE})\b`),
  // "doctors can't help you", "psychiatrists just push pills"
  words(String.raw`\b(?:doctors|gps|psychiatrists|psychologists|therapists|counsell?ors|professionals|hospitals|clinicians) (?:can'?t|cannot|won'?t|will not|don'?t|do not|never) (?:really )?(?:help|understand|care)\b`),
  words(String.raw`\b(?:doctors|gps|psychiatrists) (?:just|only) (?:push|hand out|want to sell) (?:pills|drugs|medication)\b`),
  // "instead of seeing a doctor, try ...", "you can manage this without seeing a doctor"
  { pattern: words(String.raw`\b(?:instead of|rather than|without) (?:seeing|going to|consulting|calling|getting|seeking|needing) ${THE}${CARE_OR_PROVIDER}\b`), ignore: unlessSelfHelp },
];

// Before a match, these make it negated, conditional or someone else's view.
const NOT_ADVICE = /\b(?:not|never|isn'?t|aren'?t|if|when|whether|unless|until|feel|feels|felt|think|thinks|believe|believes|say|says|said|worry|worried|may feel|might feel|myth|misconception|wrongly|some people|many people|others|right to|can choose to|free to|decide to|decided to|want to|wants to)\b/;
// A referral, a wait or a cost is what one does not need, not the care itself.
const ABOUT_ACCESS = /\b(?:referral|wait|waiting|pay|cost|appointment to call|be in crisis|be sure)\b/;

// "No need to see a GP unless it gets worse" is triage advice with a safety net, not discouragement.
const SAFETY_NET = /\b(?:unless|if (?:your |the |these |those )?(?:symptoms?|things|it|they|this|pain) (?:get|gets|getting|become|becomes|persist|persists|worsen|worsens|continue|continues|return|returns|don'?t improve|doesn'?t improve|last|lasts))\b/;

function ignoreMatch(context: MatchContext): boolean {
  return NOT_ADVICE.test(context.clause) || ABOUT_ACCESS.test(context.match) || SAFETY_NET.test(context.sentence);
}

/** Discouragement of professional care in the answer. */
export function discouragesProfessionalCare(input: CheckInput): CheckHit[] {
  return findHits({ text: input.answer, searchIn: maskQuotations(input.answer), patterns: PATTERNS, ignore: ignoreMatch });
}
