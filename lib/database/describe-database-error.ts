import "server-only";
import { AppError } from "@/lib/errors";
import type { DatabaseTarget } from "@/lib/env";

// Turns driver errors (pg, better-sqlite3, Prisma adapters) into one clear
// sentence that names the database and what to do. Anything unrecognised
// passes through unchanged so it is logged with its stack.

type ErrorFields = { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };

/** Collects the codes and messages of an error, its causes and any aggregated errors. */
function collect(error: unknown, depth = 0): { codes: string[]; messages: string[] } {
  if (!error || typeof error !== "object" || depth > 5) return { codes: [], messages: [] };
  const fields = error as ErrorFields;
  const codes = typeof fields.code === "string" ? [fields.code] : [];
  const messages = typeof fields.message === "string" ? [fields.message] : [];
  const nested = [fields.cause, ...(Array.isArray(fields.errors) ? fields.errors : [])];
  for (const inner of nested) {
    const found = collect(inner, depth + 1);
    codes.push(...found.codes);
    messages.push(...found.messages);
  }
  return { codes, messages };
}

function describePostgres(target: Extract<DatabaseTarget, { provider: "postgresql" }>, error: unknown) {
  const { codes, messages } = collect(error);
  const text = messages.join(" | ");
  const url = new URL(target.url);
  const where = `PostgreSQL at ${url.hostname}:${url.port || "5432"}`;
  const database = decodeURIComponent(url.pathname.slice(1));
  const user = decodeURIComponent(url.username) || "(default user)";
  const fix = "Start it, or correct DATABASE_URL.";

  if (codes.includes("ECONNREFUSED")) return `Cannot reach ${where}: connection refused. ${fix}`;
  if (codes.includes("ENOTFOUND") || codes.includes("EAI_AGAIN")) {
    return `Cannot resolve the host "${url.hostname}" in DATABASE_URL. Correct the host name.`;
  }
  if (codes.includes("ETIMEDOUT") || /timeout/i.test(text)) return `${where} did not answer in time. ${fix}`;
  if (codes.includes("3D000")) {
    return `The database "${database}" does not exist on ${where}. Create it (createdb ${database}) or correct DATABASE_URL.`;
  }
  if (codes.includes("28P01") || codes.includes("28000")) {
    return `${where} refused the login for user "${user}". Check the user and password in DATABASE_URL.`;
  }
  if (codes.includes("ECONNRESET") || /terminat|Connection terminated/i.test(text)) {
    return `The connection to ${where} was closed unexpectedly. Check that the server is running and accepts connections.`;
  }
  return undefined;
}

function describeSqlite(target: Extract<DatabaseTarget, { provider: "sqlite" }>, error: unknown) {
  const { codes, messages } = collect(error);
  const text = messages.join(" | ");
  const file = target.filePath;
  if (codes.includes("SQLITE_CANTOPEN") || /unable to open database|directory does not exist/i.test(text)) {
    return `Cannot open the SQLite database ${file}. Check that its folder exists and is writable, or correct DATABASE_URL.`;
  }
  if (codes.includes("SQLITE_READONLY") || codes.includes("EACCES")) {
    return `The SQLite database ${file} is read-only for this user. Fix its permissions or choose another path in DATABASE_URL.`;
  }
  if (codes.includes("SQLITE_NOTADB") || /not a database/i.test(text)) {
    return `${file} is not a SQLite database. Point DATABASE_URL at a database file, or move this file away.`;
  }
  if (codes.includes("SQLITE_BUSY") || /database is locked/i.test(text)) {
    return `The SQLite database ${file} is locked by another process. Try again, or stop the other process.`;
  }
  return undefined;
}

/** An AppError("service_unavailable") for connection problems; the original error otherwise. */
export function describeDatabaseError(target: DatabaseTarget, error: unknown): unknown {
  if (error instanceof AppError) return error;
  const message =
    target.provider === "postgresql" ? describePostgres(target, error) : describeSqlite(target, error);
  return message ? new AppError("service_unavailable", message, { cause: error }) : error;
}
