// Writes one Prisma schema per database from prisma/models.prisma and
// generates both clients. Runs after `npm install` and before builds.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { composeSchema, providers, root, runPrisma } from "./prisma-tooling.mjs";

const models = readFileSync(join(root, "prisma/models.prisma"), "utf8");

for (const [provider, folder] of Object.entries(providers)) {
  const schemaPath = join(root, "prisma", folder, "schema.prisma");
  mkdirSync(dirname(schemaPath), { recursive: true });
  writeFileSync(schemaPath, composeSchema(provider, models));
  const config = join(root, "prisma", `${folder}.config.ts`);
  runPrisma(["generate", "--config", config, "--schema", schemaPath], { inherit: true });
}
