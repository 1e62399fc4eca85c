import "server-only";
import { type Db, Prisma } from "@/lib/db";

// The choices the audit filters offer: every scenario, and every model and
// rule that appears in the record (not only today's configuration, since
// history outlives it). Distinct values are read with a "loose index scan"
// (jump to the next larger value through the index, once per distinct value),
// which costs one index probe per value rather than a scan of every row.

export type AuditFilterOptions = {
  scenarios: { id: string; name: string }[];
  models: string[];
  rules: string[];
};

/** Distinct non-null values of an indexed text column, in order. */
async function distinctValues(db: Db, table: "Exchange" | "Finding", column: "model" | "ruleId"): Promise<string[]> {
  const source = Prisma.raw(`"${table}"`);
  const field = Prisma.raw(`"${column}"`);
  const rows = await db.$queryRaw<{ value: string | null }[]>`
    WITH RECURSIVE found(value) AS (
      SELECT MIN(${field}) FROM ${source}
      UNION ALL
      SELECT (SELECT MIN(${field}) FROM ${source} WHERE ${field} > found.value) FROM found WHERE found.value IS NOT NULL
    )
    SELECT value FROM found WHERE value IS NOT NULL`;
  return rows.map((row) => row.value as string);
}

/** The filter choices; see the module comment. */
export async function listFilterOptions(db: Db): Promise<AuditFilterOptions> {
  const [scenarios, models, rules] = await Promise.all([
    db.scenario.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
    distinctValues(db, "Exchange", "model"),
    distinctValues(db, "Finding", "ruleId"),
  ]);
  return { scenarios, models, rules };
}
