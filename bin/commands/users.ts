import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/auth/api-keys";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { emailSchema } from "@/lib/schemas/users";
import { createUserBodySchema } from "@/lib/schemas/users";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { unlinkSso } from "@/lib/users/unlink-sso";
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
          const sso = user.oidcSubject ? "  single sign-on linked" : "";
          console.log(`${user.email.padEnd(32)} ${user.role.padEnd(10)} ${state.padEnd(9)} ${seen}${sso}`);
        }
      }),
    );

  users
    .command("unlink-sso")
    .description("unlink an account from its single sign-on identity and sign it out everywhere; its next single sign-on with a verified email links it again")
    .requiredOption("--email <email>", "the account")
    .action((options: { email: string }) =>
      runCommand(async () => {
        const db = getDb();
        const email = emailSchema.parse(options.email);
        const user = await db.user.findUnique({ where: { email }, select: { id: true } });
        if (!user) throw new AppError("not_found", `There is no account ${email}. List accounts with \`cam users list\`.`);
        await unlinkSso(db, { userId: user.id, actorId: null });
        console.log(`Unlinked ${email} from its single sign-on identity and signed it out everywhere. Its next single sign-on with a verified email address links it again.`);
      }),
    );

  const keys = users.command("api-key").description("API keys for scripts and the OpenAI-compatible endpoint (/v1/chat/completions)");

  keys
    .command("create")
    .description("create an API key for an account; the key is printed once")
    .requiredOption("--email <email>", "the account the key acts as")
    .requiredOption("--name <name>", "what the key is for, e.g. \"nightly evaluation\"")
    .action((options: { email: string; name: string }) =>
      runCommand(async () => {
        const db = getDb();
        const email = emailSchema.parse(options.email);
        const user = await db.user.findUnique({ where: { email } });
        if (!user) throw new AppError("not_found", `There is no account ${email}. List accounts with \`cam users list\`.`);
        const created = await createApiKey(db, { userId: user.id, name: options.name.trim() || "unnamed", actorId: null });
        console.log(`Created API key "${created.name}" (id ${created.id}) for ${email}. The key, shown only this once:\n\n    ${created.key}\n`);
        console.log("Send it as: Authorization: Bearer <key>");
      }),
    );

  keys
    .command("list")
    .description("list API keys (never the keys themselves)")
    .option("--email <email>", "only this account's keys")
    .action((options: { email?: string }) =>
      runCommand(async () => {
        const db = getDb();
        const user = options.email ? await db.user.findUnique({ where: { email: emailSchema.parse(options.email) } }) : null;
        if (options.email && !user) throw new AppError("not_found", `There is no account ${options.email}.`);
        const rows = await listApiKeys(db, { userId: user?.id });
        if (rows.length === 0) console.log("No API keys.");
        for (const key of rows) {
          const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : key.lastUsedAt ? `last used ${key.lastUsedAt.toISOString()}` : "never used";
          console.log(`${key.id}  ${`${key.prefix}…`.padEnd(12)} ${key.user.email.padEnd(28)} ${key.name.padEnd(24)} ${state}`);
        }
      }),
    );

  keys
    .command("revoke")
    .description("revoke an API key at once")
    .argument("<id>", "the key's id, from `cam users api-key list`")
    .action((id: string) =>
      runCommand(async () => {
        await revokeApiKey(getDb(), { id, actorId: null });
        console.log(`Revoked API key ${id}.`);
      }),
    );
}
