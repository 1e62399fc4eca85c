import "server-only";
import { loadAuditLogRecords } from "@/lib/audit/audit-log-records";
import { type ChainKind, chainKinds, chainTables } from "@/lib/audit/chain/chain-content";
import { type Db, Prisma } from "@/lib/db";

// `cam audit export`: the audit trail as JSON Lines for a central log service,
// in the order records entered the audit chain, resumable from a chain
// position. Every kind of chained record is shipped unless the caller picks
// some: exchanges (the audit export's row, export-exchanges.ts), judge scores,
// review labels, reveals of sealed text and admin changes, each line starting
// with its recordType and chainPosition (audit-log-records.ts says what each
// holds). A record shows what it is at export time; for an exchange, judge
// scores or review labels added after it was shipped arrive as their own lines.

/** Records read per database round trip. */
const BATCH = 500;

export type AuditLogBatch = { lines: string[]; lastPosition: number };

type Link = { position: number | bigint; kind: ChainKind; recordId: string };

/** Each kind's record, joined to its link, so `since` compares the time the record itself holds. */
const recordJoins = Prisma.raw(
  chainKinds.map((kind, i) => `LEFT JOIN "${chainTables[kind]}" r${i} ON l."kind" = '${kind}' AND r${i}."id" = l."recordId"`).join("\n"),
);
const recordCreatedAt = Prisma.raw(`COALESCE(${chainKinds.map((_, i) => `r${i}."createdAt"`).join(", ")})`);

/** The next chain links after `after` of the given kinds, for records made at or after `since`. */
function readLinks(db: Db, options: { since?: Date; after: number; kinds: readonly ChainKind[]; limit: number }) {
  const joins = options.since ? recordJoins : Prisma.empty;
  const since = options.since ? Prisma.sql`AND ${recordCreatedAt} >= ${options.since}` : Prisma.empty;
  return db.$queryRaw<Link[]>`
    SELECT l."position" AS "position", l."kind" AS "kind", l."recordId" AS "recordId"
    FROM "AuditChainLink" l ${joins}
    WHERE l."position" > ${options.after} AND l."kind" IN (${Prisma.join([...options.kinds])}) ${since}
    ORDER BY l."position"
    LIMIT ${options.limit}`;
}

/** The JSON lines of a batch of links, in chain order. */
async function linesOf(db: Db, links: Link[]): Promise<string[]> {
  const records = new Map<ChainKind, Map<string, Record<string, unknown>>>();
  for (const kind of new Set(links.map((link) => link.kind))) {
    const ids = links.filter((link) => link.kind === kind).map((link) => link.recordId);
    records.set(kind, await loadAuditLogRecords(db, kind, ids));
  }
  return links.map((link) => {
    const record = records.get(link.kind)?.get(link.recordId);
    // A chained record that cannot be read is a damaged trail: `cam audit verify` names it.
    if (!record) throw new Error(`Audit chain position ${link.position} points to ${link.kind} ${link.recordId}, which is missing. Run \`cam audit verify\`.`);
    return `${JSON.stringify({ recordType: link.kind, chainPosition: Number(link.position), ...record })}\n`;
  });
}

/** Batches of JSON lines after chain position `after`, each with the position of its last record. */
export async function* exportAuditLog(
  db: Db,
  options: { since?: Date; after: number; kinds?: readonly ChainKind[]; batchSize?: number },
): AsyncGenerator<AuditLogBatch> {
  let after = options.after;
  const limit = options.batchSize ?? BATCH;
  const kinds = options.kinds ?? chainKinds;
  for (;;) {
    const links = await readLinks(db, { since: options.since, after, kinds, limit });
    if (!links.length) return;
    const lines = await linesOf(db, links);
    after = Number(links.at(-1)!.position);
    yield { lines, lastPosition: after };
    if (links.length < limit) return;
  }
}
