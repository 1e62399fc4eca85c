import "server-only";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { JudgeConfig } from "@/lib/judges/judge-config";
import type { ModelClient } from "@/lib/llm/types";
import { requireTransferApproval } from "@/lib/privacy/transfer-approvals";

/**
 * The client for a judge, or why it may not run: no credentials, or a service
 * outside Australia that no admin has approved (a judge sees the question too).
 */
export async function approvedJudgeClient(
  db: Db,
  judge: JudgeConfig,
  clientFor: (judge: JudgeConfig) => ModelClient | { disabled: string },
): Promise<ModelClient | { disabled: string }> {
  const client = clientFor(judge);
  if ("disabled" in client) return client;
  try {
    await requireTransferApproval(db, judge.provider);
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") return { disabled: error.message };
    throw error;
  }
  return client;
}
