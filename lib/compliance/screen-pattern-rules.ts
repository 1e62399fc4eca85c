import { RE2Set, RE2JS } from "re2js";
import { withoutLookbehinds } from "@/lib/compliance/pattern-syntax";
import type { PatternCheck } from "@/lib/compliance/match-pattern-rule";
import type { CheckInput } from "@/lib/compliance/types";

// Most answers match few of the admins' patterns. Rather than run each pattern
// over the text, all patterns on one target run together as an RE2 set, which
// reports in one pass which of them match: in the benchmark about ten times
// cheaper than running twenty patterns one by one. The set leaves lookbehinds
// out, so it reports every pattern that matches (and perhaps a few more); a
// pattern it reports is then run on its own, as usual.

/** Sets larger than this (RE2 instructions, summed) are not built; the rules simply run one by one. */
const MAX_SET_PROGRAM = 20_000;
const MAX_CACHED = 50;
const cache = new Map<string, RE2Set | null>();

function buildSet(checks: PatternCheck[]): RE2Set | null {
  try {
    const set = new RE2Set(RE2Set.UNANCHORED);
    let size = 0;
    for (const { pattern, flags } of checks) {
      const inline = [...new Set(flags.replace(/[^ims]/g, ""))].sort().join("");
      const source = `(?${inline}:${RE2JS.translateRegExp(withoutLookbehinds(pattern))})`;
      size += RE2JS.compile(source).programSize();
      set.add(source);
    }
    if (size > MAX_SET_PROGRAM) return null;
    set.compile();
    return set;
  } catch {
    return null; // screen nothing, lose nothing
  }
}

function setFor(checks: PatternCheck[]): RE2Set | null {
  const key = JSON.stringify(checks.map(({ pattern, flags }) => [flags, pattern]));
  if (!cache.has(key)) {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, buildSet(checks));
  }
  return cache.get(key)!;
}

/**
 * Which of these pattern checks may match the input. False is certain; true
 * means "run the pattern". Checks are told apart by identity.
 */
export function screenPatternRules(checks: PatternCheck[], input: CheckInput): (check: PatternCheck) => boolean {
  const mayMatch = new Map<PatternCheck, boolean>();
  for (const target of ["answer", "question"] as const) {
    const onTarget = checks.filter((check) => check.target === target);
    if (onTarget.length === 0) continue;
    const set = setFor(onTarget);
    const matched = set ? new Set(set.match(target === "question" ? input.question : input.answer)) : undefined;
    onTarget.forEach((check, id) => mayMatch.set(check, matched ? matched.has(id) : true));
  }
  return (check) => mayMatch.get(check) ?? true;
}
