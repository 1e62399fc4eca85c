import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";

// The bearer token that lets a Prometheus server read /api/metrics. The
// metrics carry no health information, but they do show how CAM is used, so
// they are not public; and no session or API key is needed to read them.

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Refuses unless the Authorization header carries the configured token; compares in constant time. */
export function checkMetricsToken(authorization: string | null, expected: string | undefined): void {
  if (!expected) {
    throw new AppError("not_found", "Metrics are turned off on this server. Set METRICS_TOKEN (see .env.example) and scrape with Authorization: Bearer <token>.");
  }
  const presented = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  // Hashing first gives equal-length inputs, so neither the content nor the length of the token leaks through timing.
  if (!presented || !timingSafeEqual(digest(presented), digest(expected))) {
    throw new AppError("unauthenticated", "Reading metrics needs the metrics token: send Authorization: Bearer <METRICS_TOKEN>.");
  }
}
