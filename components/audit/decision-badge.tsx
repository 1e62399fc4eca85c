import { Badge, type Tone } from "@/components/ui/badge";
import type { Action, ReviewVerdict } from "@/lib/generated/sqlite/enums";
import { reviewVerdictLabels } from "@/lib/schemas/audit";

const actionTones: Record<Action, Tone> = { allow: "good", warn: "warn", block: "bad" };
const actionLabels: Record<Action, string> = { allow: "Allowed", warn: "Warned", block: "Blocked" };

/** CAM's decision on an exchange, in words and colour. */
export function DecisionBadge({ action }: { action: Action }) {
  return <Badge tone={actionTones[action]}>{actionLabels[action]}</Badge>;
}

/** A judge's verdict with its compliance score, e.g. "medgemma: allow 4.5/5". */
export function VerdictBadge({ judgeId, verdict, compliance }: { judgeId?: string; verdict: Action | null; compliance: number | null }) {
  const prefix = judgeId ? `${judgeId}: ` : "";
  if (!verdict) return <Badge tone="neutral">{prefix}unscored</Badge>;
  return (
    <Badge tone={actionTones[verdict]}>
      {prefix}
      {verdict}
      {compliance !== null && ` ${compliance}/5`}
    </Badge>
  );
}

const reviewTones: Record<ReviewVerdict, Tone> = { correct: "good", too_strict: "warn", too_lenient: "bad" };

/** A reviewer's verdict on CAM's decision. */
export function ReviewBadge({ verdict }: { verdict: ReviewVerdict }) {
  return <Badge tone={reviewTones[verdict]}>{reviewVerdictLabels[verdict]}</Badge>;
}
