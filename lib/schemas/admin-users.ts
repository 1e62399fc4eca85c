import { z } from "zod";
import { emailSchema, roleSchema } from "@/lib/schemas/users";

// Contracts for the users admin page and its routes.

export const updateUserBodySchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .refine((body) => body.role !== undefined || body.disabled !== undefined, { error: "say what to change: role or disabled" });

/** New accounts from the console get a generated password, shown once. */
export const newUserBodySchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, { error: "is required" }).max(120),
  role: roleSchema,
});
