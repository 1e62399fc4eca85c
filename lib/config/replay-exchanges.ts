import { postprocessAnswer } from "@/lib/agent/postprocess-answer";
import { whatIfCaveats } from "@/lib/config/what-if-caveats";
import { evaluateCompliance } from "@/lib/compliance/evaluate-compliance";
import type { ComplianceFinding, Severity } from "@/lib/compliance/types";
import { verdictFor } from "@/lib/judges/verdict-for";
import type { RuleDefinition } from "@/lib/schemas/rules";
import type { Settings } from "@/lib/schemas/settings";

// The what-if replay: what the agent would decide about recorded exchanges
// under a candidate rule pack or settings, without calling any model. Each
// exchange is replayed from the point where the model had answered: its stored
// raw answer is cleaned up with its stored passages and checked with the rules.
// Retrieval settings are approximated on the stored passages (a higher minimum
// similarity drops some, a lower top-k keeps the best k; nothing that was not
// stored can come back). Each exchange is replayed twice, under the
// configuration in force and under the candidate, so the result shows what the
// candidate itself changes. Pure.

type Action = "allow" | "warn" | "block";

/** One audited exchange as the replay needs it. `question` feeds the checks only and is never returned. */
export type StoredExchange = {
  id: string;
  createdAt: string;
  question: string;
  questionRedacted: string;
  retrieval: boolean;
  rawAnswer: string | null;
  action: Action;
  errorStage: string | null;
  ruleSetVersion: number;
  settingsVersion: number;
  /** In rank order. */
  passages: { rank: number; label: string; text: string; score: number }[];
  /** Scored judge scores only. */
  judgeScores: { judgeId: string; compliance: number }[];
};

export type ReplayConfig = { rules: RuleDefinition[]; settings: Settings };
export type FindingView = { ruleId: string; severity: Severity; message: string; evidence?: string };

type ExchangeView = { exchangeId: string; createdAt: string; question: string };

export type DecisionChange = ExchangeView & {
  recorded: { action: Action; ruleSetVersion: number; settingsVersion: number };
  before: Action;
  after: Action;
  appeared: FindingView[];
  disappeared: FindingView[];
  passages: { before: number; after: number };
  /** Under the candidate no stored passage is left, so the answer becomes the no-sources text. */
  fallback: boolean;
};

export type NotReplayable = ExchangeView & { reason: string };
export type JudgeVerdictChange = ExchangeView & { judgeId: string; compliance: number; before: Action; after: Action };

export type WhatIfResult = {
  /** Exchanges looked at, newest first. */
  considered: number;
  replayed: number;
  /** Replayed exchanges whose decision the candidate changes. */
  decisionChanges: DecisionChange[];
  /** Replayed exchanges that keep their decision but gain or lose findings. */
  findingChanges: DecisionChange[];
  notReplayable: NotReplayable[];
  judgeVerdictChanges: JudgeVerdictChange[];
  transitions: { from: Action; to: Action; count: number }[];
  /** Replayed exchanges whose replay under the configuration in force differs from what was recorded (other versions, other code). */
  drift: number;
  /** What the replay cannot show, in plain words. */
  caveats: string[];
};

type Outcome = { action: Action; findings: ComplianceFinding[]; passages: number; fallback: boolean };

/** A question shown in the preview: the redacted text only. */
const shownQuestion = (exchange: StoredExchange) => exchange.questionRedacted || "(no redacted copy of this question was recorded)";

/** Why an exchange cannot be replayed, or undefined when it can. */
function notReplayableReason(exchange: StoredExchange): string | undefined {
  if (exchange.rawAnswer === null) {
    return exchange.errorStage
      ? `The ${exchange.errorStage} step failed, so there is no model answer to re-check.`
      : "No model answer was recorded, so there is nothing to re-check.";
  }
  if (exchange.retrieval && exchange.passages.length === 0) {
    return "No passage passed the similarity threshold, so the model was not asked and the no-sources answer was given; a replay cannot bring back passages or an answer.";
  }
  return undefined;
}

