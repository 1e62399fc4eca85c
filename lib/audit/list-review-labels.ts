import "server-only";
import type { Db } from "@/lib/db";
import type { Escalation, ReviewVerdict } from "@/lib/generated/sqlite/enums";

/** A reviewer's label as the exchange page shows it. */
export type ReviewLabelView = {
  id: string;
  verdict: ReviewVerdict;
  escalation: Escalation | null;
  notes: string;
  createdAt: string;
  reviewer: { id: string; name: string };
};

export const reviewLabelSelect = {
  id: true,
  verdict: true,
  escalation: true,
  notes: true,
  createdAt: true,
  reviewer: { select: { id: true, name: true } },
} as const;

type LabelRecord = { id: string; verdict: ReviewVerdict; escalation: Escalation | null; notes: string; createdAt: Date; reviewer: { id: string; name: string } };

/** The JSON-ready form of a stored label. */
export function toReviewLabelView(label: LabelRecord): ReviewLabelView {
  return { ...label, createdAt: label.createdAt.toISOString() };
}

/** Every label of an exchange, newest first: the first is the one in force, the rest its history. */
export async function listReviewLabels(db: Db, exchangeId: string): Promise<ReviewLabelView[]> {
  const labels = await db.reviewLabel.findMany({
    where: { exchangeId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: reviewLabelSelect,
  });
  return labels.map(toReviewLabelView);
}
