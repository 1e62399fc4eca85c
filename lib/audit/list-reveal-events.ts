import "server-only";
import type { Db } from "@/lib/db";

const PAGE = 50;

export type RevealEventView = {
  id: string;
  createdAt: string;
  user: { id: string; email: string; name: string };
  exchangeId: string | null;
  fields: string[];
  reason: string;
};

/** Reveals of original text, newest first, optionally by one user; for admins to review. */
export async function listRevealEvents(db: Db, options: { userId?: string; cursor?: string }): Promise<{ events: RevealEventView[]; nextCursor: string | null }> {
  const rows = await db.revealEvent.findMany({
    where: options.userId ? { userId: options.userId } : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE + 1,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  const events = rows.slice(0, PAGE).map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    user: row.user,
    exchangeId: row.exchangeId,
    fields: row.field.split(","),
    reason: row.reason,
  }));
  return { events, nextCursor: rows.length > PAGE ? events.at(-1)!.id : null };
}
