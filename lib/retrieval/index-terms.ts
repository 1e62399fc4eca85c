import { stemmer } from "stemmer";

// How text becomes search terms: split into words (keeping clause numbers
// such as "6.2(b)" whole), lower-cased, stop words dropped, and stemmed so
// "disclose", "disclosed" and "discloses" match. Pure.

/** Words too common to say anything about a passage. */
const STOP_WORDS = new Set(
  ("a an and are as at be been but by can could do does for from had has have how i if in into is it its may might must " +
    "my no not of on or our should so such that the their them then there these they this those to under was we were what " +
    "when where which while who whom why will with would you your").split(" "),
);

/** Stemming is the costly part of indexing and the vocabulary is small, so stems are remembered. */
const stems = new Map<string, string>();

/** Lower-cases, drops stop words and stems, so "disclose", "disclosed" and "discloses" match. */
export function indexTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (lower.length < 2 || STOP_WORDS.has(lower)) return null;
  if (!/^[a-z]+$/.test(lower)) return lower;
  let stem = stems.get(lower);
  if (stem === undefined) {
    stem = stemmer(lower);
    stems.set(lower, stem);
  }
  return stem;
}

/** Trims sentence punctuation from a token, keeping the brackets of a clause such as "6.2(b)". */
function trimToken(token: string): string {
  const trimmed = token.replace(/^[.(]+|\.+$/g, "");
  const opens = trimmed.split("(").length - 1;
  const closes = trimmed.split(")").length - 1;
  return closes > opens ? trimmed.replace(/\)+$/, "") : trimmed;
}

/** Splits text into words; hyphenated words become separate words, clause numbers stay whole. */
export const tokenize = (text: string) => text.split(/[^\p{L}\p{N}.()]+/u).map(trimToken);

/** The distinct search terms of a text. */
export const terms = (text: string) => [...new Set(tokenize(text).map(indexTerm).filter((term): term is string => term !== null))];