/** What the agent's checking step would decide for this exchange under `config`. */
export function replayExchange(exchange: StoredExchange, config: ReplayConfig): Outcome {
  const { minSimilarity, topK } = config.settings.retrieval;
  // Ranks are kept as recorded: the stored answer cites passages by the numbers the model saw.
  const passages = exchange.retrieval
    ? exchange.passages.filter((passage) => passage.score >= minSimilarity).slice(0, topK)
    : exchange.passages;
  const fallback = exchange.retrieval && passages.length === 0;
  const rawAnswer = fallback ? config.settings.answer.noSourcesMessage : (exchange.rawAnswer ?? "");
  try {
    const processed = postprocessAnswer({ rawAnswer, passages });
    const decision = evaluateCompliance(
      { question: exchange.question, answer: processed.text, rawAnswer, passages, disclaimer: config.settings.answer.disclaimer },
      config.rules,
    );
    return { ...decision, passages: passages.length, fallback };
  } catch {
    // The agent withholds an answer it cannot check; so does the replay.
    return { action: "block", findings: [], passages: passages.length, fallback };
  }
}

const findingKey = (finding: FindingView) => `${finding.ruleId}\u0000${finding.severity}\u0000${finding.evidence ?? ""}`;
const view = ({ ruleId, severity, message, evidence }: ComplianceFinding): FindingView =>
  evidence === undefined ? { ruleId, severity, message } : { ruleId, severity, message, evidence };

function findingsDelta(before: ComplianceFinding[], after: ComplianceFinding[]) {
  const [old, next] = [new Set(before.map(findingKey)), new Set(after.map(findingKey))];
  return {
    appeared: after.filter((finding) => !old.has(findingKey(finding))).map(view),
    disappeared: before.filter((finding) => !next.has(findingKey(finding))).map(view),
  };
}

/** Replays exchanges under the configuration in force (`baseline`) and the `candidate`; see the module comment. */
export function replayExchanges(options: { exchanges: StoredExchange[]; baseline: ReplayConfig; candidate: ReplayConfig }): WhatIfResult {
  const { baseline, candidate } = options;
  const result: WhatIfResult = {
    considered: options.exchanges.length,
    replayed: 0,
    decisionChanges: [],
    findingChanges: [],
    notReplayable: [],
    judgeVerdictChanges: [],
    transitions: [],
    drift: 0,
    caveats: whatIfCaveats(baseline.settings, candidate.settings),
  };
  const transitions = new Map<string, { from: Action; to: Action; count: number }>();
  for (const exchange of options.exchanges) {
    const shown: ExchangeView = { exchangeId: exchange.id, createdAt: exchange.createdAt, question: shownQuestion(exchange) };
    for (const score of exchange.judgeScores) {
      const [before, after] = [verdictFor(score.compliance, baseline.settings.judges), verdictFor(score.compliance, candidate.settings.judges)];
      if (before !== after) result.judgeVerdictChanges.push({ ...shown, judgeId: score.judgeId, compliance: score.compliance, before, after });
    }
    const reason = notReplayableReason(exchange);
    if (reason) {
      result.notReplayable.push({ ...shown, reason });
      continue;
    }
    result.replayed += 1;
    const [now, next] = [replayExchange(exchange, baseline), replayExchange(exchange, candidate)];
    if (now.action !== exchange.action) result.drift += 1;
    const delta = findingsDelta(now.findings, next.findings);
    if (now.action === next.action && delta.appeared.length === 0 && delta.disappeared.length === 0) continue;
    const change: DecisionChange = {
      ...shown,
      recorded: { action: exchange.action, ruleSetVersion: exchange.ruleSetVersion, settingsVersion: exchange.settingsVersion },
      before: now.action,
      after: next.action,
      ...delta,
      passages: { before: now.passages, after: next.passages },
      fallback: next.fallback,
    };
    if (now.action === next.action) {
      result.findingChanges.push(change);
      continue;
    }
    result.decisionChanges.push(change);
    const key = `${now.action}>${next.action}`;
    const transition = transitions.get(key) ?? { from: now.action, to: next.action, count: 0 };
    transition.count += 1;
    transitions.set(key, transition);
  }
  result.transitions = [...transitions.values()].sort((a, b) => b.count - a.count);
  return result;
}
