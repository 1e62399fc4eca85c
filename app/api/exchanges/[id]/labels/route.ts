import { addReviewLabel } from "@/lib/audit/add-review-label";
import { listReviewLabels } from "@/lib/audit/list-review-labels";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { createReviewLabelBodySchema } from "@/lib/schemas/audit";

export const dynamic = "force-dynamic";

/** The labels of an exchange, newest first. */
export const GET = route({
  access: "audit.read",
  handler: ({ params }) => listReviewLabels(getDb(), String(params.id)),
});

/** Appends a reviewer's label; corrections are new labels. */
export const POST = route({
  access: "audit.label",
  body: createReviewLabelBodySchema,
  handler: ({ params, body, caller }) => addReviewLabel(getDb(), { exchangeId: String(params.id), reviewerId: caller.userId, label: body }),
});
