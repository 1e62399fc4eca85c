import "server-only";
import { randomUUID } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import { ZodError, type z } from "zod";
import { findApiKeyCaller } from "@/lib/auth/api-keys";
import { can, type Permission, permissionLabels } from "@/lib/auth/permissions";
import { type Caller, findCaller, SESSION_COOKIE } from "@/lib/auth/sessions";
import { describeDatabaseError } from "@/lib/database/describe-database-error";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, type ErrorBody } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { checkMetricsToken } from "@/lib/metrics/check-metrics-token";
import { parseWellFormedJson } from "@/lib/well-formed-json";

// The one wrapper every route handler goes through: request id, size limit,
// authentication and permission, zod parsing, and mapping of every error to
// the same JSON shape ({ error: { code, message, requestId, fields? } }).

/** Who may call a route: anyone, any signed-in user, holders of a permission, or a scraper with METRICS_TOKEN. */
export type Access = "public" | "signed-in" | "metrics-token" | Permission;

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

type HandlerInput<A extends Access, B, Q> = {
  body: B;
  query: Q;
  params: Record<string, string | string[] | undefined>;
  caller: A extends "public" | "metrics-token" ? Caller | null : Caller;
  request: NextRequest;
  requestId: string;
};

type RouteOptions<A extends Access, B extends z.ZodType | undefined, Q extends z.ZodType | undefined> = {
  access: A;
  body?: B;
  query?: Q;
  /** Largest accepted request body; larger ones get 413. */
  maxBodyBytes?: number;
  /** Returns data to send as JSON with status 200, or a Response of its own. */
  handler: (
    input: HandlerInput<A, B extends z.ZodType ? z.infer<B> : undefined, Q extends z.ZodType ? z.infer<Q> : undefined>,
  ) => Promise<unknown>;
};

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Wraps a route handler; see the module comment. */
export function route<
  A extends Access,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(options: RouteOptions<A, B, Q>) {
  return async (request: NextRequest, context: RouteContext): Promise<Response> => {
    const started = performance.now();
    const incomingId = request.headers.get("x-request-id");
    const requestId = incomingId && REQUEST_ID_PATTERN.test(incomingId) ? incomingId : randomUUID();
    let caller: Caller | null = null;
    let response: Response;
    try {
      caller = await authenticate(request, options.access);
      const body = options.body ? options.body.parse(await readJson(request, options.maxBodyBytes)) : undefined;
      const query = options.query
        ? options.query.parse(Object.fromEntries(request.nextUrl.searchParams))
        : undefined;
      const params = (await context.params) ?? {};
      const result = await options.handler({ body, query, params, caller, request, requestId } as never);
      response = result instanceof Response ? result : NextResponse.json(result ?? null);
    } catch (error) {
      response = errorResponse(error, requestId);
    }
    response.headers.set("x-request-id", requestId);
    logger().info(
      {
        requestId,
        method: request.method,
        path: request.nextUrl.pathname,
        status: response.status,
        ms: Math.round(performance.now() - started),
        userId: caller?.userId,
      },
      "request",
    );
    return response;
  };
}

/** The caller from an API key (Authorization: Bearer cam_...) or the session cookie. */
async function identify(request: NextRequest): Promise<Caller | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const key = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const caller = key ? await findApiKeyCaller(getDb(), key) : null;
    if (!caller) throw new AppError("unauthenticated", "The API key is not valid or has been revoked. Create a new key with `cam users api-key create`.");
    return caller;
  }
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  // Cookies are sent by browsers automatically, so cookie-authenticated writes must come from this site.
  if (token && !SAFE_METHODS.has(request.method)) refuseCrossSite(request);
  return token ? findCaller(getDb(), token) : null;
}

async function authenticate(request: NextRequest, access: Access): Promise<Caller | null> {
  // The metrics token is no API key and names no person; sessions and keys do not open metrics.
  if (access === "metrics-token") {
    checkMetricsToken(request.headers.get("authorization"), env().METRICS_TOKEN);
    return null;
  }
  const caller = await identify(request);
  if (access === "public") return caller;
  if (!caller) throw new AppError("unauthenticated", "You are not signed in, or your session has expired. Sign in and try again.");
  if (access !== "signed-in" && !can(caller.role, access)) {
    throw new AppError("forbidden", `Your role (${caller.role}) may not ${permissionLabels[access]}. Ask an administrator for access.`);
  }
  return caller;
}

/**
 * Cross-site request forgery: cookies are SameSite=Lax, and on top of that a
 * cookie-authenticated write must not come from another site, by the browser's
 * own account (Sec-Fetch-Site) or by its Origin. Scripts using API keys are not
 * affected: a key is never sent automatically.
 */
function refuseCrossSite(request: NextRequest): void {
  const refuse = () => new AppError("forbidden", "This request came from another site and was refused. Use CAM's own pages.");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") throw refuse();
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!URL.canParse(origin) || new URL(origin).host !== host) throw refuse();
}

async function readJson(request: NextRequest, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const tooLarge = () =>
    new AppError("payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB. Send less text.`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.includes("application/json")) {
    throw new AppError("unsupported_media_type", "Send the request body as JSON with Content-Type: application/json.");
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge();
  try {
    return parseWellFormedJson(text);
  } catch (error) {
    throw new AppError("bad_request", `The request body is not valid JSON (${(error as Error).message}). Fix it and resend.`);
  }
}

/** Headers of a server-sent events response: never cached or transformed, and not buffered by nginx-style proxies. */
export const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" };

/** Maps any thrown value to the standard JSON error response. */
export function errorResponse(error: unknown, requestId: string): Response {
  const { status, body } = describeError(error, requestId);
  // Clients that back off (the OpenAI SDKs among them) wait as long as this says.
  const retryAfter = error instanceof AppError && error.retryAfterSeconds !== undefined ? { "retry-after": String(error.retryAfterSeconds) } : undefined;
  return NextResponse.json(body, { status, headers: retryAfter });
}

/** The status and JSON body for any thrown value; unexpected errors are logged and described generically. */
export function describeError(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  const known = error instanceof AppError ? error : describeDatabaseError(env().DATABASE_URL, error);
  let body: ErrorBody;
  let status: number;
  if (error instanceof ZodError) {
    const fields = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    const summary = fields.map((field) => `${field.path || "body"} ${field.message}`).join("; ");
    status = 422;
    body = { error: { code: "validation_failed", message: `Some fields are invalid: ${summary}.`, requestId, fields } };
  } else if (known instanceof AppError) {
    status = known.status;
    body = { error: { code: known.code, message: known.message, requestId, fields: known.fields } };
    if (status >= 500) logger().error({ requestId, err: known }, known.message);
  } else {
    status = 500;
    body = {
      error: {
        code: "internal",
        message: `Something went wrong on our side. It was logged with request id ${requestId}; quote it when reporting the problem.`,
        requestId,
      },
    };
    logger().error({ requestId, err: error }, "unhandled error");
  }
  return { status, body };
}
