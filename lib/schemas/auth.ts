import { z } from "zod";
import { emailSchema } from "@/lib/schemas/users";

// Sign-in contract, shared by the sign-in form and POST /api/auth/sign-in.

export const signInBodySchema = z.object({
  email: emailSchema,
  // Not checked against the password rules: a wrong password is simply wrong.
  password: z.string().min(1, { error: "is required" }).max(256, { error: "must be at most 256 characters" }),
});

export type SignInBody = z.infer<typeof signInBodySchema>;
