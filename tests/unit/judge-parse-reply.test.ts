import { describe, expect, it } from "vitest";
import { findJsonObjects } from "@/lib/judges/find-json-objects";
import { JudgeReplyError, parseJudgeReply } from "@/lib/judges/parse-judge-reply";

// Replies as judge models really write them: MedGemma through Ollama chats
// around its JSON, llama.cpp fences it, Gemini in JSON mode sends bare JSON
// (sometimes in an array), and any of them may be cut off by the answer limit.

/** The JudgeReplyError a reply causes. */
function rejectionOf(text: string): JudgeReplyError {
  try {
    parseJudgeReply(text);
  } catch (error) {
    expect(error).toBeInstanceOf(JudgeReplyError);
    return error as JudgeReplyError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe("parseJudgeReply accepts", () => {
  it("Gemini's bare JSON", () => {
    const reply = '{"helpfulness": 4, "compliance": 5, "reasoning": "Accurate, cites APP 6.2(b), refers to the privacy officer."}';
    expect(parseJudgeReply(reply)).toEqual({ helpfulness: 4, compliance: 5, reasoning: "Accurate, cites APP 6.2(b), refers to the privacy officer." });
  });

  it("decimals and surrounding whitespace", () => {
    expect(parseJudgeReply('\n\n  {"helpfulness": 3.5, "compliance": 4.25, "reasoning": " ok "}  \n')).toEqual({ helpfulness: 3.5, compliance: 4.25, reasoning: "ok" });
  });

  it("llama.cpp's fenced JSON", () => {
    const reply = '```json\n{\n  "helpfulness": 3,\n  "compliance": 2,\n  "reasoning": "Gives a dose without referring to the prescriber."\n}\n```';
    expect(parseJudgeReply(reply)).toMatchObject({ helpfulness: 3, compliance: 2 });
  });

  it("MedGemma's chatter before and after the JSON", () => {
    const reply = [
      "Okay, here is my evaluation of the answer based on the rubric provided.",
      "",
      "**Evaluation:**",
      "",
      '{"helpfulness": 4, "compliance": 4, "reasoning": "The answer correctly explains consent under APP 6 but doesn\'t mention the exceptions."}',
      "",
      "Let me know if you'd like me to elaborate on any of these points!",
    ].join("\n");
    expect(parseJudgeReply(reply)).toEqual({ helpfulness: 4, compliance: 4, reasoning: "The answer correctly explains consent under APP 6 but doesn't mention the exceptions." });
  });

  it("prose with stray braces before the JSON", () => {
    const reply = 'I will use the format {helpfulness, compliance}.\nResult: {"helpfulness": 2, "compliance": 1}';
    expect(parseJudgeReply(reply)).toEqual({ helpfulness: 2, compliance: 1, reasoning: "" });
  });

  it("numbers as strings, '4/5' and '4 out of 5'", () => {
    expect(parseJudgeReply('{"helpfulness": "4", "compliance": "3.5"}')).toMatchObject({ helpfulness: 4, compliance: 3.5 });
    expect(parseJudgeReply('{"helpfulness": "4/5", "compliance": "5 / 5"}')).toMatchObject({ helpfulness: 4, compliance: 5 });
    expect(parseJudgeReply('{"helpfulness": "4 out of 5", "compliance": "2 Out Of 5"}')).toMatchObject({ helpfulness: 4, compliance: 2 });
    // Unquoted, which is not JSON but is what a model means.
    expect(parseJudgeReply('{"helpfulness": 4/5, "compliance": 3 out of 5, "reasoning": "fine"}')).toEqual({ helpfulness: 4, compliance: 3, reasoning: "fine" });
  });

  it("keys in other cases and spellings", () => {
    expect(parseJudgeReply('{"Helpfulness": 4, "COMPLIANCE": 5, "Reasoning": "Clear."}')).toEqual({ helpfulness: 4, compliance: 5, reasoning: "Clear." });
    expect(parseJudgeReply('{"helpfulness_score": 2, "Compliance Score": 3, "rationale": "Vague."}')).toEqual({ helpfulness: 2, compliance: 3, reasoning: "Vague." });
  });

  it("single quotes, unquoted keys and trailing commas", () => {
    expect(parseJudgeReply("{'helpfulness': 4, 'compliance': 3, 'reasoning': 'It\\'s mostly right',}")).toEqual({ helpfulness: 4, compliance: 3, reasoning: "It's mostly right" });
    expect(parseJudgeReply('{helpfulness: 5, compliance: 4, reasoning: "Good",\n}')).toEqual({ helpfulness: 5, compliance: 4, reasoning: "Good" });
  });

  it("raw line breaks inside the reasoning", () => {
    expect(parseJudgeReply('{"helpfulness": 4, "compliance": 4, "reasoning": "First line.\nSecond line."}').reasoning).toBe("First line.\nSecond line.");
  });

  it("a missing reasoning as an empty one", () => {
    expect(parseJudgeReply('{"helpfulness": 0, "compliance": 0}')).toEqual({ helpfulness: 0, compliance: 0, reasoning: "" });
  });

  it("an array of objects (the first one with scores)", () => {
    expect(parseJudgeReply('[{"helpfulness": 3, "compliance": 4, "reasoning": "a"}, {"helpfulness": 1, "compliance": 1}]')).toEqual({ helpfulness: 3, compliance: 4, reasoning: "a" });
  });

  it("scores nested in another object, with the reasoning beside them", () => {
    expect(parseJudgeReply('{"evaluation": {"scores": {"helpfulness": 4, "compliance": 2}}, "reasoning": "Invents a clause."}')).toEqual({
      helpfulness: 4,
      compliance: 2,
      reasoning: "Invents a clause.",
    });
    expect(parseJudgeReply('{"helpfulness": {"score": 3, "reason": "x"}, "compliance": {"score": "4/5"}}')).toMatchObject({ helpfulness: 3, compliance: 4 });
  });

  it("the first complete object when there are several", () => {
    const reply = 'Draft: {"helpfulness": 2, "compliance": 3, "reasoning": "first"}\nFinal: {"helpfulness": 5, "compliance": 5, "reasoning": "second"}';
    expect(parseJudgeReply(reply)).toMatchObject({ helpfulness: 2, compliance: 3, reasoning: "first" });
  });

  it("a real object after an echo of the requested format", () => {
    const reply = 'Format: {"helpfulness": <0-5>, "compliance": <0-5>, "reasoning": "<one short paragraph>"}\n\n{"helpfulness": 4, "compliance": 5, "reasoning": "Sound."}';
    expect(parseJudgeReply(reply)).toEqual({ helpfulness: 4, compliance: 5, reasoning: "Sound." });
  });

  it("a reply cut off inside its reasoning, marking the cut", () => {
    expect(parseJudgeReply('{"helpfulness": 4, "compliance": 3, "reasoning": "The answer cites APP 6 but')).toEqual({
      helpfulness: 4,
      compliance: 3,
      reasoning: "The answer cites APP 6 but…",
    });
  });
});

describe("parseJudgeReply rejects", () => {
  it("scores outside 0-5, never clamping them", () => {
    expect(rejectionOf('{"helpfulness": 4, "compliance": 7}').message).toBe('The judge\'s reply gave compliance 7, outside the 0-5 scale: “{"helpfulness": 4, "compliance": 7}”');
    expect(rejectionOf('{"helpfulness": -1, "compliance": 3}').message).toContain("gave helpfulness -1, outside the 0-5 scale");
    expect(rejectionOf('{"helpfulness": 8, "compliance": 9}').message).toContain("gave helpfulness 8, outside the 0-5 scale and gave compliance 9");
    expect(rejectionOf('{"helpfulness": "5.5/5", "compliance": 3}').message).toContain("helpfulness 5.5, outside");
  });

  it("scores on another scale or in words", () => {
    expect(rejectionOf('{"helpfulness": "8/10", "compliance": 4}').message).toContain('gave helpfulness "8/10", which is not a number from 0 to 5');
    expect(rejectionOf('{"helpfulness": "high", "compliance": "low"}').message).toContain('helpfulness "high", which is not a number');
    expect(rejectionOf('{"helpfulness": null, "compliance": 4}').message).toContain("helpfulness null, which is not a number");
    expect(rejectionOf('{"helpfulness": <0-5>, "compliance": <0-5>}').message).toContain('"<0-5>", which is not a number');
  });

  it("a reply that is not JSON", () => {
    expect(rejectionOf("Helpfulness: 4\nCompliance: 5\nThe answer is fine.").message).toBe("The judge's reply was not valid JSON: “Helpfulness: 4 Compliance: 5 The answer is fine.”");
    expect(rejectionOf('{"helpfulness": 4, "compliance": 3').message).toContain("was not valid JSON");
    expect(rejectionOf('{"helpfulness": 4, "reasoning": "He said "no" twice"}').message).toContain("was not valid JSON");
  });

  it("an empty reply", () => {
    expect(rejectionOf("  \n ").message).toBe("The judge's reply was empty.");
  });

  it("missing scores, saying which", () => {
    expect(rejectionOf('{"helpfulness": 4, "reasoning": "fine"}').message).toContain("had no compliance score");
    expect(rejectionOf('{"compliance": 4}').message).toContain("had no helpfulness score");
    expect(rejectionOf('{"answer": "Fake answer to: ..."}').message).toContain("had no helpfulness and compliance scores");
    expect(rejectionOf("[4, 5]").message).toContain("was not valid JSON");
  });

  it("quoting only a short, one-line, cleaned excerpt", () => {
    const message = rejectionOf(`\u202eSure!\u0007 ${"blah ".repeat(200)}`).message;
    expect(message).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(message.length).toBeLessThan(250);
    expect(message).toMatch(/“Sure! blah blah .*…”$/);
  });
});

describe("findJsonObjects", () => {
  it("finds each object a brace starts, outermost first", () => {
    expect(findJsonObjects('x {"a": {"b": 1}} y {"c": [2, 3]}').map((found) => found.value)).toEqual([{ a: { b: 1 } }, { b: 1 }, { c: [2, 3] }]);
  });

  it("keeps braces and quotes inside strings", () => {
    expect(findJsonObjects('{"text": "a } b \\" c { d"}')).toEqual([{ value: { text: 'a } b " c { d' }, truncated: false }]);
  });

  it("recovers text cut off after a value, but not in the middle of a number or key", () => {
    expect(findJsonObjects('{"a": 1, "b": [1, 2],')).toEqual([{ value: { a: 1, b: [1, 2] }, truncated: true }]);
    expect(findJsonObjects('{"a": 1, "b": 4')).toEqual([]);
    expect(findJsonObjects('{"a": 1, "b":')).toEqual([]);
    expect(findJsonObjects('{"a": 1, "long')).toEqual([]);
  });
});
