import { describe, expect, it } from "vitest";
import { formatGeneratePrompt } from "@/lib/llm/format-generate-prompt";

describe("formatGeneratePrompt", () => {
  it("sends a lone question as it is", () => {
    expect(formatGeneratePrompt([{ role: "user", content: "What does APP 6 cover?" }])).toEqual({ prompt: "What does APP 6 cover?" });
  });

  it("moves system messages to `system`, joined by a blank line", () => {
    const messages = [
      { role: "system", content: "Answer from the passages." },
      { role: "system", content: "Cite clauses." },
      { role: "user", content: "Can I share notes with a GP?" },
    ] as const;
    expect(formatGeneratePrompt(messages)).toEqual({ system: "Answer from the passages.\n\nCite clauses.", prompt: "Can I share notes with a GP?" });
  });

  it("writes earlier turns as a labelled transcript above the question", () => {
    const { prompt } = formatGeneratePrompt([
      { role: "system", content: "Be brief." },
      { role: "user", content: "What does APP 6 cover?" },
      { role: "assistant", content: "Use and disclosure of personal information." },
      { role: "user", content: "And APP 11?" },
    ]);
    expect(prompt).toBe("User: What does APP 6 cover?\n\nAssistant: Use and disclosure of personal information.\n\nAnd APP 11?");
  });

  it("labels every turn when the conversation ends with the assistant", () => {
    const { prompt } = formatGeneratePrompt([
      { role: "user", content: "Score this answer." },
      { role: "assistant", content: "{" },
    ]);
    expect(prompt).toBe("User: Score this answer.\n\nAssistant: {");
  });

  it("gives an empty prompt for no turns", () => {
    expect(formatGeneratePrompt([{ role: "system", content: "Only rules." }])).toEqual({ system: "Only rules.", prompt: "" });
  });
});
