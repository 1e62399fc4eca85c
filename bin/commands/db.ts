import type { Command } from "commander";
import { getMigrationStatus, runMigrations } from "@/lib/database/run-migrations";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { seedDatabase } from "@/prisma/seed";
import { runCommand } from "../run-command";

const where = () => {
  const target = env().DATABASE_URL;
  return target.provider === "sqlite" ? `SQLite ${target.filePath}` : `PostgreSQL ${target.display}`;
};

/** `cam db ...`: schema migrations and seeding. */
export function registerDbCommands(program: Command): void {
  const db = program.command("db").description("set up and inspect the database named by DATABASE_URL");

  db.command("migrate")
    .description("apply pending schema migrations (safe to run on every start and from several instances)")
    .action(() =>
      runCommand(async () => {
        const applied = await runMigrations({
          target: env().DATABASE_URL,
          onApplied: (name) => console.log(`applied ${name}`),
        });
        console.log(applied.length ? `${where()}: ${applied.length} migration(s) applied.` : `${where()}: already up to date.`);
      }),
    );

  db.command("status")
    .description("list applied and pending migrations; exits 1 when some are pending")
    .action(() =>
      runCommand(async () => {
        const status = await getMigrationStatus(env().DATABASE_URL);
        console.log(`${where()}`);
        for (const name of status.applied) console.log(`  applied  ${name}`);
        for (const name of status.pending) console.log(`  pending  ${name}`);
        if (status.pending.length) console.log("Run `cam db migrate` to apply the pending migrations.");
        return status.pending.length ? 1 : 0;
      }),
    );

  db.command("seed")
    .description("install the default rule pack, settings, reference scenarios and a first admin account if missing")
    .addHelpText(
      "after",
      "\nThe admin account uses CAM_ADMIN_EMAIL and CAM_ADMIN_PASSWORD; without a password one is generated and printed once.",
    )
    .action(() =>
      runCommand(async () => {
        const config = env();
        const result = await seedDatabase(getDb(), {
          adminEmail: config.CAM_ADMIN_EMAIL,
          adminPassword: config.CAM_ADMIN_PASSWORD,
        });
        if (result.ruleSetVersion) console.log(`Installed the default rule pack as rule-set version ${result.ruleSetVersion}.`);
        if (result.settingsVersion) console.log(`Installed the default settings as settings version ${result.settingsVersion}.`);
        if (result.scenarios) console.log(`Installed the reference scenarios ${result.scenarios.join(", ")}.`);
        if (result.admin?.generatedPassword) {
          console.log(
            `Created the admin account ${result.admin.email} with the password:\n\n    ${result.admin.generatedPassword}\n\n` +
              "It is shown only this once; store it somewhere safe.",
          );
        } else if (result.admin) {
          console.log(`Created the admin account ${result.admin.email} with the password from CAM_ADMIN_PASSWORD.`);
        }
        if (!result.ruleSetVersion && !result.settingsVersion && !result.scenarios && !result.admin) {
          console.log("Nothing to seed: defaults are in place.");
        }
      }),
    );
}
