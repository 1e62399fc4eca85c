import { describe, expect, it } from "vitest";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import { configDocumentHash } from "@/lib/config/config-document-hash";
import { configDocumentSchema } from "@/lib/schemas/config-document";
import { defaultSettings } from "@/lib/schemas/settings";

// The exported configuration's content hash and its schema.

const content = { rules: defaultRulePack, settings: defaultSettings };
const reversedKeys = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).reverse()) as T;

describe("configuration document hash", () => {
  it("ignores key order and the installation's rule version numbers", () => {
    const hash = configDocumentHash(content);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(configDocumentHash({ rules: defaultRulePack.map(reversedKeys), settings: reversedKeys(defaultSettings) })).toBe(hash);
    expect(configDocumentHash({ ...content, rules: defaultRulePack.map((rule) => ({ ...rule, version: 7 })) })).toBe(hash);
  });

  it("changes when a rule's feature flag, the rule order or a setting changes", () => {
    const hash = configDocumentHash(content);
    const flagged = defaultRulePack.map((rule, index) => (index === 0 ? { ...rule, enabled: false } : rule));
    expect(configDocumentHash({ ...content, rules: flagged })).not.toBe(hash);
    expect(configDocumentHash({ ...content, rules: [...defaultRulePack].reverse() })).not.toBe(hash);
    expect(configDocumentHash({ ...content, settings: { ...defaultSettings, retrieval: { ...defaultSettings.retrieval, topK: 3 } } })).not.toBe(hash);
  });
});

describe("configuration document schema", () => {
  const document = {
    format: "cam-config",
    formatVersion: 1,
    exportedAt: "2026-11-27T03:00:00.000Z",
    source: { ruleSetVersion: 1, settingsVersion: 1 },
    ...content,
    sha256: configDocumentHash(content),
  };

  it("accepts an export and names the field of a foreign or newer file", () => {
    expect(configDocumentSchema.safeParse(document).success).toBe(true);
    expect(configDocumentSchema.safeParse({ ...document, format: "other" }).error?.issues[0]).toMatchObject({ path: ["format"], message: expect.stringMatching(/not a CAM configuration export/) });
    expect(configDocumentSchema.safeParse({ ...document, formatVersion: 2 }).error?.issues[0]).toMatchObject({ path: ["formatVersion"] });
    expect(configDocumentSchema.safeParse({ ...document, sha256: "abc" }).error?.issues[0]).toMatchObject({ path: ["sha256"] });
    expect(configDocumentSchema.safeParse({ ...document, rules: [] }).error?.issues[0]).toMatchObject({ path: ["rules"], message: expect.stringMatching(/at least one rule/) });
  });
});
