import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMetrics } from "@/lib/metrics/render-metrics";
import { declaredSeriesNames } from "../support/prometheus-text";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// The alerting rules shipped in ops/prometheus: valid for Prometheus, their
// unit tests pass under promtool, and every metric they read is one CAM
// exports. CI installs promtool and sets CAM_REQUIRE_PROMTOOL=1, so these
// checks cannot silently skip there.

const RULES_DIR = join(process.cwd(), "ops", "prometheus");
const RULES = "cam-alerts.yml";
const RULE_TESTS = "cam-alerts.test.yml";

const promtoolFound = spawnSync("promtool", ["--version"]).status === 0;
const promtoolRequired = process.env.CAM_REQUIRE_PROMTOOL === "1";
const withPromtool = it.skipIf(!promtoolFound && !promtoolRequired);
const needsPromtool = promtoolFound || promtoolRequired ? "" : " (skipped: promtool is not installed; apt-get install prometheus)";

function promtool(args: string[]): { status: number | null; output: string } {
  if (!promtoolFound) throw new Error("CAM_REQUIRE_PROMTOOL=1 but promtool is not on PATH: apt-get install --no-install-recommends prometheus");
  const result = spawnSync("promtool", args, { cwd: RULES_DIR, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error?.message ?? ""}` };
}

/** The cam_ series names a rules or rule-test file mentions. */
const camNamesIn = (file: string) => [...new Set(readFileSync(join(RULES_DIR, file), "utf8").match(/\bcam_[a-z_]+\b/g) ?? [])].sort();

describe("Prometheus alerting rules", () => {
  withPromtool(`are valid rules${needsPromtool}`, () => {
    const result = promtool(["check", "rules", RULES]);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/SUCCESS: 5 rules found/);
  });

  withPromtool(`fire and stay quiet as their unit tests say${needsPromtool}`, () => {
    const result = promtool(["test", "rules", RULE_TESTS]);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/SUCCESS/);
  });

  describe("read only metrics CAM exports", () => {
    let database: TestDatabase;
    let exported: Set<string>;

    beforeAll(async () => {
      database = await createTestDatabase("sqlite", { migrate: true });
      const { text } = await renderMetrics(database.db());
      exported = declaredSeriesNames(text);
    });
    afterAll(() => database.drop());

    it("in the alert expressions", () => {
      const used = camNamesIn(RULES);
      expect(used.length).toBeGreaterThanOrEqual(8);
      expect(used.filter((name) => !exported.has(name))).toEqual([]);
    });

    it("in the rules' unit tests", () => {
      expect(camNamesIn(RULE_TESTS).filter((name) => !exported.has(name))).toEqual([]);
    });
  });
});
