import "server-only";
import { buildPrompt, type PriorTurn } from "@/lib/agent/build-prompt";
import { checkLimits } from "@/lib/agent/check-limits";
import { composeFinalAnswer } from "@/lib/agent/compose-final-answer";
import { loadConversation } from "@/lib/agent/load-conversation";
import { postprocessAnswer } from "@/lib/agent/postprocess-answer";
import { type ExchangeRecord, recordExchange } from "@/lib/agent/record-exchange";
import { resolveScenario } from "@/lib/agent/resolve-scenario";
import { evaluateCompliance } from "@/lib/compliance/evaluate-compliance";
import type { ComplianceDecision, ComplianceFinding } from "@/lib/compliance/types";
import { type ActiveConfig, getActiveConfig } from "@/lib/config/get-active-config";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ExchangeSource } from "@/lib/generated/sqlite/enums";
import type { ModelClient } from "@/lib/llm/types";
import { recordAnsweredExchange, recordFailedExchange } from "@/lib/metrics/agent-metrics";
import { requireTransferApproval } from "@/lib/privacy/transfer-approvals";
import type { RetrievalHit, RetrievalResult } from "@/lib/retrieval/search-loaded-store";
import type { ScenarioDefinition } from "@/lib/schemas/scenarios";
import type { Settings } from "@/lib/schemas/settings";

// The request pipeline: one question in, one checked answer and one complete
// audit record out. The console, the OpenAI-compatible API and batch
// evaluation all call answerQuestion. It fails closed: when retrieval, the
// model, the checks or the audit write fail, no unchecked answer leaves here,
// and every failure after the question was accepted is recorded.

export type AgentStage = "retrieving" | "generating" | "checking" | "recording";

export type AgentDeps = {
  db: Db;
  retrieve: (query: { query: string; topK: number; minSimilarity: number }) => Promise<RetrievalResult>;
  modelClient: (scenario: ScenarioDefinition) => ModelClient;
  onStage?: (stage: AgentStage) => void;
  /** Told about failures that could not themselves be recorded. */
  onUnrecordedFailure?: (error: unknown, context: Record<string, unknown>) => void;
  /** The judges that should score an answer in the background; none when absent. */
  judgesFor?: (settings: Settings) => string[];
  /** The configuration to answer under; the one in force when absent (a batch run trying a draft passes its own). */
  config?: () => Promise<ActiveConfig>;
};

export type AgentRequest = {
  question: string;
  scenarioId?: string;
  conversationId?: string;
  userId: string | null;
  source: ExchangeSource;
  /** Earlier turns supplied by the caller (the OpenAI-compatible API) instead of a stored conversation. */
  history?: PriorTurn[];
  /** Set by batch evaluation: the run, and the question and scenario within it. */
  evaluationRunId?: string;
  runItem?: string;
};

export type AgentCitation = Pick<RetrievalHit, "rank" | "chunkId" | "sourceTitle" | "label" | "text" | "pageStart" | "pageEnd"> & {
  score: number;
  cited: boolean;
};

export type AgentAnswer = {
  exchangeId: string;
  conversationId: string | null;
  createdAt: string;
  scenario: { id: string; name: string; model: string; retrieval: boolean };
  action: ComplianceDecision["action"];
  text: string;
  withheld: boolean;
  needsReview: boolean;
  /** Without evidence: it quotes the raw answer, which a blocked answer must not reveal; the audit record keeps it. */
  findings: Omit<ComplianceFinding, "evidence">[];
  citations: AgentCitation[];
  crisisResourcesAdded: boolean;
  notes: string[];
  latency: { retrievalMs: number; generationMs: number; checkingMs: number; auditMs: number; totalMs: number };
  versions: { ruleSet: number; settings: number; store: string | null };
  /** Judges that will score this answer; their scores appear on the exchange when ready. */
  judges: { pending: string[] };
};

const since = (start: number) => Math.round(performance.now() - start);

