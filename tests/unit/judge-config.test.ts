import { describe, expect, it } from "vitest";
import { defaultJudges, judgeConfigSchema, judgeListSchema } from "@/lib/judges/judge-config";

describe("judgeConfigSchema", () => {
  it("fills in generate, enabled and 30 requests a minute", () => {
    expect(judgeConfigSchema.parse({ id: "llamacpp", provider: "openai", model: "medgemma-4b-it" })).toEqual({
      id: "llamacpp",
      provider: "openai",
      model: "medgemma-4b-it",
      ollamaApi: "generate",
      enabled: true,
      requestsPerMinute: 30,
    });
  });

  it("refuses ids that cannot name a judge, unknown providers and impossible rates", () => {
    for (const id of ["", "MedGemma", "-x", "a".repeat(33), "med gemma"]) {
      expect(judgeConfigSchema.safeParse({ id, provider: "ollama", model: "m" }).success).toBe(false);
    }
    expect(judgeConfigSchema.safeParse({ id: "x", provider: "anthropic", model: "m" }).success).toBe(false);
    expect(judgeConfigSchema.safeParse({ id: "x", provider: "ollama", model: "" }).success).toBe(false);
    for (const requestsPerMinute of [0, 1.5, 10_001]) {
      expect(judgeConfigSchema.safeParse({ id: "x", provider: "ollama", model: "m", requestsPerMinute }).success).toBe(false);
    }
  });

  it("says what a judge id may be", () => {
    const result = judgeConfigSchema.safeParse({ id: "Bad Id", provider: "ollama", model: "m" });
    expect(result.error?.issues[0]?.message).toMatch(/lower-case letters, digits or hyphens/);
  });
});

describe("defaultJudges", () => {
  it("are MedGemma on Ollama generate and Gemini 2.5 Flash, with defaults applied", () => {
    expect(defaultJudges).toEqual([
      { id: "medgemma", provider: "ollama", model: "medgemma:4b", ollamaApi: "generate", enabled: true, requestsPerMinute: 30 },
      { id: "gemini", provider: "gemini", model: "gemini-2.5-flash", ollamaApi: "generate", enabled: true, requestsPerMinute: 30 },
    ]);
    expect(judgeListSchema.parse(defaultJudges)).toEqual(defaultJudges);
  });

  it("may not name a judge twice", () => {
    expect(judgeListSchema.safeParse([...defaultJudges, defaultJudges[0]]).error?.issues[0]?.message).toBe("each judge needs its own id");
  });
});
