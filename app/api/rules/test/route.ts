import { runRuleTest } from "@/lib/config/run-rule-test";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { ruleTestBodySchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** Runs one (unsaved) rule on a sample question and answer: whether it fires, and the matched evidence. */
export const POST = route({
  access: "config.write",
  body: ruleTestBodySchema,
  handler: ({ body }) => runRuleTest(getDb(), body),
});
