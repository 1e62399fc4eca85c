import { z } from "zod";
import { Role } from "@/lib/generated/sqlite/enums";

// Contracts for user accounts, shared by forms, routes and the CLI.

export const roleSchema = z.enum(Role, {
  error: "must be one of: clinician, reviewer, admin",
});

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "must be an email address such as name@hospital.example" }));

/** Passwords: long rather than complex (NIST SP 800-63B); the upper bound keeps hashing cheap. */
export const passwordSchema = z
  .string()
  .min(12, { error: "must be at least 12 characters" })
  .max(256, { error: "must be at most 256 characters" });

export const createUserBodySchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, { error: "is required" }).max(120, { error: "must be at most 120 characters" }),
  role: roleSchema,
  password: passwordSchema,
});

export type CreateUserBody = z.infer<typeof createUserBodySchema>;
