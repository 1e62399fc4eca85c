// Prisma CLI configuration for the SQLite schema, used by developer tooling
// (scripts/generate-prisma.mjs, scripts/new-migration.mjs) and the drift tests.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "sqlite/schema.prisma",
  migrations: { path: "sqlite/migrations" },
  adapter: async () => new PrismaBetterSQLite3({ url: process.env.PRISMA_CLI_DATABASE_URL ?? "file::memory:" }),
});
