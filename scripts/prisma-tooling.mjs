// Shared by the Prisma developer scripts: composing a provider's schema from
// the one model source, and running the Prisma CLI without native engines.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Prisma provider name -> folder under prisma/ and lib/generated/. */
export const providers = { sqlite: "sqlite", postgresql: "postgres" };

/**
 * Lines of prisma/models.prisma written as "//postgresql: <attribute>" are
 * live in the PostgreSQL schema only (indexes SQLite has no equivalent for);
 * in the SQLite schema they stay comments.
 */
const postgresqlOnly = /^(\s*)\/\/postgresql: /gm;

/** What the PostgreSQL schema adds: the extensions its indexes use (pg_trgm for text search). */
const postgresqlExtras = {
  generator: `\n  previewFeatures = ["postgresqlExtensions"]`,
  datasource: `\n  extensions = [pg_trgm]`,
};

/** A complete schema for one provider: generator and datasource, then the models. */
export function composeSchema(provider, models) {
  const folder = providers[provider];
  const postgresql = provider === "postgresql";
  return `// Generated from prisma/models.prisma by scripts/generate-prisma.mjs. Do not edit.

generator client {
  provider     = "prisma-client"
  output       = "../../lib/generated/${folder}"
  engineType   = "client"
  moduleFormat = "esm"${postgresql ? postgresqlExtras.generator : ""}
}

// Connections go through driver adapters: lib/db.ts for the app,
// prisma/${folder}.config.ts for the Prisma CLI. Prisma 6 still requires a
// url here; it is never used.
datasource db {
  provider = "${provider}"
  url      = env("PRISMA_CLI_DATABASE_URL")${postgresql ? postgresqlExtras.datasource : ""}
}

${postgresql ? models.replace(postgresqlOnly, "$1") : models}`;
}

// The Prisma CLI downloads native engines unless these point at an existing
// file; with engineType "client" and the JS schema engine neither is run.
const engineStandIn = join(root, "package.json");

/**
 * Runs the Prisma CLI and returns its standard output.
 * @param {string[]} args
 * @param {{ inherit?: boolean, env?: Record<string, string> }} [options]
 */
export function runPrisma(args, options = {}) {
  return execFileSync(process.execPath, [join(root, "node_modules/prisma/build/index.js"), ...args], {
    cwd: root,
    encoding: "utf8",
    stdio: options.inherit ? "inherit" : ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      ...options.env,
      PRISMA_QUERY_ENGINE_LIBRARY: engineStandIn,
      PRISMA_SCHEMA_ENGINE_BINARY: engineStandIn,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
}
