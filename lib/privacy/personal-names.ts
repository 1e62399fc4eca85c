import type { Detector } from "@/lib/privacy/detect-identifiers";

// Personal names, found heuristically: capitalised words after a title
// ("Mrs Jane Citizen", "Dr Lee") or after a word that introduces a person
// ("my patient Tom Nguyen", "her daughter Amy", "named Priya"). Names with
// neither cue are missed, and a capitalised word after a cue may be taken for
// a name; redaction errs towards hiding. Pure and client-safe.

const NAME_WORD = "[A-Z][a-z'-]{1,20}";
const TITLED = new RegExp(`\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sister|Nurse)\\.?\\s${NAME_WORD}(?:\\s${NAME_WORD}){0,2}`, "g");
const CAPITALISED = new RegExp(`\\b${NAME_WORD}(?:\\s${NAME_WORD}){0,2}`, "g");

/** Words that introduce a person when they come just before a capitalised name. */
const PERSON_CUE =
  /\b(?:patient|client|resident|consumer|named|called|name\s+is|name's|son|daughter|husband|wife|partner|mother|mum|father|dad|brother|sister|child|baby|grandmother|grandfather|carer|guardian|neighbour|colleague|Mr|Mrs|Ms)\s$/i;

/** Capitalised words that follow such cues but are not names. */
const NOT_NAMES = new Set([
  "I", "A", "An", "The", "This", "That", "He", "She", "They", "We", "You", "It", "His", "Her", "Their", "Who", "What", "When",
  "Can", "Should", "Must", "May", "Is", "Was", "Has", "Had", "Does", "Did", "Will", "Would", "If", "And", "But", "Or",
  "Medicare", "Australia", "Australian", "Privacy", "Act", "Health", "Code", "Records", "Centrelink", "Ahpra", "AHPRA",
  "Hospital", "Emergency", "Department", "Lifeline", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
]);

function cuedNames(text: string) {
  return [...text.matchAll(CAPITALISED)]
    .filter((match) => PERSON_CUE.test(text.slice(Math.max(0, match.index - 24), match.index)))
    .map((match) => {
      // Stop the name at the first word that is not one.
      const words = match[0].split(" ");
      const stop = words.findIndex((word) => NOT_NAMES.has(word));
      const kept = stop === -1 ? words : words.slice(0, stop);
      return { start: match.index, end: match.index + kept.join(" ").length };
    })
    .filter((span) => span.end > span.start);
}

const TITLE = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sister|Nurse)\.?$/;

/**
 * The words of names found elsewhere ("Mrs Jane Citizen" gives Jane and
 * Citizen), so a name the question introduced is also found where the answer
 * repeats it without a cue ("call Jane today").
 */
export function nameWords(names: string[]): string[] {
  const words = names.flatMap((name) => name.split(/\s+/)).filter((word) => word.length > 1 && !TITLE.test(word) && !NOT_NAMES.has(word));
  return [...new Set(words)];
}

/** A detector for the given name words wherever they stand as words; adjacent ones make one name. */
export function knownNamesDetector(words: string[]): Detector {
  const word = `(?:${words.map((known) => known.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`;
  const pattern = new RegExp(`\\b${word}(?:\\s${word})*\\b`, "g");
  return {
    kind: "name",
    find: (text) => (words.length ? [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length })) : []),
  };
}

export const NAME_DETECTORS: Detector[] = [
  {
    kind: "name",
    find: (text) => [...text.matchAll(TITLED)].map((match) => ({ start: match.index, end: match.index + match[0].length })),
  },
  { kind: "name", find: cuedNames },
];
