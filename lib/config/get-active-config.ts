import "server-only";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { rulePackSchema } from "@/lib/schemas/rules";
import { settingsSchema } from "@/lib/schemas/settings";

// The rule pack and settings in force: the newest active version of each.
// Stored JSON is parsed with its schema, so a damaged version fails loudly
// instead of silently changing what is enforced.

const notSeeded = (what: string) =>
  new AppError("service_unavailable", `No active ${what} is installed. Run \`npm run cam -- db seed\`.`);

/** The active rule-set version and its rules. */
export async function getActiveRuleSet(db: Db) {
  const row = await db.ruleSetVersion.findFirst({ where: { status: "active" }, orderBy: { version: "desc" } });
  if (!row) throw notSeeded("rule pack");
  return { version: row.version, note: row.note, activatedAt: row.activatedAt, rules: rulePackSchema.parse(row.rules) };
}

/** The active settings version and its values, with defaults for settings added since it was saved. */
export async function getActiveSettings(db: Db) {
  const row = await db.settingsVersion.findFirst({ where: { status: "active" }, orderBy: { version: "desc" } });
  if (!row) throw notSeeded("settings version");
  return { version: row.version, note: row.note, activatedAt: row.activatedAt, values: settingsSchema.parse(row.values) };
}
