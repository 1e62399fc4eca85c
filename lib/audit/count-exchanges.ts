import "server-only";
import type { Db } from "@/lib/db";

/** How many exchanges are recorded, and how many are flagged for review. */
export async function countExchanges(db: Db) {
  const [total, needsReview] = await Promise.all([
    db.exchange.count(),
    db.exchange.count({ where: { needsReview: true } }),
  ]);
  return { total, needsReview };
}
