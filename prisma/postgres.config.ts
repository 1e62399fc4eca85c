// Prisma CLI configuration for the PostgreSQL schema, used by developer tooling
// (scripts/generate-prisma.mjs, scripts/new-migration.mjs) and the drift tests.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "postgres/schema.prisma",
  migrations: { path: "postgres/migrations" },
  adapter: async () =>
    new PrismaPg({
      connectionString: process.env.PRISMA_CLI_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
      // Without this an idle pooled connection keeps the CLI alive for ten seconds after it finishes.
      allowExitOnIdle: true,
    }),
});
