import "server-only";
import { Ollama } from "ollama";
import { AppError } from "@/lib/errors";
import { displayEndpoint } from "@/lib/health/check-model-backends";

// Text embeddings through Ollama's /api/embed. The default model, all-minilm,
// is the MiniLM-L6-v2 model the seed store was built with, so queries and the
// seed store's vectors are comparable.

export const DEFAULT_EMBEDDING_MODEL = "all-minilm";
/** How long one embedding request may take by default; a batch of 32 passages takes well under a second on a CPU. */
const DEFAULT_TIMEOUT_MS = 60_000;

export interface Embedder {
  readonly provider: "ollama";
  readonly model: string;
  /** Where it runs, without credentials. */
  readonly endpoint: string;
  /** One L2-normalised vector per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** Scales a vector to unit length, so inner product equals cosine similarity. */
export function normalise(vector: ArrayLike<number>): Float32Array {
  const result = Float32Array.from(vector);
  let norm = 0;
  for (const value of result) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < result.length; i += 1) result[i] = (result[i] as number) / norm;
  return result;
}

function explain(error: unknown, model: string, endpoint: string, timeoutMs: number): AppError {
  const status = (error as { status_code?: number }).status_code;
  const message = (error as Error).message ?? String(error);
  const where = `Ollama at ${endpoint}`;
  if (status === 404 || /not found/i.test(message)) {
    return new AppError("bad_gateway", `${where} does not have the embedding model "${model}". Pull it with \`ollama pull ${model}\`.`, { cause: error });
  }
  if ((error as Error).name === "TimeoutError" || (error as Error).name === "AbortError") {
    return new AppError("gateway_timeout", `${where} did not finish embedding with "${model}" within ${timeoutMs / 1000} s.`, { cause: error });
  }
  if (status) return new AppError("bad_gateway", `${where} failed to embed with "${model}" (HTTP ${status}: ${message}).`, { cause: error });
  return new AppError("bad_gateway", `Cannot reach ${where} to embed text with "${model}". Start Ollama or set OLLAMA_HOST.`, { cause: error });
}

/** An embedder backed by an Ollama server. */
export function createOllamaEmbedder(options: { host: string; apiKey?: string; model?: string; timeoutMs?: number }): Embedder {
  const model = options.model ?? DEFAULT_EMBEDDING_MODEL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const endpoint = displayEndpoint(options.host);
  const client = new Ollama({
    host: options.host,
    headers: options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : undefined,
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
  });
  return {
    provider: "ollama",
    model,
    endpoint,
    async embed(texts) {
      if (texts.length === 0) return [];
      try {
        const response = await client.embed({ model, input: texts, truncate: true });
        if (response.embeddings.length !== texts.length) {
          throw new Error(`returned ${response.embeddings.length} vectors for ${texts.length} texts`);
        }
        return response.embeddings.map(normalise);
      } catch (error) {
        throw explain(error, model, endpoint, timeoutMs);
      }
    },
  };
}
