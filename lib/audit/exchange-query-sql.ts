import "server-only";
import type { ExchangeCursor } from "@/lib/audit/exchange-cursor";
import { type Db, Prisma } from "@/lib/db";
import type { ExchangeFilters, ExchangeSort } from "@/lib/schemas/audit";

// The SQL behind audit search, portable between SQLite and PostgreSQL (quoted
// identifiers, parameters for every value). Filters on related rows are
// EXISTS subqueries so each exchange appears once; the sort keys end with
// (createdAt, id) so keyset paging is exact even when timestamps tie.

export type SqlDialect = "sqlite" | "postgresql";

/**
 * Which database a client talks to; only text search differs (PostgreSQL's
 * LIKE is case-sensitive, so it uses ILIKE). Prisma clients are proxies, so
 * instanceof cannot tell them apart; their declared _activeProvider can.
 */
export function sqlDialect(db: Db): SqlDialect {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/** The user's text as a LIKE pattern that matches it literally anywhere. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Where a page's rows come from: "Exchange" e alone, or, for a rule filter in
 * time order, the rule's findings f joined to their exchanges. Finding rows
 * copy their exchange's createdAt (see prisma/models.prisma) so the database
 * can walk Finding(ruleId, createdAt) and stop after a page, however rare the
 * rule, instead of testing every exchange for a finding of it.
 */
export type RowSource = "exchanges" | "findings";

/** The WHERE conditions for a set of filters, over "Exchange" aliased as e (and "Finding" f when reading from findings). */
export function filterConditions(filters: ExchangeFilters, dialect: SqlDialect, source: RowSource = "exchanges"): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  const time = source === "findings" ? Prisma.sql`f."createdAt"` : Prisma.sql`e."createdAt"`;
  if (filters.action) conditions.push(Prisma.sql`e."action" = ${filters.action}`);
  if (filters.scenario) conditions.push(Prisma.sql`e."scenarioId" = ${filters.scenario}`);
  if (filters.model) conditions.push(Prisma.sql`e."model" = ${filters.model}`);
  if (filters.from) conditions.push(Prisma.sql`${time} >= ${filters.from}`);
  if (filters.to) conditions.push(Prisma.sql`${time} < ${filters.to}`);
  if (filters.conversation) conditions.push(Prisma.sql`e."conversationId" = ${filters.conversation}`);
  if (filters.run) conditions.push(Prisma.sql`e."evaluationRunId" = ${filters.run}`);
  // Without statistics SQLite may answer "does this exchange have a finding of rule X?" by scanning every
  // finding of rule X through the (ruleId, ...) index, once per exchange. A unary + on the column keeps
  // that index out of the subquery, so it probes the exchange's own few rows through (exchangeId).
  const noIndex = Prisma.raw(dialect === "sqlite" ? "+" : "");
  if (filters.rule && source === "findings") {
    // A rule can fire more than once on an answer; only its first finding stands for the exchange.
    conditions.push(
      Prisma.sql`f."ruleId" = ${filters.rule} AND NOT EXISTS (SELECT 1 FROM "Finding" d WHERE d."exchangeId" = f."exchangeId" AND ${noIndex}d."ruleId" = f."ruleId" AND d."id" < f."id")`,
    );
  } else if (filters.rule) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "Finding" f WHERE f."exchangeId" = e."id" AND ${noIndex}f."ruleId" = ${filters.rule})`);
  }
  const judge: Prisma.Sql[] = [];
  if (filters.verdict) judge.push(Prisma.sql`${noIndex}j."verdict" = ${filters.verdict}`);
  if (filters.minCompliance !== undefined) judge.push(Prisma.sql`j."compliance" >= ${filters.minCompliance}`);
  if (filters.maxCompliance !== undefined) judge.push(Prisma.sql`j."compliance" <= ${filters.maxCompliance}`);
  if (judge.length) {
    // One judge's score must meet every judge condition, not one judge each.
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "JudgeScore" j WHERE j."exchangeId" = e."id" AND ${Prisma.join(judge, " AND ")})`);
  }
  if (filters.reviewed) {
    const labelled = Prisma.sql`EXISTS (SELECT 1 FROM "ReviewLabel" r WHERE r."exchangeId" = e."id")`;
    conditions.push(filters.reviewed === "yes" ? labelled : Prisma.sql`NOT ${labelled}`);
  }
  if (filters.q) conditions.push(textCondition(filters.q, dialect));
  return conditions;
}

/** The redacted question or final answer contains the text, ignoring case; tested row by row. */
export function containsText(text: string, dialect: SqlDialect): Prisma.Sql {
  const pattern = containsPattern(text);
  const like = Prisma.raw(dialect === "postgresql" ? "ILIKE" : "LIKE");
  return Prisma.sql`(e."questionRedacted" ${like} ${pattern} ESCAPE '\\' OR e."finalAnswerRedacted" ${like} ${pattern} ESCAPE '\\')`;
}

