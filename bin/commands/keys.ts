import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { generateKeyEntry, getKeyring } from "@/lib/privacy/encryption-keys";
import { countValuesByKey, rotateKeys } from "@/lib/privacy/rotate-keys";
import { runCommand } from "../run-command";

/** Puts a new key first in the key file, keeping the old ones so existing text still opens. */
function addKeyToFile(file: string): string {
  const entry = generateKeyEntry();
  const lines = readFileSync(file, "utf8").split("\n");
  const firstKey = lines.findIndex((line) => line.trim() && !line.startsWith("#"));
  lines.splice(firstKey < 0 ? lines.length : firstKey, 0, entry);
  writeFileSync(file, lines.join("\n"), { mode: 0o600 });
  return entry.split(":")[0]!;
}

/** `cam keys ...`: the keys that seal health information at rest. */
export function registerKeyCommands(program: Command): void {
  const keys = program.command("keys").description("encryption keys for questions, answers and prompts at rest");

  keys
    .command("generate")
    .description("print a new key entry (id:base64) to put first in CAM_ENCRYPTION_KEYS or the key file")
    .action(() => runCommand(async () => console.log(generateKeyEntry())));

  keys
    .command("status")
    .description("show the active key and how many stored values each key seals")
    .action(() =>
      runCommand(async () => {
        const keyring = getKeyring(env());
        console.log(`Active key: ${keyring.activeId}; keyring holds ${[...keyring.keys.keys()].join(", ")}.`);
        for (const [key, count] of Object.entries(await countValuesByKey(getDb()))) console.log(`  ${key.padEnd(34)} ${count}`);
      }),
    );

  keys
    .command("rotate")
    .description("re-seal every stored value with the active key, so older keys can be retired")
    .option("--new-key", "first add a newly generated key to the key file and make it active")
    .addHelpText(
      "after",
      "\nWith CAM_ENCRYPTION_KEYS: put the new key first (keep the old ones after it), restart the app, then run this.\n" +
        "With a key file: --new-key does the first step; running servers notice the changed file.\n" +
        "Afterwards `cam keys status` shows no values under the old keys, and they can be removed.",
    )
    .action((options: { newKey?: boolean }) =>
      runCommand(async () => {
        const config = env();
        if (options.newKey) {
          if (config.CAM_ENCRYPTION_KEYS) throw new AppError("bad_request", "--new-key adds to the key file, but keys come from CAM_ENCRYPTION_KEYS. Add a key from `cam keys generate` there instead.");
          getKeyring(config);
          console.log(`Added key ${addKeyToFile(config.CAM_ENCRYPTION_KEY_FILE)} to ${config.CAM_ENCRYPTION_KEY_FILE}.`);
        }
        const keyring = getKeyring(config);
        const resealed = await rotateKeys(getDb(), keyring, (column, done) => process.stderr.write(`\r${column}: ${done} re-sealed`));
        process.stderr.write("\n");
        const total = Object.values(resealed).reduce((sum, n) => sum + n, 0);
        console.log(`Re-sealed ${total} value(s) with key ${keyring.activeId}.`);
        for (const [key, count] of Object.entries(await countValuesByKey(getDb()))) console.log(`  ${key.padEnd(34)} ${count}`);
      }),
    );
}
