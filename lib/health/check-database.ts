import "server-only";
import { describeDatabaseError } from "@/lib/database/describe-database-error";
import type { Db } from "@/lib/db";
import type { DatabaseTarget } from "@/lib/env";

export type DatabaseHealth = {
  status: "up" | "down";
  provider: DatabaseTarget["provider"];
  latencyMs: number;
  /** The newest migration applied, when the schema is in place. */
  schema?: string;
  problem?: string;
};

/** Longest the health check waits for the database before calling it down. */
const DATABASE_TIMEOUT_MS = 1_500;

type MigrationRow = { migration_name: string };

/** Checks that the database answers and has been migrated. */
export async function checkDatabase(db: Db, target: DatabaseTarget): Promise<DatabaseHealth> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), DATABASE_TIMEOUT_MS);
  });
  try {
    const rows = await Promise.race([
      db.$queryRawUnsafe<MigrationRow[]>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name DESC LIMIT 1`,
      ),
      timeout,
    ]);
    const schema = rows[0]?.migration_name;
    if (!schema) {
      return { status: "down", provider: target.provider, latencyMs: elapsed(), problem: notMigrated };
    }
    return { status: "up", provider: target.provider, latencyMs: elapsed(), schema };
  } catch (error) {
    return { status: "down", provider: target.provider, latencyMs: elapsed(), problem: explain(target, error) };
  } finally {
    clearTimeout(timer);
  }
}

const notMigrated = "The database has no CAM tables yet. Run `npm run cam -- db migrate`.";

function explain(target: DatabaseTarget, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message === "timeout") return `The database did not answer within ${DATABASE_TIMEOUT_MS} ms.`;
  if (/_prisma_migrations|no such table|does not exist/i.test(message) && !/database .* does not exist/i.test(message)) {
    return notMigrated;
  }
  const described = describeDatabaseError(target, error);
  return described instanceof Error && described !== error ? described.message : "The database query failed; see the server log.";
}
