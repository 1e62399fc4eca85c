import type { ChatMessage } from "@/lib/llm/types";

// Ollama's /api/generate takes one `system` and one `prompt`, not a list of
// messages. The model's chat template wraps the prompt as a single user turn,
// so earlier turns are written out as a labelled transcript above the
// question being asked:
//
//   User: What does APP 6 cover?
//
//   Assistant: Use and disclosure of personal information.
//
//   And APP 11?

const labels = { user: "User", assistant: "Assistant" } as const;

/** The `system` and `prompt` for /api/generate that carry the same conversation as the messages. */
export function formatGeneratePrompt(messages: readonly ChatMessage[]): { system?: string; prompt: string } {
  const systemParts = messages.filter((message) => message.role === "system").map((message) => message.content);
  const turns = messages.filter((message): message is ChatMessage & { role: "user" | "assistant" } => message.role !== "system");
  const last = turns.at(-1);
  // A closing user message is the question itself; anything else stays in the transcript.
  const question = last?.role === "user" ? last.content : undefined;
  const earlier = question === undefined ? turns : turns.slice(0, -1);
  const transcript = earlier.map((turn) => `${labels[turn.role]}: ${turn.content}`);
  const prompt = [...transcript, ...(question === undefined ? [] : [question])].join("\n\n");
  return systemParts.length > 0 ? { system: systemParts.join("\n\n"), prompt } : { prompt };
}
