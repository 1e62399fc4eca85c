// Creates a migration for both databases from the change to prisma/models.prisma
// since the last migration: `npm run db:migration -- <name>`.
//
// Prisma's shadow-database diff is not available with the JS schema engine,
// so the models as of the last migration are kept in prisma/models.migrated.prisma
// and diffed against the current models. The PostgreSQL diff needs the local
// server (PRISMA_CLI_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { composeSchema, providers, root, runPrisma } from "./prisma-tooling.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and underscores)");
  process.exit(2);
}

const modelsPath = join(root, "prisma/models.prisma");
const snapshotPath = join(root, "prisma/models.migrated.prisma");
const models = readFileSync(modelsPath, "utf8");
const previous = existsSync(snapshotPath) ? readFileSync(snapshotPath, "utf8") : undefined;
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const work = mkdtempSync(join(tmpdir(), "cam-migration-"));

try {
  let created = 0;
  for (const [provider, folder] of Object.entries(providers)) {
    const to = join(work, `${folder}.prisma`);
    writeFileSync(to, composeSchema(provider, models));
    const from = ["--from-empty"];
    if (previous) {
      writeFileSync(join(work, `${folder}.previous.prisma`), composeSchema(provider, previous));
      from.splice(0, 1, "--from-schema-datamodel", join(work, `${folder}.previous.prisma`));
    }
    const config = join(root, "prisma", `${folder}.config.ts`);
    const sql = runPrisma(["migrate", "diff", "--config", config, ...from, "--to-schema-datamodel", to, "--script"]);
    if (!/^\s*[A-Z]/m.test(sql)) {
      console.log(`${folder}: no changes`);
      continue;
    }
    const dir = join(root, "prisma", folder, "migrations", `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    const lock = join(root, "prisma", folder, "migrations", "migration_lock.toml");
    if (!existsSync(lock)) writeFileSync(lock, `provider = "${provider}"\n`);
    writeFileSync(join(dir, "migration.sql"), sql);
    console.log(`${folder}: wrote ${join("prisma", folder, "migrations", `${stamp}_${name}`, "migration.sql")}`);
    created += 1;
  }
  if (created > 0) copyFileSync(modelsPath, snapshotPath);
} finally {
  rmSync(work, { recursive: true, force: true });
}
