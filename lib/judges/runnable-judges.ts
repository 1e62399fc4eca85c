import "server-only";
import type { Env } from "@/lib/env";
import { createJudgeClient } from "@/lib/judges/create-judge-client";
import type { JudgeConfig } from "@/lib/judges/judge-config";

/** The enabled judges whose model server is configured (a judge without credentials is skipped, not an error). */
export function runnableJudges(judges: JudgeConfig[], config: Env): JudgeConfig[] {
  return judges.filter((judge) => judge.enabled && !("disabled" in createJudgeClient(judge, config)));
}
