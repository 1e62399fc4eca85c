import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { Command } from "commander";
import { z } from "zod";
import { decodeAuditLogCursor, encodeAuditLogCursor } from "@/lib/audit/audit-log-cursor";
import { exportAuditLog } from "@/lib/audit/export-audit-log";
import { type ChainKind, chainKinds } from "@/lib/audit/chain/chain-content";
import { createCheckpoint, readCheckpoint } from "@/lib/audit/chain/chain-checkpoint";
import { verifyChain } from "@/lib/audit/chain/verify-chain";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { runCommand } from "../run-command";

const exportOptionsSchema = z
  .object({
    since: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time with a time zone, such as 2026-11-26T00:00:00Z" }).optional(),
    format: z.literal("jsonl", { error: "must be jsonl (JSON Lines), the only format for log shipping" }),
    cursor: z.string().min(1).optional(),
    out: z.string().min(1).optional(),
    kinds: z
      .string()
      .transform((text) => text.split(",").map((kind) => kind.trim()).filter(Boolean))
      .refine((kinds): kinds is ChainKind[] => kinds.length > 0 && kinds.every((kind) => (chainKinds as readonly string[]).includes(kind)), {
        error: `must be a comma-separated list of: ${chainKinds.join(", ")}`,
      })
      .optional(),
  })
  .refine((options) => options.since || options.cursor, { error: "is required: pass --since <ISO time> for a first export, or --cursor <token> to continue one", path: ["since"] });

/** Writes text, waiting when the stream's buffer is full so memory stays flat. */
async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

/** `cam audit export`: JSON Lines to a file or stdout, then the cursor to continue from on stderr. */
async function exportRecords(raw: Record<string, unknown>): Promise<number> {
  const options = exportOptionsSchema.parse(raw);
  const after = options.cursor ? decodeAuditLogCursor(options.cursor) : 0;
  const out = options.out ? createWriteStream(options.out) : process.stdout;
  let written = 0;
  let last = after;
  for await (const batch of exportAuditLog(getDb(), { since: options.since ? new Date(options.since) : undefined, after, kinds: options.kinds })) {
    for (const line of batch.lines) await write(out, line);
    written += batch.lines.length;
    last = batch.lastPosition;
  }
  if (options.out) {
    out.end();
    await once(out, "finish");
  }
  console.error(`Exported ${written} audit record(s)${written ? ` (to audit chain position ${last})` : ""}. Pass the cursor below as --cursor to continue after them.`);
  console.error(`next cursor: ${encodeAuditLogCursor(last)}`);
  return 0;
}

/** `cam audit ...`: prove the audit trail is intact. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("check and export the tamper-evident audit trail");

  audit
    .command("verify")
    .description("walk the audit chain and report the first record that was edited, deleted or reordered")
    .option("--checkpoint <file>", "a checkpoint from `cam audit checkpoint`, to also notice the newest records removed")
    .addHelpText("after", "\nExits 0 when the chain verifies, 1 when it does not (every problem is listed).")
    .action((options: { checkpoint?: string }) =>
      runCommand(async () => {
        const checkpoint = options.checkpoint ? await readCheckpoint(options.checkpoint) : undefined;
        const report = await verifyChain(getDb(), {
          keyring: getKeyring(env()),
          checkpoint,
          onProgress: (checked, total) => process.stderr.write(`\rchecked ${checked} of ${total} records`),
        });
        if (report.links) process.stderr.write("\n");
        if (report.problems.length) {
          console.log(`The audit chain does NOT verify. First problem:\n  ${report.problems[0]!.message}`);
          if (report.problems.length > 1) {
            console.log(`All problems found (${report.problems.length}):`);
            for (const problem of report.problems) console.log(`  - ${problem.message}`);
          }
          return 1;
        }
        const head = report.head ? `; head at position ${report.head.position}, hash ${report.head.hash}` : "";
        console.log(`The audit chain verifies: ${report.links} records${head}.`);
        if (!report.checkpointChecked) {
          console.log("No checkpoint was given, so removal of the newest records cannot be ruled out; pass --checkpoint <file> to check that too.");
        }
      }),
    );

  audit
    .command("export")
    .description("write the audit trail (exchanges, judge scores, review labels, reveals, admin changes; no sealed text) as JSON Lines, in audit-chain order, for a central log service")
    .option("--since <time>", "only records made at or after this ISO 8601 time (e.g. 2026-11-26T00:00:00Z)")
    .option("--kinds <kinds>", `only these kinds of record, comma-separated: ${chainKinds.join(", ")} (default: all)`)
    .option("--format <format>", "jsonl (one JSON record per line)", "jsonl")
    .option("--cursor <token>", "continue after the last record of an earlier export (the cursor it printed)")
    .option("--out <file>", "write to this file instead of stdout")
    .addHelpText("after", "\nEnds by printing `next cursor: <token>` on stderr; pass it as --cursor next time to ship only newer records.")
    .action((options: Record<string, unknown>) => runCommand(() => exportRecords(options)));

  audit
    .command("checkpoint")
    .description("write the chain's current head (position and hash) to a file, to keep somewhere safe")
    .requiredOption("--out <file>", "where to write the checkpoint (JSON)")
    .action((options: { out: string }) =>
      runCommand(async () => {
        const checkpoint = await createCheckpoint(getDb());
        await writeFile(options.out, `${JSON.stringify(checkpoint, null, 2)}\n`);
        console.log(`Wrote the checkpoint at position ${checkpoint.position} (hash ${checkpoint.hash}) to ${options.out}. Keep a copy away from this server.`);
      }),
    );
}
