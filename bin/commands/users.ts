import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { getDb } from "@/lib/db";
import { createUserBodySchema } from "@/lib/schemas/users";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { runCommand } from "../run-command";

async function readFirstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return "";
}

/** `cam users ...`: accounts from the command line. */
export function registerUserCommands(program: Command): void {
  const users = program.command("users").description("manage console accounts");

  users
    .command("create")
    .description("create an account")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--name <name>", "display name")
    .requiredOption("--role <role>", "clinician, reviewer or admin")
    .option("--password-stdin", "read the password from the first line of standard input instead of generating one")
    .addHelpText("after", "\nWithout --password-stdin a password is generated and printed once.")
    .action((options: { email: string; name: string; role: string; passwordStdin?: boolean }) =>
      runCommand(async () => {
        const generated = options.passwordStdin ? undefined : randomBytes(18).toString("base64url");
        const password = generated ?? (await readFirstLine());
        const input = createUserBodySchema.parse({ ...options, password });
        const user = await createUser(getDb(), input, null);
        console.log(`Created the ${user.role} account ${user.email} (id ${user.id}).`);
        if (generated) console.log(`Password (shown only this once):\n\n    ${generated}\n`);
      }),
    );

  users
    .command("list")
    .description("list accounts with their roles and last sign-in")
    .action(() =>
      runCommand(async () => {
        const rows = await listUsers(getDb());
        if (rows.length === 0) console.log("No accounts yet. Run `cam db seed` or `cam users create`.");
        for (const user of rows) {
          const state = user.disabledAt ? "disabled" : "active";
          const seen = user.lastSignInAt ? user.lastSignInAt.toISOString() : "never signed in";
          console.log(`${user.email.padEnd(32)} ${user.role.padEnd(10)} ${state.padEnd(9)} ${seen}`);
        }
      }),
    );
}
