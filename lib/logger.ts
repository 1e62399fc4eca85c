import "server-only";
import pino from "pino";
import { env } from "@/lib/env";
import { redactIdentifiers } from "@/lib/privacy/detect-identifiers";

// Structured JSON logs, one object per line on stdout. Secrets and personal
// fields are censored wherever they appear in a logged object, and personal
// identifiers are redacted from every logged text (messages and errors too,
// which can quote a question back).

const REDACTED_KEYS = [
  "password",
  "passwordHash",
  "token",
  "tokenHash",
  "apiKey",
  "authorization",
  "cookie",
  "question",
  "answer",
  "prompt",
];

/** A logged value with identifiers redacted from its texts, at any depth. */
function redactTexts(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactIdentifiers(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return redactTexts(pino.stdSerializers.err(value), depth + 1);
  if (Array.isArray(value)) return value.map((item) => redactTexts(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactTexts(item, depth + 1)]));
}

function createLogger() {
  return pino({
    level: env().LOG_LEVEL,
    base: { service: "cam" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }), log: (object) => redactTexts(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === "string" ? redactIdentifiers(arg) : arg)) as Parameters<typeof method>);
      },
    },
    redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]), censor: "[redacted]" },
  });
}

let instance: pino.Logger | undefined;

/** The process-wide logger; `logger().child({ requestId })` carries context. */
export function logger(): pino.Logger {
  instance ??= createLogger();
  return instance;
}
