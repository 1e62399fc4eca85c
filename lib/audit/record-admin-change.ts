import "server-only";
import { appendToChain } from "@/lib/audit/chain/append-to-chain";
import type { Prisma, Tx } from "@/lib/db";

/** One entry for the append-only admin-change log. */
export type AdminChangeInput = {
  /** Null when the change came from the command line or the seed. */
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string;
  summary: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
};

/**
 * Appends to the admin-change log, and chains the entry, inside the caller's
 * transaction, so the change and its record commit together. Call it last in
 * the transaction (see appendToChain).
 */
export async function recordAdminChange(tx: Tx, change: AdminChangeInput): Promise<void> {
  const { id } = await tx.adminChange.create({ data: change, select: { id: true } });
  await appendToChain(tx, { kind: "admin_change", recordId: id });
}
