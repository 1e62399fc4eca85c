/** Runs once when the server starts. NEXT_RUNTIME is Next.js's own marker; only the Node.js server checks settings. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfiguration } = await import("@/lib/startup/check-configuration");
    checkConfiguration();
  }
}
