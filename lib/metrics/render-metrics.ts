import "server-only";
import type { Db } from "@/lib/db";
import { agentMetrics } from "@/lib/metrics/agent-metrics";
import { collectDatabaseGauges } from "@/lib/metrics/database-gauges";
import { evaluationMetrics } from "@/lib/metrics/evaluation-metrics";
import { judgeMetrics } from "@/lib/metrics/judge-metrics";
import { metricsRegistry } from "@/lib/metrics/registry";

/** The Prometheus text exposition of every CAM metric, with the database gauges read now. */
export async function renderMetrics(db: Db): Promise<{ contentType: string; text: string }> {
  // Defined before the first event too, so every metric is listed (with HELP and TYPE) from the first scrape.
  agentMetrics();
  judgeMetrics();
  evaluationMetrics();
  await collectDatabaseGauges(db);
  const registry = metricsRegistry();
  return { contentType: registry.contentType, text: await registry.metrics() };
}
