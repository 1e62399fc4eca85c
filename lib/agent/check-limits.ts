import "server-only";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Settings } from "@/lib/schemas/settings";

// Limits on what one person may ask, from the settings in force. Counted in
// the database, so they hold across every app instance.

/** The window the per-user rate limit counts questions in. */
const RATE_WINDOW_MS = 60_000;

/** Refuses an over-long question, an over-long conversation, or a user over their rate limit. */
export async function checkLimits(
  db: Db,
  options: { question: string; turn: number; userId: string | null; limits: Settings["limits"] },
): Promise<void> {
  const { limits } = options;
  if (options.question.length > limits.maxQuestionChars) {
    throw new AppError(
      "payload_too_large",
      `The question is ${options.question.length.toLocaleString("en-AU")} characters long; the limit is ${limits.maxQuestionChars.toLocaleString("en-AU")}. Shorten it, or split it into several questions.`,
    );
  }
  if (options.turn >= limits.maxConversationTurns) {
    throw new AppError(
      "conflict",
      `This conversation has reached its limit of ${limits.maxConversationTurns} questions. Start a new conversation to continue.`,
    );
  }
  if (!options.userId) return;
  const now = Date.now();
  const inWindow = { userId: options.userId, createdAt: { gte: new Date(now - RATE_WINDOW_MS) } };
  const recent = await db.exchange.count({ where: inWindow });
  if (recent >= limits.chatRequestsPerMinute) {
    // A place frees up when the oldest question in the window leaves it.
    const oldest = await db.exchange.findFirst({ where: inWindow, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
    const seconds = Math.max(1, Math.ceil(((oldest?.createdAt.getTime() ?? now) + RATE_WINDOW_MS - now) / 1000));
    throw new AppError(
      "rate_limited",
      `You have asked ${recent} questions in the last minute, the most allowed. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
      { retryAfterSeconds: seconds },
    );
  }
}
