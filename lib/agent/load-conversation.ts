import "server-only";
import type { PriorTurn } from "@/lib/agent/build-prompt";
import type { Db } from "@/lib/db";
import { notYours } from "@/lib/auth/not-yours";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { openExchangeColumns } from "@/lib/privacy/open-sealed-columns";

/** What a blocked earlier answer contributes to the conversation the model sees. */
const WITHHELD_TURN = "(An earlier answer was withheld by CAM's safety checks.)";

/**
 * The conversation a question continues: its id, the next turn number and the
 * earlier turns. Someone else's conversation is refused.
 */
export async function loadConversation(
  db: Db,
  options: { conversationId: string; userId: string | null },
): Promise<{ id: string; turn: number; history: PriorTurn[] }> {
  const conversation = await db.conversation.findUnique({
    where: { id: options.conversationId },
    include: { exchanges: { orderBy: { turn: "asc" }, select: { question: true, finalAnswer: true, action: true, error: true } } },
  });
  if (!conversation) throw new AppError("not_found", "That conversation does not exist. Start a new conversation.");
  if (conversation.userId !== options.userId) throw notYours("conversation");
  const keyring = getKeyring(env());
  const history = conversation.exchanges
    .filter((exchange) => !exchange.error)
    .map((exchange) => openExchangeColumns(keyring, exchange))
    .map((exchange) => ({ question: exchange.question, answer: exchange.action === "block" ? WITHHELD_TURN : exchange.finalAnswer }));
  return { id: conversation.id, turn: conversation.exchanges.length, history };
}
