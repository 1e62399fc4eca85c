import "server-only";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import type { JudgeInput } from "@/lib/judges/types";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { openExchangeColumns } from "@/lib/privacy/open-sealed-columns";

/** What a judge is shown about a recorded exchange; null when the exchange no longer exists. */
export async function loadJudgeInput(db: Db, exchangeId: string, digest: string): Promise<JudgeInput | null> {
  const exchange = await db.exchange.findUnique({
    where: { id: exchangeId },
    select: {
      question: true,
      finalAnswer: true,
      rawAnswer: true,
      action: true,
      passages: { orderBy: { rank: "asc" }, select: { rank: true, label: true, text: true } },
    },
  });
  if (!exchange) return null;
  return { ...openExchangeColumns(getKeyring(env()), exchange), digest };
}
