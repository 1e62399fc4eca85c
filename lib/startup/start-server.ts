import "server-only";
import { env } from "@/lib/env";
import { startJudgeWorker } from "@/lib/judges/queue/judge-worker";

/**
 * Runs when the server starts. A wrong setting stops the server with one
 * clear message, instead of a server that starts and then fails every
 * request; then the background judge starts unless JUDGE_WORKER=off.
 */
export function startServer(): void {
  let config: ReturnType<typeof env>;
  try {
    config = env();
  } catch (error) {
    console.error(`CAM cannot start. ${(error as Error).message}`);
    process.exit(1);
  }
  if (config.JUDGE_WORKER === "on") startJudgeWorker();
}
