import "server-only";
import { appendToChain } from "@/lib/audit/chain/append-to-chain";
import { type ReviewLabelView, reviewLabelSelect, toReviewLabelView } from "@/lib/audit/list-review-labels";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CreateReviewLabelBody } from "@/lib/schemas/audit";

/**
 * Appends a reviewer's label to an exchange. Labels are never edited: a
 * correction is a new label, so the history shows who changed their mind and when.
 * The label joins the audit chain in the same transaction.
 * Contract: the body was validated with createReviewLabelBodySchema and the
 * reviewer holds audit.label.
 */
export async function addReviewLabel(
  db: Db,
  input: { exchangeId: string; reviewerId: string; label: CreateReviewLabelBody },
): Promise<ReviewLabelView> {
  const exchange = await db.exchange.findUnique({ where: { id: input.exchangeId }, select: { id: true } });
  if (!exchange) throw new AppError("not_found", "There is no exchange with this id. Open it again from the audit list.");
  const label = await db.$transaction(async (tx) => {
    const created = await tx.reviewLabel.create({
      data: {
        exchangeId: input.exchangeId,
        reviewerId: input.reviewerId,
        verdict: input.label.verdict,
        escalation: input.label.escalation,
        notes: input.label.notes,
      },
      select: reviewLabelSelect,
    });
    await appendToChain(tx, { kind: "review_label", recordId: created.id });
    return created;
  });
  return toReviewLabelView(label);
}