/** Answers a question; see the module comment. */
export async function answerQuestion(deps: AgentDeps, request: AgentRequest): Promise<AgentAnswer> {
  const started = performance.now();
  // A lone surrogate (a JSON escape can make one) cannot be stored; it becomes U+FFFD, as in storage.
  const question = request.question.toWellFormed().trim();
  if (!question) throw new AppError("validation_failed", "The question is empty. Type a question and send it again.");
  const { scenarios, ruleSet, settings } = await (deps.config?.() ?? getActiveConfig(deps.db));
  const scenario = resolveScenario(scenarios, request.scenarioId);
  const transferApprovalId = await requireTransferApproval(deps.db, scenario.provider);
  const conversation = request.conversationId
    ? await loadConversation(deps.db, { conversationId: request.conversationId, userId: request.userId })
    : undefined;
  await checkLimits(deps.db, { question, turn: conversation?.turn ?? 0, userId: request.userId, limits: settings.values.limits });

  const latency = { retrievalMs: 0, generationMs: 0, checkingMs: 0, auditMs: 0, totalMs: 0 };
  const notes: string[] = [];
  const base: Omit<ExchangeRecord, "prompt" | "rawAnswer" | "finalAnswer" | "action" | "needsReview" | "passages" | "findings" | "totalMs"> = {
    source: request.source,
    userId: request.userId,
    conversation: conversation
      ? { id: conversation.id, turn: conversation.turn }
      : request.userId && request.source === "console"
        ? { startTitled: question }
        : null,
    evaluationRunId: request.evaluationRunId,
    runItem: request.runItem,
    scenario: { id: scenario.id, provider: scenario.provider, model: scenario.model, retrieval: scenario.retrieval, options: scenario.options },
    transferApprovalId,
    question,
    latency,
    versions: { ruleSet: ruleSet.version, settings: settings.version, store: null },
  };

  /** Records a failure that left no answer, then reports it to the caller with the record's id. */
  const failBeforeAnswer = async (stage: string, error: unknown, prompt: string | null): Promise<never> => {
    const message = error instanceof AppError ? error.message : `The ${stage} step failed unexpectedly.`;
    recordFailedExchange({ scenario, stage, error });
    latency.totalMs = since(started);
    let reference = "";
    try {
      const recorded = await recordExchange(deps.db, {
        ...base,
        prompt,
        rawAnswer: null,
        finalAnswer: message,
        action: "block",
        needsReview: false,
        passages: [],
        findings: [],
        totalMs: latency.totalMs,
        error: { stage, message: error instanceof Error ? error.message : String(error) },
      });
      reference = ` (The question was recorded as ${recorded.id}.)`;
    } catch (recordingError) {
      deps.onUnrecordedFailure?.(recordingError, { stage, original: error });
    }
    throw new AppError(error instanceof AppError ? error.code : "internal", `${message}${reference}`, { cause: error });
  };

  // 1. Retrieval.
  let hits: RetrievalHit[] = [];
  if (scenario.retrieval) {
    deps.onStage?.("retrieving");
    const retrievalStart = performance.now();
    try {
      const result = await deps.retrieve({
        query: question,
        topK: settings.values.retrieval.topK,
        minSimilarity: settings.values.retrieval.minSimilarity,
      });
      hits = result.hits;
      notes.push(...result.notes);
      base.versions.store = result.storeVersion;
    } catch (error) {
      latency.retrievalMs = since(retrievalStart);
      return failBeforeAnswer("retrieval", error, null);
    }
    latency.retrievalMs = since(retrievalStart);
  }

  // 2. Generation, unless retrieval found nothing to ground an answer in.
  const prompt = buildPrompt({
    question,
    retrieval: scenario.retrieval,
    hits,
    history: request.history ?? conversation?.history ?? [],
    disclaimer: settings.values.answer.disclaimer,
    // The admins' context budget caps the prompt below the model's own window.
    contextTokens: Math.min(scenario.options.contextTokens, settings.values.retrieval.contextBudgetTokens),
    answerTokens: scenario.options.maxTokens,
  });
  if (prompt.droppedPassages > 0) notes.push(`${prompt.droppedPassages} retrieved passage(s) did not fit the context budget (the smaller of the model's window and the admins' budget).`);
  let rawAnswer: string;
  let promptText: string | null = prompt.text;
  if (scenario.retrieval && prompt.passages.length === 0) {
    // The fallback carries the disclaimer like any answer, so it passes the same checks.
    rawAnswer = `${settings.values.answer.noSourcesMessage}\n\n${settings.values.answer.disclaimer}`;
    promptText = null;
    notes.push("No passage passed the similarity threshold, so the model was not asked.");
  } else {
    deps.onStage?.("generating");
    const generationStart = performance.now();
    try {
      const { model, options } = scenario;
      const result = await deps.modelClient(scenario).generate({
        model,
        messages: prompt.messages,
        options: { temperature: options.temperature, contextTokens: options.contextTokens, maxTokens: options.maxTokens, seed: options.seed },
      });
      rawAnswer = result.text.toWellFormed();
      if (result.attempts > 1) notes.push(`The model answered after ${result.attempts} attempts.`);
    } catch (error) {
      latency.generationMs = since(generationStart);
      return failBeforeAnswer("generation", error, promptText);
    }
    latency.generationMs = since(generationStart);
  }

  // 3. Checking: clean-up, rules, final text. Any failure here withholds the answer.
  deps.onStage?.("checking");
  const checkingStart = performance.now();
  const passages = prompt.passages;
  let decision: ComplianceDecision;
  let shown: string;
  let citedRanks: number[] = [];
  let checkError: string | undefined;
  try {
    const processed = postprocessAnswer({ rawAnswer, passages });
    citedRanks = processed.citedRanks;
    if (processed.clauseChanges.length) {
      notes.push(`Clause references not found in the sources were changed: ${processed.clauseChanges.map((change) => `"${change.original}" to "${change.replacement}"`).join(", ")}.`);
    }
    decision = evaluateCompliance(
      { question, answer: processed.text, rawAnswer, passages, disclaimer: settings.values.answer.disclaimer },
      ruleSet.rules,
    );
    shown = processed.text;
  } catch (error) {
    checkError = error instanceof Error ? error.message : String(error);
    decision = { action: "block", findings: [] };
    shown = "";
    notes.push("The answer could not be checked, so it was withheld.");
  }
  const final = composeFinalAnswer({ question, answer: shown, decision, settings: settings.values });
  latency.checkingMs = since(checkingStart);

  // 4. The audit record; without it the answer is not given.
  deps.onStage?.("recording");
  const auditStart = performance.now();
  const needsReview = decision.action === "block";
  const judgeIds = deps.judgesFor?.(settings.values) ?? [];
  let recorded: Awaited<ReturnType<typeof recordExchange>>;
  try {
    // The record holds the time up to its own write; the caller also gets the write's time.
    latency.totalMs = since(started);
    recorded = await recordExchange(deps.db, {
      ...base,
      prompt: promptText,
      rawAnswer,
      finalAnswer: final.text,
      action: decision.action,
      needsReview,
      passages: passages.map((passage) => ({
        rank: passage.rank,
        chunkId: passage.chunkId,
        sourceTitle: passage.sourceTitle,
        label: passage.label,
        score: passage.similarity,
        text: passage.text,
        pageStart: passage.pageStart,
        pageEnd: passage.pageEnd,
      })),
      findings: decision.findings,
      totalMs: latency.totalMs,
      error: checkError ? { stage: "checking", message: checkError } : undefined,
      judgeIds,
    });
  } catch (error) {
    deps.onUnrecordedFailure?.(error, { stage: "audit", scenarioId: scenario.id });
    throw new AppError(
      "service_unavailable",
      "The answer could not be written to the audit trail, so it is withheld. Try again in a moment; if it keeps happening, tell your administrator.",
      { cause: error },
    );
  }
  latency.auditMs = since(auditStart);
  latency.totalMs = since(started);
  recordAnsweredExchange({ scenario, decision, latency, modelAsked: promptText !== null });

  return {
    exchangeId: recorded.id,
    conversationId: recorded.conversationId,
    createdAt: recorded.createdAt.toISOString(),
    scenario: { id: scenario.id, name: scenario.name, model: scenario.model, retrieval: scenario.retrieval },
    action: decision.action,
    text: final.text,
    withheld: final.withheld,
    needsReview,
    findings: decision.findings.map(({ evidence: _evidence, ...finding }) => finding),
    citations: passages.map((passage) => ({
      rank: passage.rank,
      chunkId: passage.chunkId,
      sourceTitle: passage.sourceTitle,
      label: passage.label,
      text: passage.text,
      pageStart: passage.pageStart,
      pageEnd: passage.pageEnd,
      score: passage.similarity,
      cited: citedRanks.includes(passage.rank),
    })),
    crisisResourcesAdded: final.crisisResourcesAdded,
    notes,
    latency,
    versions: base.versions,
    judges: { pending: judgeIds },
  };
}
