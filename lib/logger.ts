import "server-only";
import pino from "pino";
import { env } from "@/lib/env";

// Structured JSON logs, one object per line on stdout. Secrets and personal
// fields are censored wherever they appear in a logged object.

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

function createLogger() {
  return pino({
    level: env().LOG_LEVEL,
    base: { service: "cam" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]), censor: "[redacted]" },
  });
}

let instance: pino.Logger | undefined;

/** The process-wide logger; `logger().child({ requestId })` carries context. */
export function logger(): pino.Logger {
  instance ??= createLogger();
  return instance;
}
