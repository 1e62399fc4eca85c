import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { unusedPort } from "../fakes/http-server";
import { runCli } from "./run-cli";

// The production build of the console, started as users start it
// (`next start`), on a free port with its own settings.

const root = fileURLToPath(new URL("../..", import.meta.url));

export type AppServer = {
  url: string;
  logs: string[];
  stop: () => Promise<void>;
  /** Ends the server abruptly (SIGKILL), as a crash or an out-of-memory kill would. */
  kill: () => Promise<void>;
};

/** Migrates and seeds the database through the CLI, as `npm start` does. */
export async function prepareDatabase(env: Record<string, string>): Promise<void> {
  for (const command of [["db", "migrate"], ["db", "seed"]]) {
    const result = await runCli(command, { env });
    if (result.code !== 0) throw new Error(`cam ${command.join(" ")} failed: ${result.stderr}`);
  }
}

/** Starts `next start` with the given settings and waits until it answers. */
export async function startAppServer(env: Record<string, string>): Promise<AppServer> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(`${root}${distDir}/BUILD_ID`)) {
    throw new Error(`No production build in ${distDir}. Run \`npm run build\` first (\`npm test\` does this).`);
  }
  const port = await unusedPort();
  const child: ChildProcess = spawn(process.execPath, [`${root}node_modules/next/dist/bin/next`, "start", "-p", String(port)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // "close" comes after the process has exited and its output has all been read.
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const logs: string[] = [];
  const collect = (chunk: Buffer) => logs.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await closed;
      throw new Error(`next start exited with ${child.exitCode}:\n${logs.join("\n")}`);
    }
    const ready = await fetch(`${url}/sign-in`).then((response) => response.ok, () => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    logs,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await closed;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await closed;
    },
  };
}
