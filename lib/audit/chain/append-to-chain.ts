import "server-only";
import { createHash } from "node:crypto";
import { type ChainKind, type ContentOf, contentHash, loadChainContents } from "@/lib/audit/chain/chain-content";
import { providerOf, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { getKeyring } from "@/lib/privacy/encryption-keys";

/** The previous hash of the first link. */
export const GENESIS_HASH = "0".repeat(64);

/** A link's own hash: over its position, record, content hash and the previous link's hash. */
export function linkHash(link: { position: number; kind: string; recordId: string; contentHash: string; previousHash: string }): string {
  return createHash("sha256")
    .update([link.position, link.kind, link.recordId, link.contentHash, link.previousHash].join("\n"))
    .digest("hex");
}

/**
 * Chains a record written in the same transaction. Call it last in the
 * transaction: on PostgreSQL it takes a transaction-wide lock so links from
 * concurrent writers (any instance) line up one after another, and the lock
 * is held until commit. SQLite runs one write transaction at a time anyway;
 * the unique position and previousHash refuse a fork on either database.
 *
 * The record is read back for its content unless the writer passes `content`,
 * built by chain-content.ts from the values it has just written (the agent
 * does, to keep the audit write short; tests prove the two agree).
 */
export async function appendToChain(tx: Tx, record: { kind: ChainKind; recordId: string; content?: ContentOf }): Promise<void> {
  if (providerOf(tx) === "postgresql") await tx.$executeRaw`SELECT pg_advisory_xact_lock(7130501)`;
  const content = record.content ?? (await loadChainContents(tx, record.kind, [record.recordId], () => getKeyring(env()))).get(record.recordId);
  if (!content) throw new Error(`Cannot chain ${record.kind} ${record.recordId}: it was not written in this transaction.`);
  const last = await tx.auditChainLink.findFirst({ orderBy: { position: "desc" }, select: { position: true, hash: true } });
  const link = {
    position: (last?.position ?? 0) + 1,
    kind: record.kind,
    recordId: record.recordId,
    contentHash: contentHash(content()),
    previousHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.auditChainLink.create({ data: { ...link, hash: linkHash(link) } });
}
