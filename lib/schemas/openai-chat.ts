import { z } from "zod";

// The part of OpenAI's chat-completions request that CAM uses. Other fields
// clients send (temperature, top_p, ...) are accepted and ignored: the
// scenario, chosen by `model`, decides how the model generates.

const textPartSchema = z.looseObject({ type: z.literal("text"), text: z.string() });

/** Message content as a string or as text parts (other part types are not supported). */
const contentSchema = z.union([
  z.string(),
  z.array(textPartSchema).transform((parts) => parts.map((part) => part.text).join("\n")),
]);

export const openAiChatBodySchema = z.looseObject({
  model: z.string({ error: "is required: use a scenario id from GET /v1/models" }).min(1),
  messages: z
    .array(
      z.looseObject({
        role: z.enum(["system", "developer", "user", "assistant", "tool"]),
        content: contentSchema.nullish(),
      }),
    )
    .min(1, { error: "must contain at least the question" }),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
});

export type OpenAiChatBody = z.infer<typeof openAiChatBodySchema>;
