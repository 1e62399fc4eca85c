import "server-only";
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors";

// The only module that reads process.env. Every setting is validated once,
// on first use, and a wrong value names the variable, what was wrong and how
// to fix it. .env.example documents each setting.

/** Where the database lives: chosen from DATABASE_URL. */
export type DatabaseTarget =
  | { provider: "sqlite"; filePath: string }
  | { provider: "postgresql"; url: string; display: string };

const DEFAULT_DATABASE_URL = "file:./data/cam.db";

const httpUrl = (example: string) =>
  z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value), {
      message: `must be an http(s) URL such as ${example}`,
    });

const optionalSecret = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .default(DEFAULT_DATABASE_URL)
    .transform((value, ctx) => {
      const target = parseDatabaseUrl(value || DEFAULT_DATABASE_URL);
      if (typeof target === "string") {
        ctx.addIssue({ code: "custom", message: target });
        return z.NEVER;
      }
      return target;
    }),
  /** Where the console keeps uploaded documents for the store; `cam ingest` reads it by default. */
  HEALTH_DOCS_DIR: z.string().trim().min(1).default("health_docs").transform((dir) => resolve(/* turbopackIgnore: true */ dir)),
  /** Resolved against the working directory (the project root). */
  RAG_STORE_DIR: z.string().trim().min(1).default("rag_store").transform((dir) => resolve(/* turbopackIgnore: true */ dir)),
  OLLAMA_HOST: httpUrl("http://127.0.0.1:11434").default("http://127.0.0.1:11434"),
  OLLAMA_API_KEY: optionalSecret,
  /** Which vector search runs: faiss-node when it is built ("auto"), or always the built-in one. */
  VECTOR_BACKEND: z.enum(["auto", "builtin", "faiss-node"]).default("auto"),
  /** Ollama model that embeds questions; must match the model the store was built with. "none" turns vector search off. */
  EMBEDDING_MODEL: z.string().trim().min(1).default("all-minilm"),
  OPENAI_BASE_URL: httpUrl("http://127.0.0.1:8080/v1").optional(),
  OPENAI_API_KEY: optionalSecret,
  GEMINI_API_KEY: optionalSecret,
  GEMINI_BASE_URL: httpUrl("https://generativelanguage.googleapis.com").optional(),
  CAM_ADMIN_EMAIL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "must be an email address such as admin@hospital.example" }))
    .default("admin@cam.local"),
  CAM_ADMIN_PASSWORD: z
    .string()
    .min(12, { message: "must be at least 12 characters (or unset it to have one generated)" })
    .optional(),
  SESSION_TTL_HOURS: z.coerce
    .number({ message: "must be a number of hours" })
    .int({ message: "must be a whole number of hours" })
    .min(1, { message: "must be at least 1 hour" })
    .max(720, { message: "must be at most 720 hours (30 days)" })
    .default(12),
  /** Single sign-on (OpenID Connect): the provider's issuer URL; unset turns single sign-on off. */
  OIDC_ISSUER: httpUrl("https://login.hospital.example/realms/staff").optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: optionalSecret,
  /** The button text on the sign-in page: "Sign in with <name>". */
  OIDC_DISPLAY_NAME: z.string().trim().min(1).default("single sign-on"),
  /** Role for people who sign in through single sign-on without an account; unset means only existing accounts may. */
  OIDC_DEFAULT_ROLE: z.enum(["clinician", "reviewer", "admin"], { error: "must be clinician, reviewer or admin" }).optional(),
  /** The console's public address (https://cam.hospital.example), for the single sign-on return address; else taken from each request. */
  CAM_PUBLIC_URL: httpUrl("https://cam.hospital.example").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Keys that seal health information at rest, "id:base64", comma-separated, the first one active. */
  CAM_ENCRYPTION_KEYS: optionalSecret,
  /** A file of such keys, one per line, the first active; used when CAM_ENCRYPTION_KEYS is unset. */
  CAM_ENCRYPTION_KEY_FILE: z
    .string()
    .trim()
    .min(1)
    .default("data/encryption.keys")
    .transform((file) => resolve(/* turbopackIgnore: true */ file)),
  /** Days to keep the sealed text of exchanges; `cam retention apply` destroys older text. Unset keeps it. */
  RETENTION_DAYS: z.coerce
    .number({ message: "must be a number of days" })
    .int({ message: "must be a whole number of days" })
    .min(1, { message: "must be at least 1 day" })
    .optional(),
  /** Whether this app instance runs the background judge of console answers. */
  JUDGE_WORKER: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  /** Bearer token a Prometheus server sends to read /api/metrics; unset turns the endpoint off. */
  METRICS_TOKEN: optionalSecret,
}).superRefine((config, ctx) => {
  if (config.OIDC_ISSUER && !config.OIDC_CLIENT_ID) {
    ctx.addIssue({ code: "custom", path: ["OIDC_CLIENT_ID"], message: "must be set when OIDC_ISSUER is (the client id registered with your sign-on provider)" });
  }
});

