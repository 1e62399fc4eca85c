import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createModelClient, modelClientConfigFromEnv } from "@/lib/llm/create-model-client";

describe("modelClientConfigFromEnv", () => {
  it("points Ollama at OLLAMA_HOST with its optional token", () => {
    const env = parseEnv({ OLLAMA_HOST: "http://gpu-box:11434", OLLAMA_API_KEY: "tok" });
    expect(modelClientConfigFromEnv("ollama", env)).toEqual({ provider: "ollama", host: "http://gpu-box:11434", apiKey: "tok" });
    expect(modelClientConfigFromEnv("ollama", parseEnv({}))).toMatchObject({ host: "http://127.0.0.1:11434", apiKey: undefined });
  });

  it("uses OPENAI_BASE_URL and GEMINI_API_KEY when they are set", () => {
    const env = parseEnv({ OPENAI_BASE_URL: "http://127.0.0.1:8080/v1", OPENAI_API_KEY: "sk-1", GEMINI_API_KEY: "g-1" });
    expect(modelClientConfigFromEnv("openai", env)).toEqual({ provider: "openai", baseUrl: "http://127.0.0.1:8080/v1", apiKey: "sk-1" });
    expect(modelClientConfigFromEnv("gemini", env)).toEqual({ provider: "gemini", apiKey: "g-1", baseUrl: undefined });
  });

  it("names the setting to set when a provider is not configured", () => {
    const env = parseEnv({});
    for (const [provider, setting] of [
      ["openai", "OPENAI_BASE_URL"],
      ["gemini", "GEMINI_API_KEY"],
    ] as const) {
      const error = (() => {
        try {
          modelClientConfigFromEnv(provider, env);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "service_unavailable", message: expect.stringContaining(setting) });
    }
  });
});

describe("createModelClient", () => {
  it("builds one client per provider, showing where it sends requests without credentials", () => {
    expect(createModelClient({ provider: "ollama", host: "http://user:pw@127.0.0.1:11434/" })).toMatchObject({ provider: "ollama", endpoint: "http://127.0.0.1:11434" });
    expect(createModelClient({ provider: "openai", baseUrl: "http://gpu:8080/v1?token=x" })).toMatchObject({ provider: "openai", endpoint: "http://gpu:8080/v1" });
    expect(createModelClient({ provider: "gemini", apiKey: "k" })).toMatchObject({ provider: "gemini", endpoint: "https://generativelanguage.googleapis.com" });
  });
});
