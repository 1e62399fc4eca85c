import "server-only";
import { Counter, Histogram } from "prom-client";
import type { ComplianceDecision, ComplianceFinding } from "@/lib/compliance/types";
import { ModelError } from "@/lib/llm/model-error";
import type { ModelProviderName } from "@/lib/llm/types";
import { DURATION_BUCKETS_SECONDS } from "@/lib/metrics/buckets";
import { defineMetrics } from "@/lib/metrics/registry";

// What the request pipeline did: decisions, findings, time per stage and
// model-server failures. Labels are small, admin-defined sets (scenario, rule,
// model, provider); never question text or user ids.

/** The stages answerQuestion times, as the `stage` label says them. */
export type TimedStage = "retrieval" | "generation" | "checking" | "audit";

/** The pipeline's metric set, created on first use. */
export const agentMetrics = defineMetrics("agent", (registry) => ({
  exchanges: new Counter({
    name: "cam_exchanges_total",
    help: "Checked answers recorded, by CAM's decision and scenario.",
    labelNames: ["action", "scenario"] as const,
    registers: [registry],
  }),
  failures: new Counter({
    name: "cam_exchange_failures_total",
    help: "Questions recorded without an answer, by the stage that failed and scenario.",
    labelNames: ["stage", "scenario"] as const,
    registers: [registry],
  }),
  findings: new Counter({
    name: "cam_findings_total",
    help: "Compliance findings on recorded answers, by rule id and severity.",
    labelNames: ["rule", "severity"] as const,
    registers: [registry],
  }),
  stageSeconds: new Histogram({
    name: "cam_stage_duration_seconds",
    help: "Time spent in each pipeline stage of a recorded answer, by stage and model.",
    labelNames: ["stage", "model"] as const,
    buckets: DURATION_BUCKETS_SECONDS,
    registers: [registry],
  }),
  answerSeconds: new Histogram({
    name: "cam_answer_duration_seconds",
    help: "Time from question to recorded answer, by model.",
    labelNames: ["model"] as const,
    buckets: DURATION_BUCKETS_SECONDS,
    registers: [registry],
  }),
  modelErrors: new Counter({
    name: "cam_model_errors_total",
    help: "Failed answer generations, by model provider and what the server did (unreachable, timeout, server_error...).",
    labelNames: ["provider", "kind"] as const,
    registers: [registry],
  }),
}));

type ScenarioLabels = { id: string; provider: ModelProviderName; model: string; retrieval: boolean };

/** Counts a checked, recorded answer: its decision, findings and stage times. */
export function recordAnsweredExchange(answered: {
  scenario: ScenarioLabels;
  decision: Pick<ComplianceDecision, "action"> & { findings: Pick<ComplianceFinding, "ruleId" | "severity">[] };
  latency: { retrievalMs: number; generationMs: number; checkingMs: number; auditMs: number; totalMs: number };
  /** False when no passage qualified and the model was not asked. */
  modelAsked: boolean;
}): void {
  const metrics = agentMetrics();
  const { scenario, decision, latency } = answered;
  metrics.exchanges.inc({ action: decision.action, scenario: scenario.id });
  for (const finding of decision.findings) metrics.findings.inc({ rule: finding.ruleId, severity: finding.severity });
  const stages: [TimedStage, number, boolean][] = [
    ["retrieval", latency.retrievalMs, scenario.retrieval],
    ["generation", latency.generationMs, answered.modelAsked],
    ["checking", latency.checkingMs, true],
    ["audit", latency.auditMs, true],
  ];
  for (const [stage, ms, ran] of stages) if (ran) metrics.stageSeconds.observe({ stage, model: scenario.model }, ms / 1000);
  metrics.answerSeconds.observe({ model: scenario.model }, latency.totalMs / 1000);
}

/** Counts a question that failed before it had an answer; a generation failure is also a model-server error. */
export function recordFailedExchange(failed: { scenario: ScenarioLabels; stage: string; error: unknown }): void {
  const metrics = agentMetrics();
  metrics.failures.inc({ stage: failed.stage, scenario: failed.scenario.id });
  if (failed.stage !== "generation") return;
  const { error } = failed;
  const labels = error instanceof ModelError ? { provider: error.provider, kind: error.kind } : { provider: failed.scenario.provider, kind: "unexpected" };
  metrics.modelErrors.inc(labels);
}
