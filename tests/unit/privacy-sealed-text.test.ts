import { describe, expect, it } from "vitest";
import { generateKeyEntry, parseKeyring } from "@/lib/privacy/encryption-keys";
import { destroyedMarker, openForDisplay, openText, readDestroyed, sealedKeyId, sealText, textDigest } from "@/lib/privacy/sealed-text";

const first = generateKeyEntry("first");
const second = generateKeyEntry("second");
const question = "Can I tell Mrs Jane Citizen's daughter (Medicare 2123 45670 1) about her diagnosis?";

describe("parseKeyring", () => {
  it("makes the first key active and keeps the others for opening", () => {
    const keyring = parseKeyring(`${second},${first}`, "test");
    expect(keyring.activeId).toBe("second");
    expect([...keyring.keys.keys()]).toEqual(["second", "first"]);
  });

  it("reads one key per line and skips comments", () => {
    expect(parseKeyring(`# keys\n${first}\n\n${second}\n`, "file").activeId).toBe("first");
  });

  it.each([
    ["", /holds no keys/],
    ["bad id!:AAAA", /id "bad id!"/],
    ["short:AAAA", /3 bytes; AES-256 keys are 32 bytes/],
    [`${first},${first}`, /lists key "first" twice/],
  ])("refuses %j with a message that says what to do", (text, problem) => {
    expect(() => parseKeyring(text, "CAM_ENCRYPTION_KEYS")).toThrow(problem);
    expect(() => parseKeyring(text, "CAM_ENCRYPTION_KEYS")).toThrow(/cam -- keys generate/);
  });
});

describe("sealText and openText", () => {
  const keyring = parseKeyring(first, "test");

  it("round-trips text, and the stored form holds no plaintext", () => {
    const sealed = sealText(keyring, "Exchange.question", question);
    expect(sealed).toMatch(/^cam1\.first\./);
    expect(sealed).not.toContain("Citizen");
    expect(sealed).not.toContain("2123");
    expect(openText(keyring, "Exchange.question", sealed)).toBe(question);
  });

  it("uses a fresh nonce, so equal texts are sealed differently", () => {
    expect(sealText(keyring, "Exchange.question", question)).not.toBe(sealText(keyring, "Exchange.question", question));
  });

  it("refuses a value moved to another column", () => {
    const sealed = sealText(keyring, "Exchange.question", question);
    expect(() => openText(keyring, "Exchange.finalAnswer", sealed)).toThrow(/integrity check/);
  });

  it("refuses a value whose ciphertext was changed", () => {
    const parts = sealText(keyring, "Exchange.question", question).split(".");
    const ciphertext = Buffer.from(parts[3]!, "base64url");
    ciphertext[0]! ^= 1;
    parts[3] = ciphertext.toString("base64url");
    expect(() => openText(keyring, "Exchange.question", parts.join("."))).toThrow(/altered or damaged/);
  });

  it("names the missing key when a value was sealed with a key no longer in the keyring", () => {
    const sealed = sealText(parseKeyring(second, "old"), "Exchange.question", question);
    expect(sealedKeyId(sealed)).toBe("second");
    expect(() => openText(keyring, "Exchange.question", sealed)).toThrow(/key "second", which is not in the keyring/);
  });

  it("opens values sealed before a rotation while sealing new ones with the new key", () => {
    const before = sealText(keyring, "Exchange.prompt", "old prompt");
    const rotated = parseKeyring(`${second},${first}`, "rotated");
    expect(openText(rotated, "Exchange.prompt", before)).toBe("old prompt");
    expect(sealedKeyId(sealText(rotated, "Exchange.prompt", "new prompt"))).toBe("second");
  });
});

describe("destroyed text", () => {
  it("keeps the date and digest, and reads as a notice", () => {
    const digest = textDigest("ex1", "Exchange.question", question);
    const marker = destroyedMarker(new Date("2027-03-01T10:00:00Z"), digest);
    expect(readDestroyed(marker)).toEqual({ destroyedOn: "2027-03-01", digest });
    expect(openForDisplay(parseKeyring(first, "test"), "Exchange.question", marker)).toBe("[Removed on 2027-03-01 under the retention policy]");
    expect(readDestroyed(sealText(parseKeyring(first, "test"), "Exchange.question", question))).toBeNull();
  });

  it("binds digests to the record and column", () => {
    const digest = textDigest("ex1", "Exchange.question", question);
    expect(textDigest("ex2", "Exchange.question", question)).not.toBe(digest);
    expect(textDigest("ex1", "Exchange.finalAnswer", question)).not.toBe(digest);
    expect(textDigest("ex1", "Exchange.question", question)).toBe(digest);
  });
});
