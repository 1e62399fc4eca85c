import "server-only";
import { existsSync, readFileSync } from "node:fs";
import { assertDrafts, type ConfigVersions, getConfigWith } from "@/lib/config/get-config-with";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { JudgeConfig } from "@/lib/judges/judge-config";
import type { ScenarioDefinition } from "@/lib/schemas/scenarios";

// What a batch evaluation will do, checked before anything runs: the
// questions, the scenarios, the judges, and any draft rule pack or settings
// it tries instead of those in force. Anything missing stops the run
// with a message that says what to do; a judge that cannot run (no
// credentials) is left out with a warning instead.

export type EvaluationPlan = {
  questions: string[];
  scenarios: ScenarioDefinition[];
  judges: JudgeConfig[];
  warnings: string[];
  /** Draft versions answered under instead of those in force ({} for none). */
  configVersions: ConfigVersions;
};

/** The questions in a file: one per line; blank lines and lines starting with # are skipped. */
export function readQuestions(path: string): string[] {
  if (!existsSync(path)) throw new AppError("not_found", `The questions file ${path} does not exist. Pass --questions <file>, one question per line.`);
  const questions = readFileSync(path, "utf8")
    .split(/\r?\n/)
    .map((line) => line.replace(/\\'/g, "'").trim())
    .filter((line) => line && !line.startsWith("#"));
  if (questions.length === 0) throw new AppError("validation_failed", `${path} has no questions. Put one question per line.`);
  return questions;
}

/** Checks the request against the configuration it will run under (in force, or with the drafts tried) and returns the plan. */
export async function planEvaluation(options: {
  db: Db;
  questions: string[];
  scenarioIds?: string[];
  judgeIds?: string[];
  noJudges?: boolean;
  /** Drafts to try instead of the versions in force. */
  drafts?: ConfigVersions;
  /** Why a judge cannot run, or undefined when it can. */
  judgeProblem: (judge: JudgeConfig) => string | undefined;
}): Promise<EvaluationPlan> {
  const configVersions = options.drafts ?? {};
  await assertDrafts(options.db, configVersions);
  const { scenarios: enabled, settings } = await getConfigWith(options.db, configVersions);
  const scenarios = options.scenarioIds
    ? options.scenarioIds.map((id) => {
        const scenario = enabled.find((candidate) => candidate.id === id);
        if (!scenario) {
          throw new AppError("not_found", `There is no enabled scenario "${id}". Choose from: ${enabled.map((candidate) => candidate.id).join(", ") || "(none)"}.`);
        }
        return scenario;
      })
    : enabled;
  if (scenarios.length === 0) throw new AppError("not_found", "No scenarios are enabled. Ask an administrator to enable one.");

  const configured = settings.values.judges.models;
  const requested = options.noJudges
    ? []
    : options.judgeIds
      ? options.judgeIds.map((id) => {
          const judge = configured.find((candidate) => candidate.id === id);
          if (!judge) throw new AppError("not_found", `There is no judge "${id}". Configured judges: ${configured.map((candidate) => candidate.id).join(", ") || "(none)"}.`);
          return judge;
        })
      : configured.filter((judge) => judge.enabled);
  const warnings: string[] = [];
  const judges = requested.filter((judge) => {
    const problem = options.judgeProblem(judge);
    if (problem) warnings.push(`Judge "${judge.id}" is disabled for this run: ${problem}`);
    return !problem;
  });
  return { questions: options.questions, scenarios, judges, warnings, configVersions };
}
