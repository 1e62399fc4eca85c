/**
 * Runs once when the server starts. NEXT_RUNTIME and NEXT_PHASE are Next.js's
 * own markers: only the Node.js server (not the build) checks settings and
 * starts background work.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startServer } = await import("@/lib/startup/start-server");
    startServer();
  }
}
