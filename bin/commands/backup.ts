import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import type { BackupManifest } from "@/lib/backup/backup-manifest";
import type { BackupProgress, OnProgress } from "@/lib/backup/backup-progress";
import { createBackup } from "@/lib/backup/create-backup";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { getDb } from "@/lib/db";
import { type Env, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import packageJson from "../../package.json" with { type: "json" };
import { runCommand } from "../run-command";

const show = (path: string) => relative(process.cwd(), path) || ".";
const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

function keysWarning(config: Env): string {
  const where = config.CAM_ENCRYPTION_KEYS ? "CAM_ENCRYPTION_KEYS" : `the key file ${show(config.CAM_ENCRYPTION_KEY_FILE)}`;
  return (
    `The encryption keys are NOT in the backup. Back up ${where} separately and keep it apart from the backups: ` +
    "without the keys the sealed questions and answers cannot be read, and whoever holds both can read them."
  );
}

function describeProgress(progress: BackupProgress): string {
  const count =
    progress.total === undefined
      ? ""
      : progress.unit === "bytes"
        ? ` ${megabytes(progress.done ?? 0)} of ${megabytes(progress.total)}`
        : ` ${progress.done ?? 0} of ${progress.total} ${progress.unit ?? ""}`.trimEnd();
  return `${progress.step}:${count}${progress.detail ? ` ${progress.detail}` : ""}`;
}

/**
 * Progress on stderr: rewritten in place on a terminal; elsewhere (cron, CI
 * logs) one line per table or finished step, so logs stay short.
 */
function progressPrinter(): { onProgress: OnProgress; end: () => void } {
  const terminal = process.stderr.isTTY;
  let open = false;
  return {
    onProgress(progress) {
      const text = describeProgress(progress);
      if (terminal) {
        process.stderr.write(`\r\x1b[2K${text}`);
        open = true;
      } else if (progress.total === undefined || progress.done === progress.total) {
        process.stderr.write(`${text}\n`);
      }
    },
    end() {
      if (open) process.stderr.write("\n");
      open = false;
    },
  };
}

function describeDatabase(manifest: BackupManifest, config: Env): string {
  const target = config.DATABASE_URL;
  const where = target.provider === "sqlite" ? `SQLite ${show(target.filePath)}` : `PostgreSQL ${target.display}`;
  const head = manifest.database.auditChainHead;
  return `${where}, ${manifest.database.migrations.length} migrations, audit chain ${head ? `head at position ${head.position} (hash ${head.hash})` : "empty"}`;
}

async function backup(options: { out: string }): Promise<number> {
  const config = env();
  const progress = progressPrinter();
  const outDir = resolve(options.out);
  const manifest = await createBackup({
    target: config.DATABASE_URL,
    storeDir: config.RAG_STORE_DIR,
    outDir,
    camVersion: packageJson.version,
    onProgress: progress.onProgress,
  }).finally(progress.end);
  const storeFiles = manifest.files.filter((file) => file.path.startsWith(`${manifest.store?.folder}/`)).length;
  console.log(`Backed up to ${show(outDir)}:`);
  console.log(`  database: ${describeDatabase(manifest, config)}`);
  console.log(
    manifest.store
      ? `  retrieval store: ${storeFiles} files from ${show(config.RAG_STORE_DIR)}, ${manifest.store.digest ? "digest included" : "no digest in it (`cam digest` writes one)"}`
      : `  retrieval store: none at ${show(config.RAG_STORE_DIR)}, so none backed up`,
  );
  console.log(`  manifest.json: size and sha256 of all ${manifest.files.length} files, checked by \`cam restore\``);
  console.log(keysWarning(config));
  return 0;
}

async function restore(options: { from: string; force?: boolean }): Promise<number> {
  const config = env();
  // Keys first: getKeyring would create a fresh key file, under which the restored records could not be read.
  if (!config.CAM_ENCRYPTION_KEYS && !existsSync(config.CAM_ENCRYPTION_KEY_FILE)) {
    throw new AppError(
      "config_invalid",
      `No encryption keys: CAM_ENCRYPTION_KEYS is unset and ${show(config.CAM_ENCRYPTION_KEY_FILE)} does not exist. Backups do not hold the keys; ` +
        "put back the key file (or set CAM_ENCRYPTION_KEYS) that was in use when the backup was made, then run the restore again. Nothing was restored.",
    );
  }
  const progress = progressPrinter();
  const report = await restoreBackup({
    db: getDb(),
    target: config.DATABASE_URL,
    storeDir: config.RAG_STORE_DIR,
    fromDir: resolve(options.from),
    force: Boolean(options.force),
    keyring: getKeyring(config),
    onProgress: progress.onProgress,
  }).finally(progress.end);
  const { manifest, chain, store } = report;
  console.log(`Restored the backup of ${manifest.createdAt} (CAM ${manifest.camVersion}) from ${show(resolve(options.from))}.`);
  if (report.migrationsApplied.length) console.log(`Applied ${report.migrationsApplied.length} newer migration(s): ${report.migrationsApplied.join(", ")}.`);
  const chainProblems = [...chain.problems.map((problem) => problem.message), ...report.chainProblems];
  console.log(
    chainProblems.length
      ? `The audit chain does NOT verify (${chainProblems.length} problem(s)):\n${chainProblems.map((problem) => `  - ${problem}`).join("\n")}`
      : `The audit chain verifies: ${chain.links} records${chain.head ? `, head at position ${chain.head.position}` : ""}, as in the backup.`,
  );
  if (!store) console.log("The backup held no retrieval store; build one with `cam ingest`.");
  else if (store.ok) console.log(`The retrieval store is valid: version ${store.facts.version ?? "unknown"}, ${store.facts.chunks ?? 0} chunks.`);
  else console.log(`The retrieval store is NOT valid:\n${store.problems.map((problem) => `  - ${problem}`).join("\n")}`);
  if (!report.ok) {
    console.log(
      "The restore did NOT verify. If records are unreadable, configure the encryption keys that were in use when the backup was made and run " +
        "`cam restore --force` again; otherwise restore an earlier backup. Do not start CAM on this data.",
    );
    return 1;
  }
  console.log(`The restore verified. ${keysWarning(config)}`);
  return 0;
}

/** `cam backup` and `cam restore`: the database, the retrieval store and a checksummed manifest. */
export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description("back up the database and the retrieval store (with its digest) into a new folder; safe while CAM runs")
    .requiredOption("--out <dir>", "a new or empty folder to write the backup into")
    .addHelpText("after", "\nThe encryption keys are NOT included: back them up separately. See docs/backups.md.")
    .action((options: { out: string }) => runCommand(() => backup(options)));

  program
    .command("restore")
    .description("restore a backup into DATABASE_URL and RAG_STORE_DIR, then verify the audit chain and the store")
    .requiredOption("--from <dir>", "a folder written by `cam backup`")
    .option("--force", "replace a database or store that already holds data")
    .addHelpText("after", "\nStop CAM first. Exits 0 only when every checksum matched and the restored chain and store verify.")
    .action((options: { from: string; force?: boolean }) => runCommand(() => restore(options)));
}
