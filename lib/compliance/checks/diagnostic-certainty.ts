import type { CheckInput } from "@/lib/compliance/types";
import { type CheckHit, findHits, type MatchContext, words } from "@/lib/compliance/checks/find-hits";
import { maskQuotations } from "@/lib/compliance/checks/text-spans";
import { CONDITION } from "@/lib/compliance/checks/vocabulary";

// A diagnosis stated as certain: "you definitely have bipolar disorder", "this
// is clearly depression", "you have ADHD", "these symptoms mean you have OCD".
// Hedged statements ("may be", "can be associated with"), questions,
// conditionals ("if you have depression"), what someone else said or
// diagnosed, and certainty about anything but a condition ("this is clearly a
// privacy issue") do not fire. Quoted text is ignored.

const CERTAIN = String.raw`(?:definitely|certainly|clearly|obviously|undoubtedly|surely|absolutely|unquestionably|without (?:a |any )?doubt|for sure)`;
const PERSON = String.raw`(?:you|he|she|they|your (?:child|son|daughter|partner|wife|husband|mother|father|mum|dad|patient|client)|the (?:patient|client|person))`;
const HAS = String.raw`(?:have|has|are suffering from|is suffering from|suffer from|suffers from|meet the criteria for|meets the criteria for|are|is|'re|'s)`;

const PATTERNS = [
  // "you definitely have bipolar disorder", "she clearly has ADHD"
  words(String.raw`\b${PERSON}(?:'re|'s)? ${CERTAIN} ${HAS}? ?(?:got )?(?:a case of |an? )?${CONDITION}(?![\w-])`),
  // "this is clearly depression", "it's definitely a panic disorder"
  words(String.raw`\b(?:this|that|it|these symptoms|your symptoms|what you describe|what you're describing)(?: is| are|'s) ${CERTAIN} (?:a case of |a sign of |signs of |symptoms of |an? )?${CONDITION}(?![\w-])`),
  // "there is no doubt that you have OCD", "I can confirm you have depression", "it is clear you have ADHD"
  words(String.raw`\b(?:there(?:'s| is) no (?:doubt|question)|i(?:'m| am) (?:sure|certain|confident)|i can (?:confirm|tell you)|it(?:'s| is) (?:clear|obvious|certain)|(?:this|that|these symptoms|your symptoms) (?:confirms?|proves?|means?|shows?)) (?:that )?${PERSON} (?:have|has|are|is|'re|'s)(?: got)? (?:an? )?${CONDITION}(?![\w-])`),
  words(String.raw`\b(?:this|that|these symptoms|your symptoms) (?:confirms?|proves?) (?:a diagnosis of |the diagnosis of )?(?:an? )?${CONDITION}(?![\w-])`),
  // a bare statement: "You have depression." "Your son has autism."
  words(String.raw`\b${PERSON}(?: have| has| are suffering from| is suffering from|'ve got| have got| has got) (?:an? )?${CONDITION}(?![\w-])`),
  words(String.raw`\byou(?:'re| are) (?:${CERTAIN} )?(?:bipolar|autistic|schizophrenic|psychotic|anorexic|bulimic)(?![\w-])`),
];

// Before a match, these make it conditional, reported, hedged or negated.
const NOT_A_CLAIM = /\b(?:if|whether|when|since|as|because|though|although|unless|who|that|may|might|could|can|possibly|perhaps|probably|likely|do|does|did|don'?t|doesn'?t|not|never|no|think|thinks|feel|feels|said|say|says|mentioned|told|tell|believe|believes|worry|worried|concerned|suspect|wonder|diagnosed|assess|ask|asked|only a|unless|even)\b/;
const QUESTION = /\?\s*$/;

function ignoreMatch(context: MatchContext): boolean {
  if (QUESTION.test(context.sentence.trim())) return true;
  // The certainty patterns carry their own claim words, so only look at the clause before them.
  return NOT_A_CLAIM.test(context.clause) || /\b(?:said|told you|mentioned|diagnosed)\b/.test(context.before);
}

/** Diagnoses stated as certain in the answer. */
export function diagnosticCertainty(input: CheckInput): CheckHit[] {
  return findHits({ text: input.answer, searchIn: maskQuotations(input.answer), patterns: PATTERNS, ignore: ignoreMatch });
}
