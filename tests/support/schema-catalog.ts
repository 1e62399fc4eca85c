import { rawQuery } from "./raw-sql";
import type { TestDatabase } from "./test-databases";

// A comparable description of a database schema: tables, columns, indexes,
// foreign keys and enums, read from the database's own catalogue.

// SQLite's trigram index for audit text search ("ExchangeText" and the tables FTS5 keeps for it) is
// SQL-only: Prisma cannot describe virtual tables. Its own tests are the audit-search ones.
const internal = (name: string) => name.startsWith("_prisma") || name.startsWith("sqlite_") || name.startsWith("ExchangeText");

async function sqliteCatalog(database: TestDatabase): Promise<string[]> {
  const lines: string[] = [];
  const tables = await rawQuery<{ name: string }>(database, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  for (const { name } of tables.filter((table) => !internal(table.name))) {
    for (const column of await rawQuery(database, `SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info('${name}')`)) {
      lines.push(`column ${name}.${JSON.stringify(column)}`);
    }
    for (const index of await rawQuery<{ name: string; unique: number }>(database, `SELECT name, "unique" FROM pragma_index_list('${name}')`)) {
      const columns = await rawQuery<{ name: string }>(database, `SELECT name FROM pragma_index_info('${index.name}') ORDER BY seqno`);
      lines.push(`index ${name}.${index.name} unique=${index.unique} (${columns.map((column) => column.name).join(",")})`);
    }
    for (const key of await rawQuery(database, `SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list('${name}')`)) {
      lines.push(`foreign key ${name} ${JSON.stringify(key)}`);
    }
  }
  return lines.sort();
}

async function postgresCatalog(database: TestDatabase): Promise<string[]> {
  const columns = await rawQuery(
    database,
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\\_prisma%'`,
  );
  const indexes = await rawQuery(
    database,
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\\_prisma%'`,
  );
  const constraints = await rawQuery(
    database,
    `SELECT rel.relname AS table, con.conname, pg_get_constraintdef(con.oid) AS definition
     FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
     WHERE ns.nspname = 'public' AND rel.relname NOT LIKE '\\_prisma%'`,
  );
  const enums = await rawQuery(
    database,
    `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
  );
  return [
    ...columns.map((row) => `column ${JSON.stringify(row)}`),
    ...indexes.map((row) => `index ${JSON.stringify(row)}`),
    ...constraints.map((row) => `constraint ${JSON.stringify(row)}`),
    ...enums.map((row) => `enum ${JSON.stringify(row)}`),
  ].sort();
}

/** Every table, column, index, key and enum of a database, one sorted line each. */
export function readSchemaCatalog(database: TestDatabase): Promise<string[]> {
  return database.provider === "sqlite" ? sqliteCatalog(database) : postgresCatalog(database);
}
