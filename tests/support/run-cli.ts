import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// Runs the real `cam` command in a child process, from an empty working
// directory so no developer .env leaks in, with only the settings given.

export const camBin = fileURLToPath(new URL("../../bin/cam.mjs", import.meta.url));

export type CliResult = { code: number | null; stdout: string; stderr: string };

const SETTINGS = /^(DATABASE_URL|OLLAMA_|OPENAI_|GEMINI_|CAM_|RAG_STORE_DIR|SESSION_TTL_HOURS|LOG_LEVEL)/;

export function runCli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !SETTINGS.test(key)));
  // The tests' encryption key (vitest.config.ts), so the CLI reads what the tests wrote.
  inherited.CAM_ENCRYPTION_KEYS = process.env.CAM_ENCRYPTION_KEYS;
  const cwd = mkdtempSync(join(tmpdir(), "cam-cli-"));
  const child = spawn(process.execPath, ["--conditions=react-server", camBin, ...args], {
    cwd,
    env: { ...inherited, ...options.env } as NodeJS.ProcessEnv,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.end(options.input ?? "");
  return new Promise((resolve) =>
    child.on("close", (code: number | null) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    }),
  );
}
