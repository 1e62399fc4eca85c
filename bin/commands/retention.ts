import type { Command } from "commander";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { applyRetention } from "@/lib/privacy/apply-retention";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { runCommand } from "../run-command";

const DAY_MS = 24 * 60 * 60 * 1000;

/** `cam retention ...`: destroy stored health information older than the retention period. */
export function registerRetentionCommands(program: Command): void {
  program
    .command("retention")
    .description("destroy the sealed text of exchanges older than the retention period (RETENTION_DAYS)")
    .option("--days <n>", "retention period in days, instead of RETENTION_DAYS")
    .option("--dry-run", "only report what would be destroyed")
    .addHelpText("after", "\nRedacted text, decisions, rules fired and timings are kept, and the audit chain still verifies.\nRun it daily, e.g. from cron: 15 2 * * * cd /srv/cam && npx cam retention")
    .action((options: { days?: string; dryRun?: boolean }) =>
      runCommand(async () => {
        const days = options.days === undefined ? env().RETENTION_DAYS : Number(options.days);
        if (days === undefined) throw new AppError("bad_request", "No retention period: set RETENTION_DAYS or pass --days <n>.");
        if (!Number.isInteger(days) || days < 1) throw new AppError("bad_request", `--days must be a whole number of days, at least 1 (got ${options.days}).`);
        const cutoff = new Date(Date.now() - days * DAY_MS);
        const report = await applyRetention(getDb(), {
          keyring: getKeyring(env()),
          cutoff,
          dryRun: Boolean(options.dryRun),
          onProgress: (done) => process.stderr.write(`\r${done} exchanges`),
        });
        if (report.exchanges) process.stderr.write("\n");
        const verb = report.dryRun ? "Would destroy" : "Destroyed";
        const range = report.oldest ? `, created ${report.oldest.toISOString()} to ${report.newest!.toISOString()}` : "";
        console.log(`${verb} ${report.values} sealed value(s) in ${report.exchanges} exchange(s) older than ${cutoff.toISOString()} (${days} days)${range}.`);
        if (report.dryRun && report.exchanges) console.log("Nothing was changed. Run without --dry-run to destroy them.");
      }),
    );
}
