import "server-only";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseTarget } from "@/lib/env";

/** A migration on disk: its folder name and SQL. */
export type MigrationFile = { name: string; sql: string; checksum: string };

/** Folder under prisma/ that holds each provider's schema and migrations. */
export const providerFolder = { sqlite: "sqlite", postgresql: "postgres" } as const;

/** The migrations folder for a provider, found relative to this module so any working directory works. */
export function migrationsDir(provider: DatabaseTarget["provider"]): string {
  return fileURLToPath(new URL(`../../prisma/${providerFolder[provider]}/migrations`, import.meta.url));
}

/** SHA-256 of the file as Prisma Migrate computes it, so its status commands agree with ours. */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

/** Migrations in the order they apply (folder names start with a timestamp). */
export function readMigrationFiles(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: migrationChecksum(sql) };
    });
}
