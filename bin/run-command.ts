import { ZodError } from "zod";
import { describeDatabaseError } from "@/lib/database/describe-database-error";
import { closeDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// How every command ends: expected failures print one clear message on stderr
// and exit 1 (2 for bad arguments); unexpected ones also print their stack
// when --verbose is given.

export let verbose = false;

/** Turns on stack traces for unexpected errors. */
export function setVerbose(on: boolean): void {
  verbose = on;
}

/** Runs a command body and exits with the right code and message. */
export async function runCommand(body: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await body()) ?? 0;
  } catch (error) {
    process.exitCode = report(explain(error));
  } finally {
    await closeDb().catch(() => undefined);
  }
}

/** Database errors become one sentence naming the database; the configuration is valid by then. */
function explain(error: unknown): unknown {
  if (error instanceof AppError || error instanceof ZodError) return error;
  try {
    return describeDatabaseError(env().DATABASE_URL, error);
  } catch {
    return error;
  }
}

function report(error: unknown): number {
  if (error instanceof ZodError) {
    for (const issue of error.issues) console.error(`cam: ${issue.path.join(".") || "input"} ${issue.message}`);
    return 2;
  }
  if (error instanceof AppError) {
    console.error(`cam: ${error.message}`);
    if (verbose && error.cause) console.error(error.cause);
    return 1;
  }
  console.error(`cam: ${(error as Error)?.message ?? String(error)}`);
  console.error(verbose ? error : "Run the command again with --verbose for details.");
  return 1;
}
