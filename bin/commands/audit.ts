import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { createCheckpoint, readCheckpoint } from "@/lib/audit/chain/chain-checkpoint";
import { verifyChain } from "@/lib/audit/chain/verify-chain";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { runCommand } from "../run-command";

/** `cam audit ...`: prove the audit trail is intact. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("check the tamper-evident audit trail");

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
