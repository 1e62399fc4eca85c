import "server-only";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type OffshoreService, offshoreServiceNames, offshoreServices, type SetTransferApprovalBody } from "@/lib/schemas/transfer-approvals";

// Questions go to a model service outside Australia (APP 8, cross-border
// disclosure) only while an admin's approval, with the assessment behind it,
// is in force. Decisions are append-only; the newest per service counts.

export type TransferApprovalView = {
  id: string;
  service: OffshoreService;
  enabled: boolean;
  assessment: string;
  decidedBy: string | null;
  createdAt: string;
};

/** Whether questions to this provider leave Australia. */
export function isOffshore(provider: string): provider is OffshoreService {
  return (offshoreServices as readonly string[]).includes(provider);
}

/** The decision in force for each offshore service (null when none was ever made: off). */
export async function getTransferApprovals(db: Db): Promise<Record<OffshoreService, TransferApprovalView | null>> {
  const entries = await Promise.all(
    offshoreServices.map(async (service) => {
      const latest = await db.transferApproval.findFirst({
        where: { service },
        orderBy: { createdAt: "desc" },
        include: { decidedBy: { select: { email: true } } },
      });
      const view: TransferApprovalView | null = latest && {
        id: latest.id,
        service,
        enabled: latest.enabled,
        assessment: latest.assessment,
        decidedBy: latest.decidedBy?.email ?? null,
        createdAt: latest.createdAt.toISOString(),
      };
      return [service, view] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<OffshoreService, TransferApprovalView | null>;
}

/**
 * The approval that lets a question go to this provider: null for onshore
 * providers; throws AppError("forbidden") when the service is offshore and not approved.
 */
export async function requireTransferApproval(db: Db, provider: string): Promise<string | null> {
  if (!isOffshore(provider)) return null;
  const approval = (await getTransferApprovals(db))[provider];
  if (approval?.enabled) return approval.id;
  throw new AppError(
    "forbidden",
    `Sending questions to ${offshoreServiceNames[provider]} (outside Australia) is turned off. An administrator can allow it under Admin → Scenarios after recording the privacy assessment; until then choose another scenario.`,
  );
}

/** Records a new decision for an offshore service. Contract: the caller may change settings. */
export async function setTransferApproval(db: Db, body: SetTransferApprovalBody, actorId: string | null): Promise<TransferApprovalView> {
  return db.$transaction(async (tx) => {
    const saved = await tx.transferApproval.create({
      data: { service: body.service, enabled: body.enabled, assessment: body.assessment, decidedById: actorId },
      include: { decidedBy: { select: { email: true } } },
    });
    await recordAdminChange(tx, {
      actorId,
      action: body.enabled ? "transfer.allow" : "transfer.stop",
      entityType: "transfer_approval",
      entityId: saved.id,
      summary: `${body.enabled ? "Allowed" : "Stopped"} sending questions to ${offshoreServiceNames[body.service]} (outside Australia)`,
      after: { service: body.service, enabled: body.enabled, assessment: body.assessment },
    });
    return {
      id: saved.id,
      service: body.service,
      enabled: saved.enabled,
      assessment: saved.assessment,
      decidedBy: saved.decidedBy?.email ?? null,
      createdAt: saved.createdAt.toISOString(),
    };
  });
}
