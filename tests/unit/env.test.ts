import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { maskPassword, parseDatabaseUrl, parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

function configError(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("config_invalid");
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("parseEnv", () => {
  it("needs no configuration: SQLite under data/, local Ollama, store in rag_store/", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toEqual({ provider: "sqlite", filePath: resolve("data/cam.db") });
    expect(env.OLLAMA_HOST).toBe("http://127.0.0.1:11434");
    expect(env.RAG_STORE_DIR).toBe(resolve("rag_store"));
    expect(env.SESSION_TTL_HOURS).toBe(12);
    expect(env.GEMINI_API_KEY).toBeUndefined();
  });

  it("reads secrets from files named by <SETTING>_FILE, as container secrets are mounted", () => {
    const dir = mkdtempSync(join(tmpdir(), "cam-secrets-"));
    writeFileSync(join(dir, "database_url"), "postgresql://cam:s3cret@db.internal:5432/cam\n");
    writeFileSync(join(dir, "gemini"), "gemini-key-from-a-file\n");
    const env = parseEnv({ DATABASE_URL_FILE: join(dir, "database_url"), GEMINI_API_KEY_FILE: join(dir, "gemini") });
    expect(env.DATABASE_URL).toMatchObject({ provider: "postgresql", display: "postgresql://cam:****@db.internal:5432/cam" });
    expect(env.GEMINI_API_KEY).toBe("gemini-key-from-a-file");

    const missing = configError({ OPENAI_API_KEY_FILE: join(dir, "no-such-file") });
    expect(missing).toContain(`OPENAI_API_KEY_FILE names ${join(dir, "no-such-file")}, which cannot be read (ENOENT)`);
    expect(configError({ GEMINI_API_KEY: "a", GEMINI_API_KEY_FILE: join(dir, "gemini") })).toContain("GEMINI_API_KEY_FILE is set as well as GEMINI_API_KEY; set only one");
  });

  it("treats blank values as unset, so a copied .env.example works", () => {
    const env = parseEnv({ DATABASE_URL: "", OPENAI_BASE_URL: "  ", GEMINI_API_KEY: "" });
    expect(env.DATABASE_URL.provider).toBe("sqlite");
    expect(env.OPENAI_BASE_URL).toBeUndefined();
    expect(env.GEMINI_API_KEY).toBeUndefined();
  });

  it("switches to PostgreSQL for a postgresql:// URL and hides its password when shown", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://cam:s3cret@db.internal:5432/cam" });
    expect(env.DATABASE_URL).toEqual({
      provider: "postgresql",
      url: "postgresql://cam:s3cret@db.internal:5432/cam",
      display: "postgresql://cam:****@db.internal:5432/cam",
    });
  });

  it("explains an unsupported database scheme and how to fix it", () => {
    const message = configError({ DATABASE_URL: "mysql://root@localhost/cam" });
    expect(message).toContain('DATABASE_URL uses an unsupported scheme "mysql:"');
    expect(message).toContain("file:./data/cam.db");
    expect(message).toContain(".env.example");
  });

  it("refuses a PostgreSQL URL without a database, without echoing the password", () => {
    const message = configError({ DATABASE_URL: "postgresql://cam:hunter22@db:5432" });
    expect(message).toContain("names no database");
    expect(message).not.toContain("hunter22");
  });

  it("lists every wrong setting at once", () => {
    const message = configError({
      OLLAMA_HOST: "localhost:11434",
      SESSION_TTL_HOURS: "forever",
      CAM_ADMIN_PASSWORD: "short",
      LOG_LEVEL: "loud",
    });
    expect(message).toContain("OLLAMA_HOST must be an http(s) URL such as http://127.0.0.1:11434");
    expect(message).toContain("SESSION_TTL_HOURS must be a number of hours");
    expect(message).toContain("CAM_ADMIN_PASSWORD must be at least 12 characters");
    expect(message).toContain("LOG_LEVEL");
  });

  it("lower-cases the admin email and rejects one that is not an address", () => {
    expect(parseEnv({ CAM_ADMIN_EMAIL: "Admin@Hospital.Example" }).CAM_ADMIN_EMAIL).toBe("admin@hospital.example");
    expect(configError({ CAM_ADMIN_EMAIL: "admin" })).toContain("CAM_ADMIN_EMAIL must be an email address");
  });
});

describe("parseDatabaseUrl", () => {
  it("resolves relative SQLite paths against the working directory and keeps absolute ones", () => {
    expect(parseDatabaseUrl("file:./x/cam.db")).toEqual({ provider: "sqlite", filePath: resolve("x/cam.db") });
    expect(parseDatabaseUrl("file:/var/lib/cam/cam.db")).toEqual({ provider: "sqlite", filePath: "/var/lib/cam/cam.db" });
    expect(parseDatabaseUrl("file:")).toContain("must name a file");
  });

  it("accepts both PostgreSQL schemes", () => {
    expect(parseDatabaseUrl("postgres://u@h/db")).toMatchObject({ provider: "postgresql" });
    expect(parseDatabaseUrl("postgresql://u@h/db")).toMatchObject({ provider: "postgresql" });
  });
});

describe("maskPassword", () => {
  it("replaces only the password", () => {
    expect(maskPassword("postgresql://user:p%40ss@host/db")).toBe("postgresql://user:****@host/db");
    expect(maskPassword("postgresql://user@host/db")).toBe("postgresql://user@host/db");
  });
});
