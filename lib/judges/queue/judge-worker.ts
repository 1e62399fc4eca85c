import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { getActiveSettings } from "@/lib/config/get-active-config";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createJudgeClient } from "@/lib/judges/create-judge-client";
import { processJudgeJobs } from "@/lib/judges/queue/process-judge-jobs";
import { readDigest } from "@/lib/judges/queue/read-digest";
import { logger } from "@/lib/logger";

// The background judge of console answers, running inside each app instance.
// It polls the queue in the database, so pending jobs survive restarts and
// instances share the work; answers are never delayed by it.

/** How often an idle worker looks for new jobs. */
const IDLE_POLL_MS = 2_000;
/** Wait after an unexpected failure before polling again. */
const ERROR_PAUSE_MS = 10_000;

let stop: (() => void) | undefined;

/** Starts the worker once per process; returns a function that stops it. */
export function startJudgeWorker(): () => void {
  if (stop) return stop;
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const log = logger().child({ workerId, component: "judge-worker" });
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const poll = async () => {
    let delay = IDLE_POLL_MS;
    try {
      const db = getDb();
      const settings = (await getActiveSettings(db)).values;
      const config = env();
      const finished = await processJudgeJobs({
        db,
        workerId,
        judges: settings.judges.models,
        thresholds: settings.judges,
        digest: () => readDigest(config.RAG_STORE_DIR),
        clientFor: (judge) => createJudgeClient(judge, config),
      });
      if (finished > 0) {
        log.info({ finished }, "judged console answers");
        delay = 0;
      }
    } catch (error) {
      log.error({ err: error }, "the judge worker failed; it will try again");
      delay = ERROR_PAUSE_MS;
    }
    if (!stopped) timer = setTimeout(poll, delay).unref();
  };
  timer = setTimeout(poll, IDLE_POLL_MS).unref();
  stop = () => {
    stopped = true;
    clearTimeout(timer);
    stop = undefined;
  };
  log.info("judge worker started");
  return stop;
}
