import { describe, expect, it } from "vitest";
import { describeDatabaseError } from "@/lib/database/describe-database-error";
import { type DatabaseTarget, parseDatabaseUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";

const postgres = parseDatabaseUrl("postgresql://cam:secret@db.internal:6543/camdb") as DatabaseTarget;
const sqlite = parseDatabaseUrl("file:/srv/cam/cam.db") as DatabaseTarget;

/** An error shaped like those pg and better-sqlite3 throw: a message and a code, sometimes nested. */
const driverError = (code: string, message = "driver error", nested = false) => {
  const error = Object.assign(new Error(message), { code });
  return nested ? new Error("wrapped", { cause: error }) : error;
};

function messageFor(target: DatabaseTarget, error: unknown): string {
  const described = describeDatabaseError(target, error);
  expect(described).toBeInstanceOf(AppError);
  expect((described as AppError).code).toBe("service_unavailable");
  return (described as AppError).message;
}

describe("describeDatabaseError", () => {
  it("names the PostgreSQL server and what to do, never the password", () => {
    const cases: [unknown, RegExp][] = [
      [driverError("ECONNREFUSED", "connect ECONNREFUSED", true), /Cannot reach PostgreSQL at db\.internal:6543: connection refused/],
      [driverError("ENOTFOUND"), /Cannot resolve the host "db\.internal"/],
      [driverError("3D000"), /database "camdb" does not exist .*\(createdb camdb\)/],
      [driverError("28P01"), /refused the login for user "cam"/],
      [new Error("Connection terminated due to connection timeout"), /did not answer in time/],
      [new AggregateError([driverError("ECONNREFUSED")]), /connection refused/],
    ];
    for (const [error, expected] of cases) {
      const message = messageFor(postgres, error);
      expect(message).toMatch(expected);
      expect(message).not.toContain("secret");
    }
  });

  it("reads the codes Prisma and its driver adapters wrap around driver errors", () => {
    // Shapes as thrown by @prisma/adapter-pg 6.19 through Prisma Client.
    const prismaError = (code: string, cause: Record<string, unknown>) =>
      Object.assign(new Error("Invalid invocation"), { code, meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });
    expect(messageFor(postgres, prismaError("P1001", { kind: "DatabaseNotReachable", host: "db.internal", port: 6543 }))).toBe(
      "Cannot reach PostgreSQL at db.internal:6543. Start it, or correct DATABASE_URL.",
    );
    expect(messageFor(postgres, prismaError("P2010", { kind: "DatabaseDoesNotExist", originalCode: "3D000", db: "camdb" }))).toMatch(
      /database "camdb" does not exist/,
    );
    expect(messageFor(postgres, prismaError("P2010", { kind: "DatabaseAccessDenied", originalCode: "28000" }))).toMatch(
      /refused the login for user "cam"/,
    );
  });

  it("explains SQLite files that cannot be opened, are read-only, locked or not databases", () => {
    expect(messageFor(sqlite, driverError("SQLITE_CANTOPEN"))).toMatch(/Cannot open the SQLite database \/srv\/cam\/cam\.db/);
    expect(messageFor(sqlite, driverError("SQLITE_READONLY"))).toMatch(/read-only/);
    expect(messageFor(sqlite, driverError("SQLITE_NOTADB"))).toMatch(/is not a SQLite database/);
    expect(messageFor(sqlite, driverError("SQLITE_BUSY"))).toMatch(/locked by another process/);
  });

  it("passes other errors through unchanged so they are logged in full", () => {
    const other = new TypeError("bug");
    expect(describeDatabaseError(postgres, other)).toBe(other);
  });
});
