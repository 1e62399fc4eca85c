import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { exportConfig } from "@/lib/config/export-config";
import { getConfigAuthorOrThrow } from "@/lib/config/get-config-author-or-throw";
import { importConfig } from "@/lib/config/import-config";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { emailSchema } from "@/lib/schemas/users";
import { runCommand } from "../run-command";

/** Reads a JSON file, naming the file in every failure. */
async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new AppError("bad_request", `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check the path.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("bad_request", `${file} is not JSON (${(error as Error).message}). Pass a file written by \`cam config export\`.`);
  }
}

/** `cam config ...`: move rules and settings between installations as one document. */
export function registerConfigCommands(program: Command): void {
  const config = program.command("config").description("export and import the rules and settings as one versioned JSON document");

  config
    .command("export")
    .description("write the rule pack and settings in force, with a sha256 of their content")
    .option("--out <file>", "write to this file instead of standard output")
    .action((options: { out?: string }) =>
      runCommand(async () => {
        const document = await exportConfig(getDb());
        const text = `${JSON.stringify(document, null, 2)}\n`;
        if (!options.out) return void process.stdout.write(text);
        await writeFile(options.out, text);
        console.error(
          `Wrote rule pack v${document.source.ruleSetVersion} and settings v${document.source.settingsVersion} (sha256 ${document.sha256}) to ${options.out}.`,
        );
      }),
    );

  config
    .command("import")
    .description("read a document from `cam config export` and save what differs from the configuration in force as drafts")
    .argument("<file>", "the exported JSON document")
    .requiredOption("--author <email>", "the account the drafts are recorded under; someone else must approve them")
    .addHelpText("after", "\nNothing goes into force: a reviewer or admin who is not the author previews and approves the drafts on the admin rules and settings pages.")
    .action((file: string, options: { author: string }) =>
      runCommand(async () => {
        const db = getDb();
        const author = await getConfigAuthorOrThrow(db, emailSchema.parse(options.author));
        const imported = await importConfig(db, { actorId: author.id, document: await readJsonFile(file), source: file });
        for (const draft of [imported.rules, imported.settings]) if (draft) console.log(`${draft.summary}.`);
        if (!imported.rules) console.log("The rules equal the rule pack in force; no rule pack draft was made.");
        if (!imported.settings) console.log("The settings equal those in force; no settings draft was made.");
        console.log(`Recorded as drafts by ${author.email}. Someone else with the config.approve permission must preview and approve them before they go into force.`);
      }),
    );
}
