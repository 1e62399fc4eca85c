import "server-only";
import { z } from "zod";
import { emailSchema } from "@/lib/schemas/users";

// The ID token claims CAM uses, after openid-client has verified the token's
// signature, issuer, audience, nonce and lifetime. Providers differ in what
// they send, so anything beyond the subject is optional.

export const oidcClaimsSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1).max(255),
  /** An address that is not a valid email counts as no address. */
  email: emailSchema.optional().catch(undefined),
  /** Some providers send "true"/"false" as strings; anything else counts as unverified. */
  email_verified: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")])
    .optional()
    .catch(undefined),
  name: z.string().trim().min(1).max(120).optional().catch(undefined),
});

export type OidcClaims = z.infer<typeof oidcClaimsSchema>;
