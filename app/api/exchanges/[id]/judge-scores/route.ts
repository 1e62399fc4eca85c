import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { getJudgeScores } from "@/lib/judges/queue/get-judge-scores";

export const dynamic = "force-dynamic";

/** Judge scores for an exchange as they arrive, and which judges are still pending. */
export const GET = route({
  access: "chat",
  handler: ({ params, caller }) => getJudgeScores(getDb(), { exchangeId: String(params.id), caller }),
});
