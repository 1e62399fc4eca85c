import "server-only";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ConversationPage } from "@/lib/schemas/conversations";

// One person's conversations, most recently active first, a page at a time.
// Pages are keyed on (updatedAt, id), so a conversation that moves to the top
// while someone pages through the older ones is neither repeated nor skipped
// below the page they have reached. Callers are authorised; the input is valid.

type Position = { updatedAt: Date; id: string };

const encodeCursor = (position: Position) =>
  Buffer.from(JSON.stringify([position.updatedAt.toISOString(), position.id])).toString("base64url");

function decodeCursor(cursor: string): Position {
  try {
    const [iso, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    const updatedAt = new Date(String(iso));
    if (typeof id === "string" && id && !Number.isNaN(updatedAt.getTime())) return { updatedAt, id };
  } catch {
    // Reported below.
  }
  throw new AppError("bad_request", "The page cursor is not valid. Reload the conversation list and page from the start.");
}

/** The caller's conversations, newest first; `nextCursor` fetches the page after this one. */
export async function listConversations(db: Db, options: { userId: string; cursor?: string; limit: number }): Promise<ConversationPage> {
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  const rows = await db.conversation.findMany({
    where: {
      userId: options.userId,
      ...(after && { OR: [{ updatedAt: { lt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { lt: after.id } }] }),
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    // One more than asked shows whether another page follows.
    take: options.limit + 1,
    select: { id: true, title: true, createdAt: true, updatedAt: true, _count: { select: { exchanges: true } } },
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    conversations: page.map((row) => ({
      id: row.id,
      title: row.title,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      turns: row._count.exchanges,
    })),
    nextCursor: rows.length > options.limit && last ? encodeCursor(last) : null,
  };
}
