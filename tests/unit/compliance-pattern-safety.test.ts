import { RE2JS } from "re2js";
import { describe, expect, it } from "vitest";
import { withoutLookbehinds } from "@/lib/compliance/pattern-syntax";
import { checkPatternSafety, compileRulePattern, MAX_PATTERN_LENGTH } from "@/lib/compliance/pattern-safety";
import { ruleCheckSchema, ruleDefinitionSchema } from "@/lib/schemas/rules";

const reasonFor = (pattern: string, flags = "i") => {
  const result = checkPatternSafety(pattern, flags);
  return result.ok ? undefined : result.reason;
};

describe("pattern safety", () => {
  it.each([
    ["(a+)+$", /nested quantifier in \(a\+\)\+/i],
    ["(a|aa)+$", /overlapping alternatives in \(a\|aa\)\+/i],
    ["(\\w+\\s?)*$", /nested quantifier in \(\\w\+\\s\?\)\*/i],
    ["^(a+)+b", /nested quantifier/i],
    ["(x+x+)+y", /nested quantifier/i],
    ["(a*)*b", /nested quantifier/i],
    ["(\\d+\\s?){3}x", /nested quantifier/i],
    ["(?:\\w|\\d)+!", /overlapping alternatives/i],
    ["((?:ab|a)c?)+z", /overlapping alternatives/i],
  ])("refuses the evil pattern %s, saying what to do", (pattern, reason) => {
    expect(reasonFor(pattern, "")).toMatch(reason);
    expect(reasonFor(pattern, "")).toMatch(/Use one repeat|start differently/);
  });

  it("would still match the evil patterns in linear time, because rules run on RE2", () => {
    const attacks: [string, string][] = [
      ["(a+)+$", `${"a".repeat(100_000)}!`],
      ["(a|aa)+$", `${"a".repeat(100_000)}!`],
      ["(\\w+\\s?)*$", `${"ab ".repeat(30_000)}!`],
    ];
    for (const [pattern, input] of attacks) {
      const regex = RE2JS.compile(pattern);
      const started = performance.now();
      regex.test(input);
      regex.exec(input);
      // A backtracking engine needs longer than the age of the universe; RE2 needs milliseconds.
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it.each([
    ["a(?=b)", /Lookahead .* not supported/],
    ["stop(?! taking)", /Lookahead .* not supported/],
    ["(\\w)\\1", /Backreferences .* not supported/],
    ["(?<word>\\w)\\k<word>", /Backreferences .* not supported/],
    ["[a-z", /not a valid regular expression \(missing closing \]/],
    ["stop)", /not a valid regular expression/],
    ["a{1,1001}", /counted repeat is too large/],
    ["(a{1,100}){1,100}", /counted repeat is too large/],
    ["x*", /matches empty text/],
    ["\\b", /matches empty text/],
    ["^$", /matches empty text/],
    ["", /pattern is empty/],
  ])("refuses %j with a reason", (pattern, reason) => {
    expect(reasonFor(pattern)).toMatch(reason);
  });

  it("refuses over-long patterns, over-large programs and unknown flags", () => {
    expect(reasonFor("a".repeat(MAX_PATTERN_LENGTH + 1))).toMatch(/characters long; the limit is 1000\. Split it/);
    expect(reasonFor("[a-z]{1000}[0-9]{1000}[a-f]{1000}")).toMatch(/compiles to \d+ instructions; the limit is/);
    expect(reasonFor("stop", "g")).toMatch(/flag "g" is not supported/);
  });

  it.each([
    ["\\b(?:stop|cease)\\s+taking\\b", "i"],
    ["(?<!do not |don't )stop taking", "i"],
    ["\\b\\d+\\s*mg\\b", "i"],
    ["(?:https?://)?(?:www\\.)?[a-z0-9-]+\\.(?:com|net)\\b", "i"],
    ["\\b(?:miracle|guaranteed)\\s+cure\\b", "i"],
    ["(?:\\w+,\\s*)+\\w+", ""],
    ["(stop|start)+ now", "i"],
    ["(?<name>\\d{3})-\\d{4}", ""],
    ["\\u00e9t\\u00e9|caf\\x{e9}", "iu"],
    ["^Section \\d+", "m"],
    ["first.+last", "s"],
  ])("accepts the realistic pattern %s", (pattern, flags) => {
    expect(checkPatternSafety(pattern, flags)).toEqual({ ok: true });
  });

  it("compiles each pattern once and matches with JavaScript flags", () => {
    const first = compileRulePattern("stop\\s+TAKING", "i");
    expect(compileRulePattern("stop\\s+TAKING", "i")).toBe(first);
    expect(first.ok && first.regex.test("Please stop taking it")).toBe(true);
    const multiline = compileRulePattern("^Take", "m");
    expect(multiline.ok && multiline.regex.test("Rest.\nTake care")).toBe(true);
  });
});

describe("withoutLookbehinds", () => {
  it.each([
    ["(?<!do not |don't )stop", "stop"],
    ["a(?<=(b|c)\\))d", "ad"],
    ["(?<=[)])y", "y"],
    ["(?:(?<!x)y)+", "(?:y)+"],
    ["[(?<=]x", "[(?<=]x"],
    ["\\(?<=x", "\\(?<=x"],
    ["\\Q(?<=a)\\Eb", "\\Q(?<=a)\\Eb"],
  ])("turns %j into %j", (pattern, expected) => {
    expect(withoutLookbehinds(pattern)).toBe(expected);
  });
});

describe("the rule schema", () => {
  const rule = {
    id: "miracle-cure",
    version: 1,
    description: "Promises a cure.",
    message: "The answer promises a cure.",
    severity: "warn",
    enabled: true,
  };

  it("refuses a pattern rule that is not safe, on the pattern field, with the reason", () => {
    const result = ruleDefinitionSchema.safeParse({ ...rule, check: { kind: "pattern", pattern: "(a+)+$" } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["check", "pattern"]);
    expect(result.error?.issues[0]?.message).toMatch(/Nested quantifier/);
  });

  it("accepts a safe pattern and fills in the default flags and target", () => {
    const parsed = ruleCheckSchema.parse({ kind: "pattern", pattern: "\\bmiracle cure\\b" });
    expect(parsed).toEqual({ kind: "pattern", pattern: "\\bmiracle cure\\b", flags: "i", target: "answer" });
    expect(ruleCheckSchema.safeParse({ kind: "pattern", pattern: "a(?=b)" }).success).toBe(false);
  });
});
