import "server-only";
import { buildJudgePrompt } from "@/lib/judges/build-judge-prompt";
import type { JudgeConfig } from "@/lib/judges/judge-config";
import { JudgeReplyError, parseJudgeReply } from "@/lib/judges/parse-judge-reply";
import { systemClock, type Throttle, throttleFor } from "@/lib/judges/throttle";
import type { JudgeInput, JudgeOutcome, JudgePromptBudget, JudgeThresholds } from "@/lib/judges/types";
import { verdictFor } from "@/lib/judges/verdict-for";
import { ModelError } from "@/lib/llm/model-error";
import type { ModelClient, ModelProviderName } from "@/lib/llm/types";
import { backoffDelayMs } from "@/lib/llm/with-retries";

// Asks one judge to score one answer, and always comes back with an outcome:
// scores, or the reason there are none. Every attempt waits for the judge's
// throttle; a failed attempt (server error, timeout, unreadable or
// out-of-range reply) is retried after a back-off with half the sources and
// digest, since a model that failed may have run out of context. Only the
// caller's own abort is thrown. The client is injected, so tests hand it a
// real client pointed at a fake server.

/** Three attempts: one failure may be chance, three in a row are the judge's problem. */
const DEFAULT_MAX_ATTEMPTS = 3;
/** About 3,000 and 1,500 tokens: with the question and both answers this fits an 8k context and leaves room to reply. */
export const DEFAULT_JUDGE_BUDGET: JudgePromptBudget = { passageChars: 12_000, digestChars: 6_000 };
/** The client has already retried what a quick retry fixes; a judge-level retry gives a loaded model a moment longer. */
const DEFAULT_RETRY_BASE_DELAY_MS = 1_000;
/** A JSON object with a short paragraph is about 150 tokens; 400 leaves room for a model that talks first. */
const ANSWER_TOKENS = 400;
/** Gemini 2.5 counts its thinking against the answer limit, and 400 would often leave no room for the answer itself. */
const GEMINI_ANSWER_TOKENS = 8_192;

export type RunJudgeOptions = {
  judge: JudgeConfig;
  client: ModelClient;
  input: JudgeInput;
  thresholds: JudgeThresholds;
  /** Default 3. */
  maxAttempts?: number;
  /** Sources and digest characters for the first attempt; halved after each failure. Default 12,000 and 6,000. */
  budget?: JudgePromptBudget;
  /** Default: the judge's shared throttle (throttleFor). */
  throttle?: Throttle;
  /** First back-off between attempts, doubling after each (default 1 s). */
  retryBaseDelayMs?: number;
  signal?: AbortSignal;
};

const answerTokensFor = (provider: ModelProviderName) => (provider === "gemini" ? GEMINI_ANSWER_TOKENS : ANSWER_TOKENS);

/** What went wrong on an attempt, in words for the score record. */
function describeFailure(error: unknown): string {
  if (error instanceof ModelError || error instanceof JudgeReplyError) return error.message;
  return `The judge failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
}

const plural = (count: number) => `${count} attempt${count === 1 ? "" : "s"}`;

/** Scores the answer with the judge; never throws for a judge's failure. latencyMs counts the attempts themselves, not throttle waits or back-off. */
export async function runJudge(options: RunJudgeOptions): Promise<JudgeOutcome> {
  const { judge, client, input, signal } = options;
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
  const throttle = options.throttle ?? throttleFor(judge);
  const baseDelayMs = options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
  let budget = options.budget ?? DEFAULT_JUDGE_BUDGET;
  let latencyMs = 0;
  let lastFailure = "";

  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    await throttle.wait(signal);
    const started = performance.now();
    try {
      const result = await client.generate({
        model: judge.model,
        messages: buildJudgePrompt(input, budget),
        options: { temperature: 0, json: true, maxTokens: answerTokensFor(client.provider) },
        signal,
      });
      const reply = parseJudgeReply(result.text);
      latencyMs += performance.now() - started;
      const { helpfulness, compliance, reasoning } = reply;
      const verdict = verdictFor(compliance, options.thresholds);
      return { status: "scored", judgeId: judge.id, judgeModel: judge.model, helpfulness, compliance, verdict, reasoning, attempts: attempt, latencyMs: Math.round(latencyMs) };
    } catch (error) {
      latencyMs += performance.now() - started;
      // The caller giving up is not the judge failing.
      signal?.throwIfAborted();
      lastFailure = describeFailure(error);
    }
    if (attempt < maxAttempts) {
      budget = { passageChars: Math.floor(budget.passageChars / 2), digestChars: Math.floor(budget.digestChars / 2) };
      await systemClock.sleep(backoffDelayMs({ failedAttempts: attempt, baseDelayMs }), signal);
    }
  }
  const error = `${lastFailure.replace(/\.$/, "")}; gave up after ${plural(maxAttempts)}`;
  return { status: "unscored", judgeId: judge.id, judgeModel: judge.model, error, attempts: maxAttempts, latencyMs: Math.round(latencyMs) };
}
