import type { AttemptFailure } from "@/lib/llm/classify-failure";
import { ModelError } from "@/lib/llm/model-error";
import { scrubError, scrubSecrets } from "@/lib/llm/scrub-secret";
import type { ModelProviderName } from "@/lib/llm/types";

// The words of every ModelError: which server, which model, what happened and
// what to do about it. Messages are shown to clinicians and admins, so they
// name settings rather than SDK internals, and never contain an API key.

/** Which server and model a request was for. */
export type ModelTarget = {
  provider: ModelProviderName;
  endpoint: string;
  /** Undefined when listing models. */
  model?: string;
  apiKey?: string;
  timeoutMs: number;
};

/** Server details are quoted, but a whole HTML error page is not. */
const MAX_DETAIL_CHARS = 240;

const profiles = {
  ollama: {
    where: (endpoint: string) => `Ollama at ${endpoint}`,
    start: "Start Ollama (`ollama serve`) or set OLLAMA_HOST to where it runs.",
    key: "OLLAMA_API_KEY",
    address: "OLLAMA_HOST points at an Ollama server",
    missing: (model: string) => `Pull it with \`ollama pull ${model}\`, or choose another model.`,
  },
  openai: {
    where: (endpoint: string) => `the OpenAI-compatible server at ${endpoint}`,
    start: "Start the server or correct OPENAI_BASE_URL.",
    key: "OPENAI_API_KEY",
    address: "OPENAI_BASE_URL points at an OpenAI-compatible server and ends in /v1",
    missing: () => "Choose a model the server lists at /models, or start the server with this one.",
  },
  gemini: {
    where: (endpoint: string) => `Gemini at ${endpoint}`,
    start: "Check this machine's internet access, or GEMINI_BASE_URL if it is set.",
    key: "GEMINI_API_KEY",
    address: "GEMINI_BASE_URL (when set) points at the Gemini API",
    missing: () => "Choose a model from the Gemini model list.",
  },
} satisfies Record<ModelProviderName, unknown>;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** " (a; b)" from the parts that are present, or "". */
const aside = (...parts: string[]) => (parts.some(Boolean) ? ` (${parts.filter(Boolean).join("; ")})` : "");

function sentence(target: ModelTarget, failure: AttemptFailure, attempts: number): string {
  const profile = profiles[target.provider];
  const where = profile.where(target.endpoint);
  const Where = capitalise(where);
  const model = target.model;
  const asking = model === undefined ? "to list its models" : `to answer with "${model}"`;
  const tries = attempts > 1 ? `${attempts} attempts` : "";
  // Scrubbed before it is cut short, so a key split by the cut cannot leave its first half behind.
  const detail = scrubSecrets(failure.detail ?? "", [target.apiKey]).replace(/\s+/g, " ").trim().slice(0, MAX_DETAIL_CHARS).replace(/\.$/, "");
  const http = failure.status ? `HTTP ${failure.status}${detail ? `: ${detail}` : ""}` : detail;
  switch (failure.kind) {
    case "unreachable":
      return `Cannot reach ${where}${aside(detail, tries)} ${asking}. ${profile.start}`;
    case "timeout":
      return model === undefined
        ? `${Where} did not list its models within ${seconds(target.timeoutMs)}${aside(tries)}. Check that the server is not overloaded.`
        : `${Where} did not answer "${model}" within ${seconds(target.timeoutMs)}${aside(tries)}. The model may still be loading or be too slow for this machine; try again, or choose a smaller model.`;
    case "rate_limited":
      return `${Where} is limiting requests and refused ${asking}${aside(http, tries)}. Wait a minute and try again, or check the account's quota.`;
    case "server_error":
      return `${Where} failed ${asking}${aside(http, tries)}. Check the server's log, then try again.`;
    case "bad_request":
      if (failure.unrecognised) return `Asking ${where} ${asking} failed${aside(detail)}. Check the request's messages and settings; if they look right, report this as a fault in CAM.`;
      return `${Where} rejected the request ${asking}${aside(http)}. Check the model's settings (context size, answer length) against what it supports.`;
    case "not_found":
      return model === undefined
        ? `${Where} has no model list at this address${aside(http)}. Check that ${profile.address}.`
        : `${Where} has no model "${model}". ${profile.missing(model)}`;
    case "auth":
      return `${Where} refused CAM's credentials${aside(http)}. Check ${profile.key}.`;
    case "malformed":
      return `${Where} sent ${model === undefined ? "a model list" : `an answer from "${model}"`} that CAM cannot read${aside(detail)}. Check that ${profile.address}.`;
  }
}

/** The ModelError for a request that failed after the given number of attempts. */
export function explainModelFailure(target: ModelTarget, failure: AttemptFailure, attempts: number): ModelError {
  const secrets = [target.apiKey];
  return new ModelError({
    provider: target.provider,
    model: target.model,
    endpoint: target.endpoint,
    upstreamStatus: failure.status,
    attempts,
    kind: failure.kind,
    message: scrubSecrets(sentence(target, failure, attempts), secrets),
    cause: failure.cause === undefined ? undefined : scrubError(failure.cause, secrets),
  });
}
