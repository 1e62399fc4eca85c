import { describe, expect, it } from "vitest";
import { buildJudgePrompt, fitSources, truncateText } from "@/lib/judges/build-judge-prompt";
import type { JudgeInput } from "@/lib/judges/types";

const passage = (rank: number, length: number) => ({ rank, label: `Code ${rank}`, text: `${"abcdefghi ".repeat(Math.ceil(length / 10))}`.slice(0, length) });

const input: JudgeInput = {
  question: "May I share session notes with the client's GP?",
  finalAnswer: "Only with consent, unless an exception applies (APP 6.2).",
  rawAnswer: "Yes, always share them.",
  action: "warn",
  passages: [
    { rank: 2, label: "Psychology Board code — 2.4", text: "Psychologists safeguard confidentiality." },
    { rank: 1, label: "Privacy Act — APP 6.2(b)", text: "Use or disclosure is permitted where required by law." },
  ],
  digest: "# Regulatory digest\n\nPrivacy Act 1988: the APPs govern handling of personal information.",
};

const big = { passageChars: 100_000, digestChars: 100_000 };
const userText = (messages: ReturnType<typeof buildJudgePrompt>) => messages[1]?.content ?? "";

describe("buildJudgePrompt", () => {
  it("gives the reviewer's role, both rubrics and the required JSON in the system message", () => {
    const [system, user] = buildJudgePrompt(input, big);
    expect(system?.role).toBe("system");
    expect(user?.role).toBe("user");
    const text = system?.content ?? "";
    expect(text).toContain("independent reviewer");
    expect(text).toMatch(/clinicians working in Australia/);
    expect(text).toMatch(/codes of conduct/);
    expect(text).toMatch(/HELPFULNESS from 0 to 5/);
    expect(text).toMatch(/COMPLIANCE from 0 to 5/);
    for (const point of ["5 = ", "4 = ", "3 = ", "2 = ", "1 = ", "0 = "]) expect(text.split(point).length - 1).toBe(2);
    expect(text).toMatch(/0 = dangerous or clearly non-compliant/);
    expect(text).toContain('{"helpfulness": <0-5>, "compliance": <0-5>, "reasoning": "<one short paragraph>"}');
    expect(text).toMatch(/Decimals/);
  });

  it("shows the question, both answers, the decision, numbered sources by rank and the digest", () => {
    const text = userText(buildJudgePrompt(input, big));
    expect(text).toContain(input.question);
    expect(text).toContain(`## Final answer shown to the clinician\n${input.finalAnswer}`);
    expect(text).toContain("may have been withheld from the clinician.)\nYes, always share them.");
    expect(text).toContain("## CAM's decision\nwarn:");
    expect(text.indexOf("[1] Privacy Act — APP 6.2(b)\nUse or disclosure")).toBeGreaterThan(-1);
    expect(text.indexOf("[1] Privacy Act")).toBeLessThan(text.indexOf("[2] Psychology Board"));
    expect(text).toContain("## Regulatory digest\n# Regulatory digest");
  });

  it("says when the model was not asked, nothing was retrieved and there is no digest", () => {
    const text = userText(buildJudgePrompt({ ...input, rawAnswer: null, passages: [], digest: "  " }, big));
    expect(text).toMatch(/## Raw model answer\n\(None: CAM answered without asking the model/);
    expect(text).toContain("(None: no sources were retrieved for this question.)");
    expect(text).toContain("## Regulatory digest\n(None available.)");
  });

  it("cuts the digest to its budget, marking the cut", () => {
    const text = userText(buildJudgePrompt({ ...input, digest: "d".repeat(500) }, { passageChars: 10_000, digestChars: 100 }));
    expect(text).toContain(`## Regulatory digest (excerpt)\n${"d".repeat(99)}…`);
    expect(text).not.toContain("d".repeat(100));
    expect(userText(buildJudgePrompt(input, { passageChars: 10_000, digestChars: 0 }))).toContain("## Regulatory digest\n(Left out for length.)");
  });

  it("says how many sources were left out", () => {
    const passages = [passage(1, 900), passage(2, 900), passage(3, 900)];
    const text = userText(buildJudgePrompt({ ...input, passages }, { passageChars: 1_000, digestChars: 100 }));
    expect(text).toContain("## Retrieved sources (1 of 3; the lower-ranked ones are left out for length)");
    expect(text).not.toContain("[2] Code 2");
  });
});

describe("fitSources", () => {
  const header = (rank: number) => `[${rank}] Code ${rank}\n`.length;

  it("keeps every source that fits, best rank first", () => {
    const { blocks, omitted } = fitSources([passage(3, 50), passage(1, 50), passage(2, 50)], 10_000);
    expect(blocks.map((block) => block.split("\n")[0])).toEqual(["[1] Code 1", "[2] Code 2", "[3] Code 3"]);
    expect(omitted).toBe(0);
  });

  it("drops whole sources from the lowest rank, then cuts the last one kept with an ellipsis", () => {
    const budget = 2 * (header(1) + 500) + 300;
    const { blocks, omitted } = fitSources([passage(1, 500), passage(2, 500), passage(3, 500), passage(4, 500)], budget);
    expect(omitted).toBe(1);
    expect(blocks).toHaveLength(3);
    expect(blocks[0]).toBe(`[1] Code 1\n${passage(1, 500).text}`);
    expect(blocks[2]?.startsWith("[3] Code 3\n")).toBe(true);
    expect(blocks[2]?.endsWith("…")).toBe(true);
    expect(blocks.join("").length).toBeLessThanOrEqual(budget);
    expect(blocks.join("").length).toBeGreaterThan(budget - 10);
  });

  it("leaves out a source that would be cut to a scrap", () => {
    const budget = header(1) + 500 + header(2) + 50;
    const { blocks, omitted } = fitSources([passage(1, 500), passage(2, 500)], budget);
    expect(blocks).toHaveLength(1);
    expect(omitted).toBe(1);
  });

  it("cuts the best source when even it does not fit", () => {
    const { blocks } = fitSources([passage(1, 5_000), passage(2, 10)], 100);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.length).toBe(100);
    expect(blocks[0]?.endsWith("…")).toBe(true);
  });

  it("keeps nothing with no room", () => {
    expect(fitSources([passage(1, 10)], 0)).toEqual({ blocks: [], omitted: 1 });
  });
});

describe("truncateText", () => {
  it("leaves short text alone and marks a cut", () => {
    expect(truncateText("abc", 3)).toBe("abc");
    expect(truncateText("abcdef", 4)).toBe("abc…");
    expect(truncateText("ab   cdef", 6)).toBe("ab…");
    expect(truncateText("abc", 0)).toBe("");
  });
});
