import { z } from "zod";

// Contracts for approving (or stopping) questions going to model services
// outside Australia. Client-safe.

/** Model services that process questions outside Australia. */
export const offshoreServices = ["gemini"] as const;
export type OffshoreService = (typeof offshoreServices)[number];

export const offshoreServiceNames: Record<OffshoreService, string> = { gemini: "Google Gemini" };

export const setTransferApprovalBodySchema = z.object({
  service: z.enum(offshoreServices),
  enabled: z.boolean(),
  assessment: z
    .string()
    .trim()
    .min(20, { error: "describe the assessment behind this decision in at least 20 characters" })
    .max(4000, { error: "must be at most 4,000 characters" }),
});

export type SetTransferApprovalBody = z.infer<typeof setTransferApprovalBodySchema>;
