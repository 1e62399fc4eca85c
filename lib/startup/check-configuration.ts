import "server-only";
import { env } from "@/lib/env";

/**
 * Validates the configuration when the server starts. A wrong setting stops
 * the server with one clear message, instead of a server that starts and then
 * fails every request.
 */
export function checkConfiguration(): void {
  try {
    env();
  } catch (error) {
    console.error(`CAM cannot start. ${(error as Error).message}`);
    process.exit(1);
  }
}
