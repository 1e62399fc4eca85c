import "server-only";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type RulePack, rulePackSchema } from "@/lib/schemas/rules";
import { type ScenarioDefinition, scenarioOptionsSchema } from "@/lib/schemas/scenarios";
import { type Settings, settingsSchema } from "@/lib/schemas/settings";

// The configuration in force: the newest active rule pack and settings
// version, and the enabled scenarios. Stored JSON is parsed with its schema, so
// a damaged version fails loudly instead of silently changing what is
// enforced. Parsing on every question would cost more than answering it, so
// the parsed configuration is reused for as long as one small query shows the
// versions unchanged; a change made by any instance is seen by the next question.

export type ActiveRuleSet = { version: number; note: string; activatedAt: Date | null; rules: RulePack };
export type ActiveSettings = { version: number; note: string; activatedAt: Date | null; values: Settings };
export type ActiveConfig = { ruleSet: ActiveRuleSet; settings: ActiveSettings; scenarios: ScenarioDefinition[] };

const notSeeded = (what: string) =>
  new AppError("service_unavailable", `No active ${what} is installed. Run \`npm run cam -- db seed\`.`);

type Fingerprint = { rules: number | bigint | null; settings: number | bigint | null; scenarios: string | null };

/** One query that changes whenever the active versions or any scenario change. */
async function fingerprint(db: Db): Promise<string> {
  const rows = await db.$queryRawUnsafe<Fingerprint[]>(
    `SELECT (SELECT max(version) FROM "RuleSetVersion" WHERE status = 'active') AS rules,
            (SELECT max(version) FROM "SettingsVersion" WHERE status = 'active') AS settings,
            (SELECT CAST(count(*) AS TEXT) || ':' || CAST(max("updatedAt") AS TEXT) FROM "Scenario") AS scenarios`,
  );
  const row = rows[0];
  return `${row?.rules ?? ""}|${row?.settings ?? ""}|${row?.scenarios ?? ""}`;
}

async function readConfig(db: Db): Promise<ActiveConfig> {
  const [rules, settings, scenarios] = await Promise.all([
    db.ruleSetVersion.findFirst({ where: { status: "active" }, orderBy: { version: "desc" } }),
    db.settingsVersion.findFirst({ where: { status: "active" }, orderBy: { version: "desc" } }),
    db.scenario.findMany({ where: { enabled: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }),
  ]);
  if (!rules) throw notSeeded("rule pack");
  if (!settings) throw notSeeded("settings version");
  return {
    ruleSet: { version: rules.version, note: rules.note, activatedAt: rules.activatedAt, rules: rulePackSchema.parse(rules.rules) },
    settings: { version: settings.version, note: settings.note, activatedAt: settings.activatedAt, values: settingsSchema.parse(settings.values) },
    scenarios: scenarios.map((scenario) => ({ ...scenario, options: scenarioOptionsSchema.parse(scenario.options ?? {}) })),
  };
}

const cache = new WeakMap<Db, { fingerprint: string; config: ActiveConfig }>();

/** The configuration in force, re-read only when it has changed. */
export async function getActiveConfig(db: Db): Promise<ActiveConfig> {
  const current = await fingerprint(db);
  const cached = cache.get(db);
  if (cached?.fingerprint === current) return cached.config;
  const config = await readConfig(db);
  cache.set(db, { fingerprint: current, config });
  return config;
}

/** The active rule-set version and its rules. */
export async function getActiveRuleSet(db: Db): Promise<ActiveRuleSet> {
  return (await getActiveConfig(db)).ruleSet;
}

/** The active settings version and its values, with defaults for settings added since it was saved. */
export async function getActiveSettings(db: Db): Promise<ActiveSettings> {
  return (await getActiveConfig(db)).settings;
}
