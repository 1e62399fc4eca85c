import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runMigrations } from "@/lib/database/run-migrations";
import { composeSchema, runPrisma } from "../../scripts/prisma-tooling.mjs";
import { rawQuery } from "../support/raw-sql";
import { readSchemaCatalog } from "../support/schema-catalog";
import { createTestDatabase, postgresAdminUrl, providers } from "../support/test-databases";

// The migrations must build exactly the schema that prisma/models.prisma
// describes. Prisma's own drift check needs a shadow database, which its JS
// schema engine cannot use, so the comparison is done here: one database built
// by the migrations, one by Prisma's SQL for the current models, compared
// through the databases' catalogues.

const models = readFileSync(new URL("../../prisma/models.prisma", import.meta.url), "utf8");

describe("schema drift", () => {
  it("the last migration was made from the current models", () => {
    const snapshot = readFileSync(new URL("../../prisma/models.migrated.prisma", import.meta.url), "utf8");
    expect(snapshot, "prisma/models.prisma changed without a migration: run `npm run db:migration -- <name>`").toBe(models);
  });

  it.each(providers)("migrations on %s build the schema the models describe", async (provider) => {
    const folder = provider === "sqlite" ? "sqlite" : "postgres";
    const script = runPrisma(
      [
        "migrate", "diff", "--config", `prisma/${folder}.config.ts`,
        "--from-empty", "--to-schema-datamodel", `prisma/${folder}/schema.prisma`, "--script",
      ],
      { env: { PRISMA_CLI_DATABASE_URL: provider === "sqlite" ? "file::memory:" : postgresAdminUrl } },
    );
    expect(composeSchema(provider, models)).toBe(readFileSync(`prisma/${folder}/schema.prisma`, "utf8"));

    const migrated = await createTestDatabase(provider, { migrate: true });
    const direct = await createTestDatabase(provider);
    try {
      if (provider === "sqlite") {
        const Database = (await import("better-sqlite3")).default;
        const db = new Database((direct.target as { filePath: string }).filePath);
        db.exec(script);
        db.close();
      } else {
        await rawQuery(direct, script);
      }
      expect(await readSchemaCatalog(migrated)).toEqual(await readSchemaCatalog(direct));
    } finally {
      await migrated.drop();
      await direct.drop();
    }
  });

  it("Prisma Migrate agrees that a database migrated by CAM is up to date", async () => {
    const database = await createTestDatabase("sqlite", { migrate: true });
    try {
      const output = runPrisma(["migrate", "status", "--config", "prisma/sqlite.config.ts"], {
        env: { PRISMA_CLI_DATABASE_URL: database.url },
      });
      expect(output).toContain("Database schema is up to date!");
    } finally {
      await database.drop();
    }
  });
});
