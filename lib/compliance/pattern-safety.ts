import { RE2JS, RE2JSSyntaxException } from "re2js";
import { canMatchEmpty, findPatternHazard } from "@/lib/compliance/pattern-hazards";

// Admins write pattern rules in the console; the engine runs them on every
// answer. They run on RE2JS, a pure-JavaScript port of RE2 whose matching time
// is linear in the text whatever the pattern, so no pattern can stall the
// engine. Patterns are still refused when saved if RE2 cannot compile them, if
// they are too long or too large, if they match empty text (they would fire on
// every answer), or if they have a shape that is catastrophic in a
// backtracking engine (see pattern-hazards.ts). Client-safe: the rule form can
// run the same check.
//
// RE2 differs from RegExp in a few ways admins may meet: no lookahead and no
// backreferences (lookbehind works); \b, \w, \d and \s are ASCII-only.

/** Longest pattern accepted; a longer list of alternatives belongs in several rules. */
export const MAX_PATTERN_LENGTH = 1000;
/** Largest compiled program (RE2 instructions) accepted; about what a 1000-character pattern of plain words compiles to. */
const MAX_PROGRAM_SIZE = 3000;
const MAX_CACHED = 1000;

const FLAG_BITS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  u: 0, // RE2 always matches by code point
};

export type PatternSafety = { ok: true } | { ok: false; reason: string };
export type CompiledPattern = { ok: true; regex: RE2JS } | { ok: false; reason: string };

const cache = new Map<string, CompiledPattern>();

const LOOKAHEAD_REASON =
  "Lookahead (?= or (?! is not supported, because patterns run on a linear-time engine (RE2). Match the following text directly, or use a lookbehind (?<= or (?<! instead.";
const BACKREFERENCE_REASON =
  "Backreferences such as \\1 or \\k<name> are not supported, because patterns run on a linear-time engine (RE2). Write the repeated text out instead.";

function describeSyntaxError(error: RE2JSSyntaxException): string {
  const [description, fragment] = [error.getDescription(), error.getPattern() ?? ""];
  if (fragment === "(?=" || fragment === "(?!") return LOOKAHEAD_REASON;
  if (/^\\[1-9]/.test(fragment)) return BACKREFERENCE_REASON;
  const detail = fragment ? `${description}: ${fragment}` : description;
  if (/repeat count/.test(description)) {
    return `A counted repeat is too large (${detail}). Counts may be at most 1000, including nested counts multiplied together; use smaller counts.`;
  }
  return `The pattern is not a valid regular expression (${detail}). Check its brackets, escapes and quantifiers.`;
}

/** Whether the pattern has a named backreference \k<name> (outside an escaped backslash). */
const hasNamedBackreference = (pattern: string) => /(?:^|[^\\])(?:\\\\)*\\k</.test(pattern);

function compile(pattern: string, flags: string): CompiledPattern {
  if (pattern.length === 0) return { ok: false, reason: "The pattern is empty. Enter the text or expression the rule should look for." };
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return {
      ok: false,
      reason: `The pattern is ${pattern.length} characters long; the limit is ${MAX_PATTERN_LENGTH}. Split it into several rules.`,
    };
  }
  const unknownFlag = [...flags].find((flag) => !(flag in FLAG_BITS));
  if (unknownFlag) return { ok: false, reason: `The flag "${unknownFlag}" is not supported. Use only i, m, s and u.` };

  // RE2JS.translateRegExp would quietly turn \k<name> into the letters "k<name>".
  if (hasNamedBackreference(pattern)) return { ok: false, reason: BACKREFERENCE_REASON };

  let regex: RE2JS;
  try {
    const bits = [...new Set(flags)].reduce((sum, flag) => sum | FLAG_BITS[flag]!, RE2JS.LOOKBEHINDS);
    regex = RE2JS.compile(RE2JS.translateRegExp(pattern), bits);
  } catch (error) {
    if (error instanceof RE2JSSyntaxException) return { ok: false, reason: describeSyntaxError(error) };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `The pattern could not be compiled (${message}). Simplify it and try again.` };
  }
  if (regex.programSize() > MAX_PROGRAM_SIZE) {
    return {
      ok: false,
      reason: `The pattern compiles to ${regex.programSize()} instructions; the limit is ${MAX_PROGRAM_SIZE}. Use smaller counted repeats or split it into several rules.`,
    };
  }
  const hazard = findPatternHazard(pattern, flags);
  if (hazard?.kind === "nested-quantifier") {
    return {
      ok: false,
      reason: `Nested quantifier in ${hazard.fragment}: a repeated group ends with another repeat of the same characters, which a backtracking engine can take exponential time over. Use one repeat, e.g. (a+)+ as a+, or make the group end with a character the inner repeat cannot match.`,
    };
  }
  if (hazard?.kind === "overlapping-alternatives") {
    return {
      ok: false,
      reason: `Overlapping alternatives in ${hazard.fragment}: a repeated group has alternatives that can match the same text, which a backtracking engine can take exponential time over. Make the alternatives start differently, or merge them into one character class.`,
    };
  }
  if (regex.test("") || canMatchEmpty(pattern)) {
    return { ok: false, reason: "The pattern matches empty text, so it would fire on every answer. Make at least one part required." };
  }
  return { ok: true, regex };
}

/** A rule pattern compiled for matching, or why it is refused. Cached per pattern and flags. */
export function compileRulePattern(pattern: string, flags: string): CompiledPattern {
  const key = JSON.stringify([flags, pattern]);
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compile(pattern, flags);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, compiled);
  }
  return compiled;
}

/** Whether an admin's pattern may be saved and run, and if not, what is wrong and what to do. */
export function checkPatternSafety(pattern: string, flags: string): PatternSafety {
  const compiled = compileRulePattern(pattern, flags);
  return compiled.ok ? { ok: true } : { ok: false, reason: compiled.reason };
}
