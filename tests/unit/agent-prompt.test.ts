import { describe, expect, it } from "vitest";
import { buildPrompt } from "@/lib/agent/build-prompt";
import type { AgentAnswer } from "@/lib/agent/answer-question";
import { fromOpenAiMessages, toOpenAiChunks, toOpenAiCompletion } from "@/lib/agent/openai-compatibility";
import { CHARS_PER_TOKEN } from "@/lib/retrieval/fit-context-budget";
import type { RetrievalHit } from "@/lib/retrieval/search-loaded-store";

const hit = (id: number, text: string, region = "AU"): RetrievalHit => ({
  id,
  chunkId: `doc.pdf::chunk-${id}`,
  path: "health_docs/doc.pdf",
  text,
  sourceTitle: "Code",
  label: `Code — ${id}.1`,
  region,
  rank: id,
  similarity: 0.5,
  scores: { fused: 0.1 },
});

describe("buildPrompt", () => {
  it("numbers the sources, marks Australian ones and asks for citations and the disclaimer", () => {
    const prompt = buildPrompt({
      question: "When may notes be disclosed?",
      retrieval: true,
      hits: [hit(1, "Disclosure requires consent."), hit(2, "International code text.", "international")],
      history: [],
      disclaimer: "General information only.",
      contextTokens: 8192,
      answerTokens: 512,
    });
    const system = prompt.messages[0]?.content ?? "";
    expect(prompt.messages[0]?.role).toBe("system");
    expect(system).toContain("[1] Code — 1.1 (Australian)\nDisclosure requires consent.");
    expect(system).toContain("[2] Code — 2.1 (international)");
    expect(system).toContain("(see [2])");
    expect(system).toContain("Prefer Australian sources");
    expect(system).toContain('End the answer with this sentence: "General information only."');
    expect(prompt.messages.at(-1)).toEqual({ role: "user", content: "When may notes be disclosed?" });
    expect(prompt.text).toContain("### system");
  });

  it("drops the lowest-ranked sources that do not fit, keeping room for the answer", () => {
    const long = "x".repeat(CHARS_PER_TOKEN * 1000);
    const prompt = buildPrompt({
      question: "q",
      retrieval: true,
      hits: [hit(1, long), hit(2, long), hit(3, long)],
      history: [],
      disclaimer: "d",
      contextTokens: 2500,
      answerTokens: 600,
    });
    expect(prompt.passages.map((passage) => passage.rank)).toEqual([1]);
    expect(prompt.droppedPassages).toBe(2);
  });

  it("includes the most recent earlier turns that fit, oldest first", () => {
    const turns = Array.from({ length: 10 }, (_, i) => ({ question: `question ${i} ${"y".repeat(600)}`, answer: `answer ${i}` }));
    const prompt = buildPrompt({ question: "and now?", retrieval: false, hits: [], history: turns, disclaimer: "d", contextTokens: 2048, answerTokens: 256 });
    expect(prompt.turnsIncluded).toBeGreaterThan(0);
    expect(prompt.turnsIncluded).toBeLessThan(10);
    const users = prompt.messages.filter((message) => message.role === "user").map((message) => message.content.split(" ").slice(0, 2).join(" "));
    expect(users.at(-1)).toBe("and now?");
    expect(users.at(-2)).toBe("question 9");
  });

  it("has no sources section without retrieval", () => {
    const prompt = buildPrompt({ question: "q", retrieval: false, hits: [], history: [], disclaimer: "d", contextTokens: 4096, answerTokens: 256 });
    expect(prompt.messages[0]?.content).not.toContain("Sources:");
  });
});

describe("OpenAI compatibility", () => {
  it("takes the last user message as the question and pairs earlier turns", () => {
    const { question, history } = fromOpenAiMessages({
      model: "B",
      messages: [
        { role: "system", content: "ignored" },
        { role: "user", content: "first" },
        { role: "assistant", content: "reply" },
        { role: "user", content: "second" },
      ],
    });
    expect(question).toBe("second");
    expect(history).toEqual([{ question: "first", answer: "reply" }]);
  });

  it("refuses a conversation that does not end with the user", () => {
    expect(() => fromOpenAiMessages({ model: "B", messages: [{ role: "assistant", content: "a" }] })).toThrow(/last message must be the user's question/);
  });

  const answer: AgentAnswer = {
    exchangeId: "ex1",
    conversationId: null,
    createdAt: "2026-11-26T00:00:00.000Z",
    scenario: { id: "B", name: "B", model: "gemma3:4b", retrieval: true },
    action: "warn",
    text: "Final text.",
    withheld: false,
    needsReview: false,
    findings: [{ ruleId: "medication-directive", ruleVersion: 1, severity: "warn", message: "m", clauses: [] }],
    citations: [],
    crisisResourcesAdded: false,
    notes: [],
    latency: { retrievalMs: 1, generationMs: 2, checkingMs: 3, auditMs: 4, totalMs: 10 },
    versions: { ruleSet: 1, settings: 1, store: null },
    judges: { pending: ["medgemma"] },
  };

  it("answers in chat.completion format with CAM's decision alongside", () => {
    const completion = toOpenAiCompletion(answer, "question");
    expect(completion).toMatchObject({
      id: "chatcmpl-ex1",
      object: "chat.completion",
      created: 1_795_651_200,
      model: "B",
      choices: [{ index: 0, message: { role: "assistant", content: "Final text." }, finish_reason: "stop" }],
      cam: { exchange_id: "ex1", action: "warn", findings: [{ rule_id: "medication-directive" }] },
    });
  });

  it("streams as chat.completion.chunk objects: the text, then the stop with CAM's decision, then usage when asked", () => {
    const chunks = toOpenAiChunks(answer, "question", { includeUsage: true });
    expect(chunks).toMatchObject([
      { id: "chatcmpl-ex1", object: "chat.completion.chunk", model: "B", choices: [{ index: 0, delta: { role: "assistant", content: "Final text." }, finish_reason: null }] },
      { id: "chatcmpl-ex1", choices: [{ index: 0, delta: {}, finish_reason: "stop" }], cam: { exchange_id: "ex1", action: "warn" } },
      { id: "chatcmpl-ex1", choices: [], usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) } },
    ]);
    expect(toOpenAiChunks(answer, "question", { includeUsage: false })).toHaveLength(2);
  });
});
