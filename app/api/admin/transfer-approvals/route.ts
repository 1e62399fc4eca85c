import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { getTransferApprovals, setTransferApproval } from "@/lib/privacy/transfer-approvals";
import { setTransferApprovalBodySchema } from "@/lib/schemas/transfer-approvals";

export const dynamic = "force-dynamic";

/** The decision in force for each model service outside Australia. */
export const GET = route({ access: "config.write", handler: () => getTransferApprovals(getDb()) });

/** Allows or stops questions going to an offshore service, with the assessment behind the decision. */
export const POST = route({
  access: "config.write",
  body: setTransferApprovalBodySchema,
  handler: ({ body, caller }) => setTransferApproval(getDb(), body, caller.userId),
});
