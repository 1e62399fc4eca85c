// The one interface every model provider implements. Judges and the agent
// receive a ModelClient and never know which server answers.

/** The model servers CAM can talk to. */
export type ModelProviderName = "ollama" | "openai" | "gemini";

/** One turn of a conversation, in the roles all three providers understand. */
export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

/** Sampling and output settings; each provider maps them to its own names. */
export type GenerationOptions = {
  temperature?: number;
  /** Context window in tokens (Ollama num_ctx); ignored where the provider has no such setting. */
  contextTokens?: number;
  /** Longest answer in tokens. */
  maxTokens?: number;
  seed?: number;
  /** Ask for a JSON object (Ollama format "json", OpenAI response_format json_object, Gemini responseMimeType application/json). */
  json?: boolean;
};

/** What to ask which model; an aborted signal stops the request and any retries at once. */
export type GenerateRequest = { model: string; messages: ChatMessage[]; options?: GenerationOptions; signal?: AbortSignal };

/** A model's answer and what it cost. */
export type GenerateResult = {
  text: string;
  model: string;
  latencyMs: number;
  /** How many HTTP attempts it took (1 when the first succeeded). */
  attempts: number;
  promptTokens?: number;
  completionTokens?: number;
  finishReason?: string;
};

/** A model server behind one interface; failures are thrown as ModelError. */
export interface ModelClient {
  readonly provider: ModelProviderName;
  /** Where requests go, without credentials or query string. */
  readonly endpoint: string;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Model names the server itself reports (Ollama /api/tags, OpenAI /models, Gemini models.list). */
  listModels(): Promise<string[]>;
}
