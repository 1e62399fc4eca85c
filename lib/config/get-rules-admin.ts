import "server-only";
import { builtinChecks } from "@/lib/compliance/builtin-checks";
import { getActiveRuleSet } from "@/lib/config/get-active-config";
import type { Db } from "@/lib/db";
import type { RulePack } from "@/lib/schemas/rules";

/** The rule pack in force as the rules page edits it, with the built-in checks a rule can name. */
export type RulesAdmin = { version: number; note: string; activatedAt: string | null; rules: RulePack; builtinChecks: string[] };

/** The active rule pack for the admin page and GET /api/rules. */
export async function getRulesAdmin(db: Db): Promise<RulesAdmin> {
  const ruleSet = await getActiveRuleSet(db);
  return {
    version: ruleSet.version,
    note: ruleSet.note,
    activatedAt: ruleSet.activatedAt?.toISOString() ?? null,
    rules: ruleSet.rules,
    builtinChecks: Object.keys(builtinChecks).sort(),
  };
}
