import "server-only";
import type { ChainKind } from "@/lib/audit/chain/chain-content";
import { exchangeJsonRecord } from "@/lib/audit/export-exchanges";
import { loadExchangeRows } from "@/lib/audit/load-exchange-rows";
import type { Db } from "@/lib/db";
import { redactIdentifiers } from "@/lib/privacy/detect-identifiers";

// What `cam audit export` ships for each kind of chained record. Like the
// exchange export, no sealed text leaves: a judge's reasoning is left out, and
// the free text people type (a reveal's reason, a reviewer's notes) has
// personal identifiers replaced, as exchanges' questions and answers do.
// Staff are named by id and email, as a security log needs.

type JsonRecord = Record<string, unknown>;
type Loader = (db: Db, ids: string[]) => Promise<Map<string, JsonRecord>>;

const byId = <Row extends { id: string }>(rows: Row[], toRecord: (row: Row) => JsonRecord) =>
  new Map(rows.map((row) => [row.id, toRecord(row)]));

const loaders: Record<ChainKind, Loader> = {
  exchange: async (db, ids) => byId(await loadExchangeRows(db, ids, { mode: "full" }), exchangeJsonRecord),
  judge_score: async (db, ids) =>
    byId(
      await db.judgeScore.findMany({
        where: { id: { in: ids } },
        select: { id: true, createdAt: true, exchangeId: true, judgeId: true, judgeModel: true, status: true, helpfulness: true, compliance: true, verdict: true, error: true, attempts: true, latencyMs: true },
      }),
      (row) => row,
    ),
  review_label: async (db, ids) =>
    byId(
      await db.reviewLabel.findMany({
        where: { id: { in: ids } },
        select: { id: true, createdAt: true, exchangeId: true, reviewerId: true, reviewer: { select: { email: true } }, verdict: true, escalation: true, notes: true },
      }),
      ({ reviewer, notes, ...row }) => ({ ...row, reviewerEmail: reviewer.email, notes: redactIdentifiers(notes) }),
    ),
  reveal_event: async (db, ids) =>
    byId(
      await db.revealEvent.findMany({
        where: { id: { in: ids } },
        select: { id: true, createdAt: true, exchangeId: true, userId: true, user: { select: { email: true } }, field: true, reason: true },
      }),
      ({ user, reason, ...row }) => ({ ...row, userEmail: user.email, reason: redactIdentifiers(reason) }),
    ),
  admin_change: async (db, ids) =>
    byId(
      await db.adminChange.findMany({
        where: { id: { in: ids } },
        select: { id: true, createdAt: true, actorId: true, actor: { select: { email: true } }, action: true, entityType: true, entityId: true, summary: true, before: true, after: true },
      }),
      ({ actor, ...row }) => ({ ...row, actorEmail: actor?.email ?? null }),
    ),
};

/** The records of one kind, by id, as the log export ships them. */
export function loadAuditLogRecords(db: Db, kind: ChainKind, ids: string[]): Promise<Map<string, JsonRecord>> {
  return loaders[kind](db, ids);
}