export type Env = z.infer<typeof envSchema>;

/**
 * Parses DATABASE_URL. Returns the target, or a message saying what is wrong.
 * SQLite paths are resolved against the working directory (the project root).
 */
export function parseDatabaseUrl(url: string): DatabaseTarget | string {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length).split("?")[0] ?? "";
    if (!path) return "must name a file after file:, e.g. file:./data/cam.db";
    return { provider: "sqlite", filePath: isAbsolute(path) ? path : resolve(/* turbopackIgnore: true */ path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (!URL.canParse(url)) {
      return `is not a valid PostgreSQL URL (${maskPassword(url)}); expected postgresql://user:password@host:5432/database`;
    }
    const parsed = new URL(url);
    if (!parsed.pathname.slice(1)) {
      return `names no database (${maskPassword(url)}); expected postgresql://user:password@host:5432/database`;
    }
    return { provider: "postgresql", url, display: maskPassword(url) };
  }
  const scheme = url.split(":")[0] ?? url;
  return `uses an unsupported scheme "${scheme}:"; use file:./data/cam.db for SQLite or postgresql://user:password@host:5432/database for PostgreSQL`;
}

/** Replaces the password in a connection URL so it can be shown or logged. */
export function maskPassword(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]+:)[^@]*@/i, "$1****@");
}

/** Settings that may instead be read from a file named by `<SETTING>_FILE` (container secrets). */
const FILE_SETTINGS = [
  "DATABASE_URL",
  "CAM_ADMIN_PASSWORD",
  "CAM_ENCRYPTION_KEYS",
  "OLLAMA_API_KEY",
  "OPENAI_API_KEY",
  "GEMINI_API_KEY",
  "OIDC_CLIENT_SECRET",
  "METRICS_TOKEN",
] as const;

/** Every setting name CAM reads, the `_FILE` forms included (for checking deployment files). */
export function knownSettingNames(): string[] {
  return [...Object.keys(envSchema.shape), ...FILE_SETTINGS.map((name) => `${name}_FILE`)];
}

/** The settings given as files, read in; a file that cannot be read is a problem to report. */
function readSettingFiles(source: Record<string, string | undefined>): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const name of FILE_SETTINGS) {
    const file = source[`${name}_FILE`]?.trim();
    if (!file) continue;
    if (source[name]?.trim()) {
      problems.push(`  ${name}_FILE is set as well as ${name}; set only one`);
      continue;
    }
    try {
      values[name] = readFileSync(file, "utf8").trim();
    } catch (error) {
      problems.push(`  ${name}_FILE names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }
  return { values, problems };
}

/**
 * Validates an environment. Empty values count as unset, so a copied .env.example
 * with blanks works; secrets may come from files (`DATABASE_URL_FILE` and so on).
 * Throws AppError("config_invalid") listing every problem.
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const files = readSettingFiles(source);
  const present = Object.entries({ ...source, ...files.values }).filter(([, value]) => value !== undefined && value.trim() !== "");
  const result = envSchema.safeParse(Object.fromEntries(present));
  if (result.success && !files.problems.length) return result.data;
  const lines = [...files.problems, ...(result.success ? [] : result.error.issues.map((issue) => `  ${issue.path.join(".")} ${issue.message}`))];
  throw new AppError(
    "config_invalid",
    `The configuration is invalid:\n${lines.join("\n")}\nFix these in .env or the environment; .env.example describes every setting.`,
  );
}

let cached: Env | undefined;

/** The validated configuration of this process, read on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
