import "server-only";
import { jsonLine } from "@/lib/audit/export-exchanges";
import { loadExchangeRows } from "@/lib/audit/load-exchange-rows";
import { type Db, Prisma } from "@/lib/db";

// `cam audit export`: exchanges as JSON Lines for a central log service, in
// the order they entered the audit chain, resumable from a chain position.
// Each record is the audit export's row (export-exchanges.ts): redacted text
// only. A row shows the exchange as it is at export time; judge scores or
// review labels added after it was shipped are not shipped again.

/** Exchanges read per database round trip. */
const BATCH = 500;

export type AuditLogBatch = { lines: string[]; lastPosition: number };

/** Chain positions and ids of the next exchanges after `after`, recorded at or after `since`. */
function readPositions(db: Db, options: { since?: Date; after: number; limit: number }) {
  const since = options.since ? Prisma.sql`AND e."createdAt" >= ${options.since}` : Prisma.empty;
  return db.$queryRaw<{ position: number | bigint; id: string }[]>`
    SELECT l."position" AS "position", l."recordId" AS "id"
    FROM "AuditChainLink" l JOIN "Exchange" e ON e."id" = l."recordId"
    WHERE l."kind" = 'exchange' AND l."position" > ${options.after} ${since}
    ORDER BY l."position"
    LIMIT ${options.limit}`;
}

/** Batches of JSON lines after chain position `after`, each with the position of its last record. */
export async function* exportAuditLog(db: Db, options: { since?: Date; after: number; batchSize?: number }): AsyncGenerator<AuditLogBatch> {
  let after = options.after;
  const limit = options.batchSize ?? BATCH;
  for (;;) {
    const positions = await readPositions(db, { since: options.since, after, limit });
    if (!positions.length) return;
    const rows = await loadExchangeRows(db, positions.map((row) => row.id), { mode: "full" });
    after = Number(positions.at(-1)!.position);
    yield { lines: rows.map(jsonLine), lastPosition: after };
    if (positions.length < limit) return;
  }
}
