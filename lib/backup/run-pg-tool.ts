import "server-only";
import { spawn } from "node:child_process";
import { AppError } from "@/lib/errors";

// Runs pg_dump or pg_restore against a PostgreSQL URL. The connection goes in
// libpq's PG* environment variables rather than the command line, so the
// password never shows in the process list; Prisma-only URL parameters such as
// ?schema= or ?connection_limit= (which libpq would reject) are left out.

/** URL query parameters libpq understands, and the variable each one sets. */
const LIBPQ_PARAMETERS: Record<string, string> = {
  host: "PGHOST",
  sslmode: "PGSSLMODE",
  sslrootcert: "PGSSLROOTCERT",
  sslcert: "PGSSLCERT",
  sslkey: "PGSSLKEY",
  application_name: "PGAPPNAME",
  options: "PGOPTIONS",
  connect_timeout: "PGCONNECT_TIMEOUT",
};

/** Lines of pg_dump's and pg_restore's output worth quoting when they fail. */
const PROBLEM = /\b(error|fatal|warning):/i;

/** libpq environment variables for a postgresql:// URL. */
export function libpqEnvironment(url: string): Record<string, string> {
  const parsed = new URL(url);
  const variables: Record<string, string> = {
    PGHOST: decodeURIComponent(parsed.hostname) || "localhost",
    PGPORT: parsed.port || "5432",
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)),
  };
  if (parsed.username) variables.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) variables.PGPASSWORD = decodeURIComponent(parsed.password);
  for (const [name, value] of parsed.searchParams) {
    const variable = LIBPQ_PARAMETERS[name];
    if (variable) variables[variable] = value;
  }
  return variables;
}

/**
 * Runs `tool` with `args` against the database at `url`. Lines of its verbose
 * output go to `onLine`; a failure is an AppError quoting the tool's errors.
 */
export function runPgTool(options: { tool: "pg_dump" | "pg_restore"; args: string[]; url: string; onLine?: (line: string) => void }): Promise<void> {
  // Not a setting read (env.ts owns those): the child gets this process's environment (PATH, locale) passed
  // through, minus any PG* variables, so a stray PGDATABASE or PGSERVICE cannot point the tool elsewhere.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("PG")));
  const child = spawn(options.tool, options.args, {
    env: { ...inherited, ...libpqEnvironment(options.url) } as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const errors: string[] = [];
  const hear = (line: string) => (PROBLEM.test(line) ? errors.push(line) : options.onLine?.(line));
  let pending = "";
  child.stderr.setEncoding("utf8").on("data", (text: string) => {
    const lines = (pending + text).split("\n");
    pending = lines.pop() ?? "";
    lines.forEach(hear);
  });
  return new Promise((resolve, reject) => {
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new AppError("config_invalid", `${options.tool} is not installed. Install the PostgreSQL client tools of your server's major version (Debian: apt-get install postgresql-client-15) and try again.`)
          : error,
      );
    });
    child.on("close", (code: number | null) => {
      if (pending) hear(pending);
      if (code === 0) return resolve();
      reject(new AppError("internal", `${options.tool} failed (exit code ${code}):\n${errors.map((line) => `  ${line}`).join("\n") || "  (it printed no error)"}`));
    });
  });
}