/** More trigrams than this narrow the rows no further in practice; each one costs a lookup. */
const MAX_QUERY_TRIGRAMS = 24;

/**
 * The FTS5 query for SQLite's trigram index: the text's trigrams (three
 * characters in a row), each quoted so every character is taken literally, all
 * required. The index keeps no positions, so this finds the exchanges that hold
 * every trigram somewhere: all that contain the text, and perhaps a few more,
 * which LIKE then leaves out.
 */
function trigramQuery(text: string): string {
  const characters = [...text];
  const trigrams = new Set<string>();
  for (let start = 0; start + 3 <= characters.length && trigrams.size < MAX_QUERY_TRIGRAMS; start += 1) {
    trigrams.add(characters.slice(start, start + 3).join(""));
  }
  return [...trigrams].map((trigram) => `"${trigram.replaceAll('"', '""')}"`).join(" AND ");
}

/**
 * Text search through the trigram indexes: the same rows as containsText.
 * PostgreSQL's trigram indexes serve ILIKE directly. On SQLite, text of three
 * characters or more first goes to the trigram index "ExchangeText" (see its
 * migration), which names the exchanges that can contain it, so LIKE reads
 * only those. Quick when few rows match; when thousands do, walking the rows in
 * order is quicker (see readTextSearchPage in search-exchanges.ts).
 */
export function textCondition(text: string, dialect: SqlDialect): Prisma.Sql {
  const contains = containsText(text, dialect);
  if (dialect === "postgresql" || [...text].length < 3) return contains;
  return Prisma.sql`(e."id" IN (SELECT "exchangeId" FROM "ExchangeText" WHERE "ExchangeText" MATCH ${trigramQuery(text)}) AND ${contains})`;
}

/** A WHERE clause joining the conditions with AND, or nothing when there are none. */
export function whereSql(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/** One ORDER BY term; `field` names the cursor value it compares with. */
export type OrderTerm = { expression: Prisma.Sql; descending: boolean; field: "key" | "createdAt" | "id" };

const createdAt = Prisma.sql`e."createdAt"`;
const id = Prisma.sql`e."id"`;

/** Terms (key?, createdAt, id) over the given expressions, all in one direction. */
export function keyedTerms(columns: { key: Prisma.Sql | null; createdAt: Prisma.Sql; id: Prisma.Sql }, descending: boolean): OrderTerm[] {
  return [
    ...(columns.key ? [{ expression: columns.key, descending, field: "key" as const }] : []),
    { expression: columns.createdAt, descending, field: "createdAt" },
    { expression: columns.id, descending, field: "id" },
  ];
}

/** The sort key beyond (createdAt, id) for an order read straight from "Exchange", if any. */
export function sortKeyExpression(sort: ExchangeSort): Prisma.Sql | null {
  return sort === "slowest" ? Prisma.sql`e."totalMs"` : null;
}

/** The ORDER BY terms for an order read straight from "Exchange", ending with (createdAt, id). */
export function orderTerms(sort: ExchangeSort): OrderTerm[] {
  return keyedTerms({ key: sortKeyExpression(sort), createdAt, id }, sort !== "oldest");
}

/** ORDER BY text for the terms, reversed when reading backwards from a cursor. */
export function orderBySql(terms: OrderTerm[], reverse: boolean): Prisma.Sql {
  return Prisma.join(
    terms.map((term) => Prisma.sql`${term.expression} ${Prisma.raw(term.descending !== reverse ? "DESC" : "ASC")}`),
    ", ",
  );
}

/**
 * Rows strictly after (or before) the cursor in the order. Written as
 * "k1 <= c1 AND (k1 < c1 OR ...)" rather than a plain OR chain, so the
 * database can start an index range at the cursor instead of scanning from the top.
 */
export function keysetCondition(terms: OrderTerm[], cursor: ExchangeCursor): Prisma.Sql {
  const valueOf = (term: OrderTerm) => (term.field === "key" ? cursor.key ?? 0 : term.field === "createdAt" ? cursor.createdAt : cursor.id);
  const beyond = (term: OrderTerm, inclusive: boolean) => {
    const forward = cursor.direction === "after";
    const less = term.descending === forward;
    return Prisma.sql`${term.expression} ${Prisma.raw(less ? (inclusive ? "<=" : "<") : inclusive ? ">=" : ">")} ${valueOf(term)}`;
  };
  const strictly = (rest: OrderTerm[]): Prisma.Sql => {
    const [first, ...others] = rest as [OrderTerm, ...OrderTerm[]];
    if (others.length === 0) return beyond(first, false);
    return Prisma.sql`(${beyond(first, false)} OR (${first.expression} = ${valueOf(first)} AND ${strictly(others)}))`;
  };
  const [first, ...others] = terms as [OrderTerm, ...OrderTerm[]];
  return Prisma.sql`${beyond(first, true)} AND (${beyond(first, false)} OR ${others.length ? strictly(others) : Prisma.sql`1 = 0`})`;
}
