import "server-only";
import { AppError } from "@/lib/errors";
import type { DatabaseTarget } from "@/lib/env";

// Turns driver errors (pg, better-sqlite3, Prisma and its driver adapters) into
// one clear sentence that names the database and what to do. Anything
// unrecognised passes through unchanged so it is logged with its stack.

type Problem = "refused" | "unreachable" | "unknown_host" | "timeout" | "no_database" | "login" | "closed"
  | "cannot_open" | "read_only" | "not_a_database" | "locked";

/** Error codes and kinds from pg (Node and PostgreSQL codes), Prisma (P1xxx) and Prisma's driver adapters. */
const problemByCode: Record<string, Problem> = {
  ECONNREFUSED: "refused",
  P1001: "unreachable",
  DatabaseNotReachable: "unreachable",
  ENOTFOUND: "unknown_host",
  EAI_AGAIN: "unknown_host",
  ETIMEDOUT: "timeout",
  P1002: "timeout",
  SocketTimeout: "timeout",
  "3D000": "no_database",
  P1003: "no_database",
  DatabaseDoesNotExist: "no_database",
  "28P01": "login",
  "28000": "login",
  P1000: "login",
  AuthenticationFailed: "login",
  DatabaseAccessDenied: "login",
  ECONNRESET: "closed",
  P1017: "closed",
  ConnectionClosed: "closed",
  SQLITE_CANTOPEN: "cannot_open",
  SQLITE_READONLY: "read_only",
  EACCES: "read_only",
  SQLITE_NOTADB: "not_a_database",
  SQLITE_BUSY: "locked",
};

/** Finds the first recognised code anywhere in an error, its causes, aggregated errors or Prisma metadata. */
function findProblem(error: unknown, depth = 0): Problem | undefined {
  if (!error || typeof error !== "object" || depth > 6) return undefined;
  const fields = error as Record<string, unknown>;
  for (const key of ["code", "kind", "originalCode"]) {
    const value = fields[key];
    if (typeof value === "string" && problemByCode[value]) return problemByCode[value];
  }
  const message = typeof fields.message === "string" ? fields.message : "";
  if (/timeout/i.test(message)) return "timeout";
  if (/Connection terminated/i.test(message)) return "closed";
  const nested = [fields.cause, fields.meta, fields.driverAdapterError, ...(Array.isArray(fields.errors) ? fields.errors : [])];
  for (const inner of nested) {
    const found = findProblem(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function postgresMessage(target: Extract<DatabaseTarget, { provider: "postgresql" }>, problem: Problem) {
  const url = new URL(target.url);
  const where = `PostgreSQL at ${url.hostname}:${url.port || "5432"}`;
  const database = decodeURIComponent(url.pathname.slice(1));
  const user = decodeURIComponent(url.username) || "(default user)";
  const fix = "Start it, or correct DATABASE_URL.";
  switch (problem) {
    case "refused":
      return `Cannot reach ${where}: connection refused. ${fix}`;
    case "unreachable":
      return `Cannot reach ${where}. ${fix}`;
    case "unknown_host":
      return `Cannot resolve the host "${url.hostname}" in DATABASE_URL. Correct the host name.`;
    case "timeout":
      return `${where} did not answer in time. ${fix}`;
    case "no_database":
      return `The database "${database}" does not exist on ${where}. Create it (createdb ${database}) or correct DATABASE_URL.`;
    case "login":
      return `${where} refused the login for user "${user}". Check the user and password in DATABASE_URL.`;
    case "closed":
      return `The connection to ${where} was closed unexpectedly. Check that the server is running and accepts connections.`;
    default:
      return undefined;
  }
}

function sqliteMessage(target: Extract<DatabaseTarget, { provider: "sqlite" }>, problem: Problem) {
  const file = target.filePath;
  switch (problem) {
    case "cannot_open":
      return `Cannot open the SQLite database ${file}. Check that its folder exists and is writable, or correct DATABASE_URL.`;
    case "read_only":
      return `The SQLite database ${file} is read-only for this user. Fix its permissions or choose another path in DATABASE_URL.`;
    case "not_a_database":
      return `${file} is not a SQLite database. Point DATABASE_URL at a database file, or move this file away.`;
    case "locked":
      return `The SQLite database ${file} is locked by another process. Try again, or stop the other process.`;
    default:
      return undefined;
  }
}

/** An AppError("service_unavailable") for connection problems; the original error otherwise. */
export function describeDatabaseError(target: DatabaseTarget, error: unknown): unknown {
  if (error instanceof AppError) return error;
  const problem = findProblem(error);
  if (!problem) return error;
  const message = target.provider === "postgresql" ? postgresMessage(target, problem) : sqliteMessage(target, problem);
  return message ? new AppError("service_unavailable", message, { cause: error }) : error;
}
