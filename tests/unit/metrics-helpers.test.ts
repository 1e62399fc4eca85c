import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ModelError } from "@/lib/llm/model-error";
import { recordAnsweredExchange, recordFailedExchange } from "@/lib/metrics/agent-metrics";
import { checkMetricsToken } from "@/lib/metrics/check-metrics-token";
import { evaluationRunOutcome, recordEvaluationRunFinished } from "@/lib/metrics/evaluation-metrics";
import { recordJudgeOutcome } from "@/lib/metrics/judge-metrics";
import { defineMetrics, metricsRegistry } from "@/lib/metrics/registry";

// The recording helpers against the process-wide registry. Counters only
// grow, so each test compares a value before and after.

/** A series' value now: `series` is the metric name, or for a histogram its _sum, _count or _bucket series. */
async function valueOf(metric: string, series: string, labels: Record<string, string | number>): Promise<number> {
  const found = await metricsRegistry().getSingleMetric(metric)?.get();
  const match = found?.values.find(
    (value) => ((value as { metricName?: string }).metricName ?? metric) === series && Object.entries(labels).every(([key, wanted]) => value.labels[key] === wanted),
  );
  return match?.value ?? 0;
}

const scenario = { id: "unit-A", provider: "ollama" as const, model: "unit-model:4b", retrieval: false };
const latency = { retrievalMs: 0, generationMs: 1_500, checkingMs: 3, auditMs: 12, totalMs: 1_530 };

describe("recordAnsweredExchange", () => {
  it("counts the decision by scenario and each finding by rule and severity", async () => {
    const warned = () => valueOf("cam_exchanges_total", "cam_exchanges_total", { action: "warn", scenario: "unit-A" });
    const disclaimer = () => valueOf("cam_findings_total", "cam_findings_total", { rule: "unit-disclaimer", severity: "warn" });
    const [warnedBefore, disclaimerBefore] = [await warned(), await disclaimer()];
    const findings = [
      { ruleId: "unit-disclaimer", severity: "warn" as const },
      { ruleId: "unit-disclaimer", severity: "warn" as const },
    ];
    recordAnsweredExchange({ scenario, decision: { action: "warn", findings }, latency, modelAsked: true });
    expect(await warned()).toBe(warnedBefore + 1);
    expect(await disclaimer()).toBe(disclaimerBefore + 2);
    expect(await valueOf("cam_exchanges_total", "cam_exchanges_total", { action: "allow", scenario: "unit-A" })).toBe(0);
  });

  it("times only the stages that ran, in seconds, by model", async () => {
    const model = "unit-timing:4b";
    recordAnsweredExchange({ scenario: { ...scenario, model }, decision: { action: "allow", findings: [] }, latency, modelAsked: true });
    const stage = (name: string, series = "_count") => valueOf("cam_stage_duration_seconds", `cam_stage_duration_seconds${series}`, { stage: name, model });
    expect(await stage("generation")).toBe(1);
    expect(await stage("generation", "_sum")).toBeCloseTo(1.5);
    expect(await stage("audit", "_sum")).toBeCloseTo(0.012);
    // Retrieval was off for this scenario; with the model not asked, generation is not timed either.
    expect(await stage("retrieval")).toBe(0);
    recordAnsweredExchange({ scenario: { ...scenario, model }, decision: { action: "allow", findings: [] }, latency, modelAsked: false });
    expect(await stage("generation")).toBe(1);
    expect(await stage("checking")).toBe(2);
    expect(await valueOf("cam_answer_duration_seconds", "cam_answer_duration_seconds_sum", { model })).toBeCloseTo(3.06);
  });
});

describe("recordFailedExchange", () => {
  const modelError = (kind: "unreachable" | "timeout") =>
    new ModelError({ provider: "openai", model: "m", endpoint: "http://127.0.0.1:9/v1", attempts: 2, kind, message: `the server is ${kind}` });

  it("counts a generation failure as a model-server error of the provider and kind the error names", async () => {
    const unreachable = () => valueOf("cam_model_errors_total", "cam_model_errors_total", { provider: "openai", kind: "unreachable" });
    const failures = () => valueOf("cam_exchange_failures_total", "cam_exchange_failures_total", { stage: "generation", scenario: "unit-A" });
    const [unreachableBefore, failuresBefore] = [await unreachable(), await failures()];
    recordFailedExchange({ scenario, stage: "generation", error: modelError("unreachable") });
    expect(await unreachable()).toBe(unreachableBefore + 1);
    expect(await failures()).toBe(failuresBefore + 1);
  });

  it("counts an unexpected generation error against the scenario's provider, and other stages as no model error", async () => {
    const unexpected = () => valueOf("cam_model_errors_total", "cam_model_errors_total", { provider: "ollama", kind: "unexpected" });
    const before = await unexpected();
    recordFailedExchange({ scenario, stage: "generation", error: new TypeError("boom") });
    expect(await unexpected()).toBe(before + 1);
    const allModelErrors = async () => (await metricsRegistry().getSingleMetric("cam_model_errors_total")?.get())?.values.reduce((sum, value) => sum + value.value, 0);
    const totalBefore = await allModelErrors();
    recordFailedExchange({ scenario, stage: "retrieval", error: modelError("timeout") });
    expect(await allModelErrors()).toBe(totalBefore);
    expect(await valueOf("cam_exchange_failures_total", "cam_exchange_failures_total", { stage: "retrieval", scenario: "unit-A" })).toBeGreaterThan(0);
  });
});

