import "server-only";
import { assertKnownBuiltins } from "@/lib/config/assert-known-builtins";
import { getActiveSettings } from "@/lib/config/get-active-config";
import { type RuleTestResult, testRule } from "@/lib/config/test-rule";
import type { Db } from "@/lib/db";
import type { RuleTestBody } from "@/lib/schemas/config-changes";

/** Runs one rule on sample texts with the disclaimer in force (for the missing-disclaimer check). Assumes a validated body. */
export async function runRuleTest(db: Db, body: RuleTestBody): Promise<RuleTestResult> {
  assertKnownBuiltins([body.rule], () => "rule");
  const settings = await getActiveSettings(db);
  return testRule({ rule: body.rule, question: body.question, answer: body.answer, disclaimer: settings.values.answer.disclaimer });
}
