import "server-only";
import type { BackupManifest } from "@/lib/backup/backup-manifest";
import type { OnProgress } from "@/lib/backup/backup-progress";
import type { ChainCheckpoint } from "@/lib/audit/chain/chain-checkpoint";
import { type ChainReport, verifyChain } from "@/lib/audit/chain/verify-chain";
import type { Db } from "@/lib/db";
import type { Keyring } from "@/lib/privacy/encryption-keys";
import { type StoreCheck, verifyStore } from "@/lib/retrieval/verify-store";

// After a restore: the audit chain must verify with the configured keys and
// end exactly at the head the backup recorded, and the store must pass the
// same checks as `cam verify-store`. Only then is the restore a success.

export type RestoreCheck = {
  ok: boolean;
  chain: ChainReport;
  /** Problems with the chain beyond verifyChain's own: a head other than the backup's. */
  chainProblems: string[];
  /** null when the backup held no store. */
  store: StoreCheck | null;
};

/** The backup's chain head as a checkpoint, so verifyChain also notices records missing from the end. */
function checkpointOf(manifest: BackupManifest): ChainCheckpoint | undefined {
  const head = manifest.database.auditChainHead;
  return head ? { format: "cam-audit-checkpoint/1", ...head, writtenAt: manifest.createdAt } : undefined;
}

/** Verifies the restored database and store against the backup's manifest. */
export async function verifyRestore(options: { db: Db; keyring: Keyring; storeDir: string; manifest: BackupManifest; onProgress?: OnProgress }): Promise<RestoreCheck> {
  const { manifest } = options;
  const chain = await verifyChain(options.db, {
    keyring: options.keyring,
    checkpoint: checkpointOf(manifest),
    onProgress: (done, total) => options.onProgress?.({ step: "verifying the audit chain", done, total, unit: "records" }),
  });
  const expected = manifest.database.auditChainHead;
  const chainProblems: string[] = [];
  if ((chain.head?.position ?? 0) !== (expected?.position ?? 0)) {
    chainProblems.push(`The restored audit chain ends at position ${chain.head?.position ?? 0}, but the backup recorded ${expected?.position ?? 0}.`);
  }
  const store = manifest.store ? await verifyStore(options.storeDir) : null;
  return { ok: chain.problems.length === 0 && chainProblems.length === 0 && (store?.ok ?? true), chain, chainProblems, store };
}
