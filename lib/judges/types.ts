// What a judge is shown and what it concludes. Client-safe: the audit and
// dashboard views read the same shapes.

/** CAM's three decisions, and a judge's verdict in the same terms. */
export type Verdict = "allow" | "warn" | "block";

/** One recorded answer as a judge sees it. */
export type JudgeInput = {
  question: string;
  /** What the clinician saw. */
  finalAnswer: string;
  /** What the model returned before CAM's checks (null when the model was not asked). */
  rawAnswer: string | null;
  /** CAM's decision. */
  action: Verdict;
  passages: { rank: number; label: string; text: string }[];
  /** The regulatory digest (rag_store/regulatory_digest.md), possibly "". */
  digest: string;
};

/** Compliance cut-offs from the settings (`judges.allowAtLeast`, `judges.warnAtLeast`). */
export type JudgeThresholds = { allowAtLeast: number; warnAtLeast: number };

/** How many characters of sources and digest a judge prompt may carry. */
export type JudgePromptBudget = { passageChars: number; digestChars: number };

/** A judge's scores, or why there are none; never both. */
export type JudgeOutcome =
  | {
      status: "scored";
      judgeId: string;
      judgeModel: string;
      helpfulness: number;
      compliance: number;
      verdict: Verdict;
      reasoning: string;
      attempts: number;
      latencyMs: number;
    }
  | { status: "unscored"; judgeId: string; judgeModel: string; error: string; attempts: number; latencyMs: number };
