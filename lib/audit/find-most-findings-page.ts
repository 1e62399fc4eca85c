import "server-only";
import type { ExchangeCursor } from "@/lib/audit/exchange-cursor";
import { filterConditions, keysetCondition, keyedTerms, orderBySql, sqlDialect, whereSql } from "@/lib/audit/exchange-query-sql";
import { type Db, Prisma } from "@/lib/db";
import type { ExchangeFilters } from "@/lib/schemas/audit";

// "Most findings first": (number of findings DESC, createdAt DESC, id DESC).
// Counting every exchange's findings to sort them costs a probe per exchange;
// instead the list is read as two segments: exchanges with findings, counted
// by grouping the (much smaller) Finding table, then exchanges without any,
// which an index walk returns newest first. A page may span both segments.

type Row = { id: string; createdAt: Date | string; sortKey: number | bigint | null };
type Segment = (options: { cursor: ExchangeCursor | null; take: number; backwards: boolean }) => Promise<Row[]>;

/** Exchanges with at least one finding. Unfiltered, the Finding rows alone suffice: each carries its exchange's createdAt. */
function withFindings(db: Db, filters: ExchangeFilters): Segment {
  const conditions = filterConditions(filters, sqlDialect(db));
  const grouped = Prisma.sql`SELECT f."exchangeId" AS "exchangeId", MAX(f."createdAt") AS "createdAt", COUNT(*) AS "n" FROM "Finding" f GROUP BY f."exchangeId"`;
  const joined = conditions.length > 0;
  const columns = joined
    ? { key: Prisma.sql`c."n"`, createdAt: Prisma.sql`e."createdAt"`, id: Prisma.sql`e."id"` }
    : { key: Prisma.sql`c."n"`, createdAt: Prisma.sql`c."createdAt"`, id: Prisma.sql`c."exchangeId"` };
  const from = joined ? Prisma.sql`(${grouped}) c JOIN "Exchange" e ON e."id" = c."exchangeId"` : Prisma.sql`(${grouped}) c`;
  const terms = keyedTerms(columns, true);
  return async ({ cursor, take, backwards }) => {
    const where = [...conditions, ...(cursor ? [keysetCondition(terms, cursor)] : [])];
    return db.$queryRaw<Row[]>`
      SELECT ${columns.id} AS "id", ${columns.createdAt} AS "createdAt", ${columns.key} AS "sortKey"
      FROM ${from}
      ${whereSql(where)}
      ORDER BY ${orderBySql(terms, backwards)}
      LIMIT ${take}`;
  };
}

/** Exchanges without findings, newest first. None can match a rule filter, so that skips the walk. */
function withoutFindings(db: Db, filters: ExchangeFilters): Segment {
  const conditions = [
    ...filterConditions(filters, sqlDialect(db)),
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "Finding" f WHERE f."exchangeId" = e."id")`,
  ];
  const terms = keyedTerms({ key: null, createdAt: Prisma.sql`e."createdAt"`, id: Prisma.sql`e."id"` }, true);
  return async ({ cursor, take, backwards }) => {
    if (filters.rule) return [];
    const where = [...conditions, ...(cursor ? [keysetCondition(terms, cursor)] : [])];
    return db.$queryRaw<Row[]>`
      SELECT e."id" AS "id", e."createdAt" AS "createdAt", 0 AS "sortKey"
      FROM "Exchange" e
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY ${orderBySql(terms, backwards)}
      LIMIT ${take}`;
  };
}

/** Up to limit + 1 rows in reading order from the cursor, crossing from one segment into the next when the first runs out. */
export async function findMostFindingsPage(
  db: Db,
  options: { filters: ExchangeFilters; cursor: ExchangeCursor | null; limit: number },
): Promise<Row[]> {
  const { cursor, limit } = options;
  const backwards = cursor?.direction === "before";
  const inOrder = [withFindings(db, options.filters), withoutFindings(db, options.filters)];
  const segments = backwards ? inOrder.reverse() : inOrder;
  const cursorInWithout = cursor !== null && cursor.key === 0;
  const start = backwards ? (cursorInWithout ? 0 : 1) : cursorInWithout ? 1 : 0;
  const rows: Row[] = [];
  for (let index = start; index < segments.length && rows.length <= limit; index += 1) {
    const segment = segments[index] as Segment;
    // Only the segment the cursor is in starts at the cursor; the next starts at its own beginning.
    rows.push(...(await segment({ cursor: index === start ? cursor : null, take: limit + 1 - rows.length, backwards })));
  }
  return rows;
}
