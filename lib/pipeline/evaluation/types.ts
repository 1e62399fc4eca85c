// The stored results of a batch evaluation run, as the metrics and report
// functions read them. `cam pipeline` loads these from the database. Pure types.

export type Verdict = "allow" | "warn" | "block";

export type EvaluatedJudgeScore = {
  judgeId: string;
  judgeModel: string;
  status: "scored" | "unscored";
  helpfulness?: number;
  compliance?: number;
  verdict?: Verdict;
  reasoning?: string;
  error?: string;
  latencyMs?: number;
};

export type EvaluatedExchange = {
  exchangeId: string;
  /** 0-based position in the questions file. */
  questionIndex: number;
  question: string;
  scenarioId: string;
  model: string;
  retrieval: boolean;
  /** CAM's decision. */
  action: Verdict;
  /** Set when the exchange failed (model down...); such exchanges count as failed, not as decisions. */
  error?: string;
  totalMs: number;
  rawAnswer: string | null;
  finalAnswer: string;
  /** Distinct passage ranks the final answer cites ("see [n]"). */
  citedRanks: number[];
  findings: { ruleId: string; severity: "block" | "warn" | "info"; message: string; clauses: string[] }[];
  passages: { rank: number; label: string; score: number; text: string }[];
  judgeScores: EvaluatedJudgeScore[];
};

export type RunSummary = {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  finishedAt?: string;
  questionsFile?: string;
  scenarioIds: string[];
  judgeIds: string[];
  versions: { ruleSet?: number; settings?: number; store?: string };
};

/** CAM's three decisions, in the order every table and chart shows them. */
export const VERDICTS: readonly Verdict[] = ["allow", "warn", "block"];
