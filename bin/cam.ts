import { existsSync } from "node:fs";
import { Command } from "commander";
import { registerAuditCommands } from "./commands/audit";
import { registerBackupCommands } from "./commands/backup";
import { registerConfigCommands } from "./commands/config";
import { registerDbCommands } from "./commands/db";
import { registerKeyCommands } from "./commands/keys";
import { registerPipelineCommand } from "./commands/pipeline";
import { registerRetentionCommands } from "./commands/retention";
import { registerStoreCommands } from "./commands/store";
import { registerUserCommands } from "./commands/users";
import { setVerbose } from "./run-command";
import packageJson from "../package.json" with { type: "json" };

// Settings come from the environment; a .env file in the working directory
// fills in what the environment does not set (as Next.js does for the console).
if (existsSync(".env")) process.loadEnvFile(".env");

const program = new Command()
  .name("cam")
  .description("CAM (Corpus-Aware Monitor) command line. Settings come from the environment and .env (see .env.example).")
  .version(packageJson.version)
  .option("--verbose", "print stack traces for unexpected errors")
  .showHelpAfterError("(run with --help for usage)")
  .hook("preAction", (command) => setVerbose(Boolean(command.opts().verbose)));

registerDbCommands(program);
registerUserCommands(program);
registerStoreCommands(program);
registerPipelineCommand(program);
registerAuditCommands(program);
registerBackupCommands(program);
registerKeyCommands(program);
registerRetentionCommands(program);
registerConfigCommands(program);

await program.parseAsync(process.argv);
