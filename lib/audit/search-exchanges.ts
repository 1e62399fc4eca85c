import "server-only";
import { decodeCursor, encodeCursor, type ExchangeCursor } from "@/lib/audit/exchange-cursor";
import {
  filterConditions,
  keyedTerms,
  keysetCondition,
  orderBySql,
  orderTerms,
  type RowSource,
  sortKeyExpression,
  containsText,
  sqlDialect,
  textCondition,
  whereSql,
} from "@/lib/audit/exchange-query-sql";
import { findMostFindingsPage } from "@/lib/audit/find-most-findings-page";
import { type ExchangeRow, loadExchangeRows, type RowText } from "@/lib/audit/load-exchange-rows";
import { type Db, Prisma } from "@/lib/db";
import type { ExchangeFilters, ExchangeSearchQuery, ExchangeSort } from "@/lib/schemas/audit";

// Audit search: filters, an order and keyset paging over the exchanges.
// Contract: the query was validated with exchangeSearchQuerySchema and the
// caller may read the audit trail (audit.read).
//
// A page is found in two steps: one SQL query returns only the ids and sort
// keys of the page (so the database walks an index and stops after one page,
// however deep the cursor), then the rows for those ids are loaded. Cursors
// carry the sort position of the page's edge rows, never an offset.

export type ExchangeSearchResult = {
  items: ExchangeRow[];
  /** Cursor for the page after this one, or null on the last page. */
  nextCursor: string | null;
  /** Cursor for the page before this one, or null on the first page. */
  prevCursor: string | null;
};

type PagePosition = { id: string; createdAt: Date; key: number | null };
type PageRow = { id: string; createdAt: Date | string; sortKey: number | bigint | null };

type PageQuery = { filters: ExchangeFilters; sort: ExchangeSort; cursor: ExchangeCursor | null; limit: number; backwards: boolean };

/** Up to limit + 1 rows in reading order for orders read straight from "Exchange" (all but most-findings). */
function readPage(db: Db, options: PageQuery): Promise<PageRow[]> {
  const key = sortKeyExpression(options.sort);
  const source: RowSource = options.filters.rule && !key ? "findings" : "exchanges";
  if (options.filters.q && source === "exchanges") return readTextSearchPage(db, options);
  const terms =
    source === "findings" ? keyedTerms({ key: null, createdAt: Prisma.sql`f."createdAt"`, id: Prisma.sql`e."id"` }, options.sort !== "oldest") : orderTerms(options.sort);
  const conditions = filterConditions(options.filters, sqlDialect(db), source);
  if (options.cursor) conditions.push(keysetCondition(terms, options.cursor));
  const from = source === "findings" ? Prisma.sql`"Finding" f JOIN "Exchange" e ON e."id" = f."exchangeId"` : Prisma.sql`"Exchange" e`;
  return db.$queryRaw<PageRow[]>`
    SELECT e."id" AS "id", e."createdAt" AS "createdAt", ${key ?? Prisma.sql`NULL`} AS "sortKey"
    FROM ${from}
    ${whereSql(conditions)}
    ORDER BY ${orderBySql(terms, options.backwards)}
    LIMIT ${options.limit + 1}`;
}

/** How many rows, in the page's order, text search tests one by one before it asks the trigram indexes instead. */
const TEXT_WALK_ROWS = 2_000;

/**
 * Text search. Neither database's planner can know how the matches lie in
 * order. Walking the order's index and testing each row's text is quick when
 * matches are common, but reads every row when they are rare; asking the
 * trigram indexes for every match is quick when they are rare, but slow when
 * they are thousands. So: walk the first TEXT_WALK_ROWS rows in order; if they
 * hold a whole page of matches, those are the page (nothing later can come
 * before them). Otherwise matches are rare, and the page comes from all of them,
 * found through the trigram indexes (a MATERIALIZED set, so the planner cannot
 * fall back to walking) and sorted.
 */
async function readTextSearchPage(db: Db, options: PageQuery): Promise<PageRow[]> {
  const dialect = sqlDialect(db);
  const text = options.filters.q!;
  const key = sortKeyExpression(options.sort) ?? Prisma.sql`NULL`;
  const terms = orderTerms(options.sort);
  const others = filterConditions({ ...options.filters, q: undefined }, dialect);
  if (options.cursor) others.push(keysetCondition(terms, options.cursor));
  const orderBy = orderBySql(terms, options.backwards);
  const walked = await db.$queryRaw<PageRow[]>`
    SELECT e."id" AS "id", e."createdAt" AS "createdAt", ${key} AS "sortKey"
    FROM (
      SELECT e."id", e."createdAt", e."totalMs", e."questionRedacted", e."finalAnswerRedacted"
      FROM "Exchange" e ${whereSql(others)}
      ORDER BY ${orderBy}
      LIMIT ${TEXT_WALK_ROWS}
    ) e
    WHERE ${containsText(text, dialect)}
    ORDER BY ${orderBy}
    LIMIT ${options.limit + 1}`;
  if (walked.length > options.limit) return walked;
  return db.$queryRaw<PageRow[]>`
    WITH e AS MATERIALIZED (
      SELECT e."id", e."createdAt", e."totalMs" FROM "Exchange" e ${whereSql([...others, textCondition(text, dialect)])}
    )
    SELECT e."id" AS "id", e."createdAt" AS "createdAt", ${key} AS "sortKey"
    FROM e
    ORDER BY ${orderBy}
    LIMIT ${options.limit + 1}`;
}

/** The ids (and sort positions) of one page, in display order; `hasMore` says whether rows continue past it in the reading direction. */
export async function findExchangePage(
  db: Db,
  options: { filters: ExchangeFilters; sort: ExchangeSort; cursor: ExchangeCursor | null; limit: number },
): Promise<{ positions: PagePosition[]; hasMore: boolean }> {
  const backwards = options.cursor?.direction === "before";
  const rows = options.sort === "most-findings" ? await findMostFindingsPage(db, options) : await readPage(db, { ...options, backwards });
  const positions = rows.slice(0, options.limit).map((row) => ({
    id: row.id,
    createdAt: new Date(row.createdAt),
    key: row.sortKey === null ? null : Number(row.sortKey),
  }));
  if (backwards) positions.reverse();
  return { positions, hasMore: rows.length > options.limit };
}

/** Searches the audit trail; see the module comment. */
export async function searchExchanges(db: Db, query: ExchangeSearchQuery): Promise<ExchangeSearchResult> {
  const { sort, cursor: cursorText, limit, ...filters } = query;
  const cursor = cursorText ? decodeCursor(cursorText, sort) : null;
  const { positions, hasMore } = await findExchangePage(db, { filters, sort, cursor, limit });
  const text: RowText = { mode: "excerpt", term: filters.q };
  const items = await loadExchangeRows(db, positions.map((position) => position.id), text);
  const edge = (position: PagePosition | undefined, direction: ExchangeCursor["direction"]) =>
    position ? encodeCursor({ sort, direction, key: position.key, createdAt: position.createdAt, id: position.id }) : null;
  const backwards = cursor?.direction === "before";
  // Reading forwards, rows before this page exist whenever it was reached through a cursor; reading backwards, rows after it do.
  const moreAfter = backwards ? true : hasMore;
  const moreBefore = backwards ? hasMore : cursor !== null;
  return {
    items,
    nextCursor: moreAfter ? edge(positions.at(-1), "after") : null,
    prevCursor: moreBefore ? edge(positions[0], "before") : null,
  };
}