describe("recordJudgeOutcome", () => {
  it("observes both scores of a scored answer and counts an unscored one as a failure", async () => {
    const judge = "unit-judge";
    recordJudgeOutcome({ status: "scored", judgeId: judge, helpfulness: 4, compliance: 2 });
    recordJudgeOutcome({ status: "scored", judgeId: judge, helpfulness: 5, compliance: 3 });
    recordJudgeOutcome({ status: "unscored", judgeId: judge });
    expect(await valueOf("cam_judge_compliance_score", "cam_judge_compliance_score_sum", { judge })).toBe(5);
    expect(await valueOf("cam_judge_compliance_score", "cam_judge_compliance_score_count", { judge })).toBe(2);
    // Cumulative buckets: one score at or below 2, both at or below 3.
    expect(await valueOf("cam_judge_compliance_score", "cam_judge_compliance_score_bucket", { judge, le: 2 })).toBe(1);
    expect(await valueOf("cam_judge_compliance_score", "cam_judge_compliance_score_bucket", { judge, le: 3 })).toBe(2);
    expect(await valueOf("cam_judge_helpfulness_score", "cam_judge_helpfulness_score_sum", { judge })).toBe(9);
    expect(await valueOf("cam_judge_failures_total", "cam_judge_failures_total", { judge })).toBe(1);
  });
});

describe("evaluation run outcomes", () => {
  it("calls a run with failed items failed, and a stopped run cancelled whatever failed", async () => {
    expect(evaluationRunOutcome({ cancelled: false, failedItems: 0 })).toBe("completed");
    expect(evaluationRunOutcome({ cancelled: false, failedItems: 2 })).toBe("failed");
    expect(evaluationRunOutcome({ cancelled: true, failedItems: 2 })).toBe("cancelled");
    const failed = () => valueOf("cam_evaluation_runs_finished_total", "cam_evaluation_runs_finished_total", { outcome: "failed" });
    const before = await failed();
    recordEvaluationRunFinished({ cancelled: false, failedItems: 1 });
    expect(await failed()).toBe(before + 1);
  });
});

describe("defineMetrics", () => {
  it("creates a set once per process, however often it is asked for", () => {
    let created = 0;
    const first = defineMetrics("unit-once", () => ({ created: ++created }));
    const second = defineMetrics("unit-once", () => ({ created: ++created }));
    expect(first()).toBe(second());
    expect(first()).toBe(first());
    expect(created).toBe(1);
  });
});

describe("checkMetricsToken", () => {
  const refusal = (authorization: string | null, expected: string | undefined) => {
    try {
      checkMetricsToken(authorization, expected);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    }
    return null;
  };

  it("accepts exactly the configured bearer token", () => {
    expect(refusal("Bearer s3cret-metrics-token", "s3cret-metrics-token")).toBeNull();
    expect(refusal("bearer s3cret-metrics-token", "s3cret-metrics-token")).toBeNull();
  });

  it("answers 401 for a missing, wrong, longer, shorter or differently sent token", () => {
    for (const header of [null, "", "Bearer wrong", "Bearer s3cret-metrics-token2", "Bearer s3cret", "s3cret-metrics-token", "Basic s3cret-metrics-token"]) {
      const error = refusal(header, "s3cret-metrics-token");
      expect(error?.status, String(header)).toBe(401);
      expect(error?.message).toMatch(/Authorization: Bearer <METRICS_TOKEN>/);
    }
  });

  it("reads METRICS_TOKEN from the environment as an optional secret", () => {
    expect(parseEnv({ METRICS_TOKEN: " s3cret-metrics-token " }).METRICS_TOKEN).toBe("s3cret-metrics-token");
    expect(parseEnv({ METRICS_TOKEN: "" }).METRICS_TOKEN).toBeUndefined();
    expect(parseEnv({}).METRICS_TOKEN).toBeUndefined();
  });

  it("answers 404 saying to set METRICS_TOKEN when none is configured, whatever is sent", () => {
    for (const header of [null, "Bearer anything"]) {
      const error = refusal(header, undefined);
      expect(error?.status).toBe(404);
      expect(error?.message).toMatch(/Set METRICS_TOKEN/);
    }
  });
});
