import { describe, expect, it } from "vitest";
import { builtinChecks } from "@/lib/compliance/builtin-checks";
import type { CheckInput } from "@/lib/compliance/types";
import { defaultSettings } from "@/lib/schemas/settings";

// The checks that compare the answer with the rest of the exchange: the
// question (identifiers), the retrieved passages (citations), the settings
// (the disclaimer).

const disclaimer = defaultSettings.answer.disclaimer;

const passages: CheckInput["passages"] = [
  {
    rank: 1,
    label: "Australian Privacy Principles guidelines — APP 6.2(b)",
    text: "APP 6.2(b) permits use or disclosure of health information where it is required or authorised by an Australian law. Contact the OAIC on 1300 363 992 or enquiries@oaic.gov.au.",
  },
  {
    rank: 2,
    label: "Privacy Act 1988 — Schedule 1",
    text: "Australian Privacy Principle 11 — security of personal information\n\n11.1 If an APP entity holds personal information, the entity must take such steps as are reasonable in the circumstances to protect the information (a) from misuse, interference and loss; and (b) from unauthorised access.",
  },
  {
    rank: 3,
    label: "Health Practitioner Regulation National Law — s 150",
    text: "150 Preliminary assessment\n\n(1) The National Board must conduct a preliminary assessment of each notification, as required under section 149 and s 151.",
  },
];

function run(name: string, exchange: Partial<CheckInput>) {
  const answer = exchange.answer ?? "";
  return builtinChecks[name]!({ question: "", answer, rawAnswer: answer, passages, disclaimer, ...exchange });
}

describe("echoes-personal-identifiers", () => {
  const question = "I'm Sam, Medicare 2123 45670 1, mobile 0412 345 678, home (02) 9876 5432, sam@example.com. Who can see my file?";

  it("catches every kind of identifier the answer repeats from the question, redacted", () => {
    const answer = "Sam, your file (Medicare 2123456701) is private. We will ring +61 412 345 678 or (02) 9876 5432 and write to SAM@example.com.";
    const hits = run("echoes-personal-identifiers", { question, answer });
    expect(hits).toHaveLength(4);
    expect(hits.map((hit) => hit.evidence).join(" ")).not.toMatch(/2123|412 345|9876|example\.com/);
    expect(hits[0]?.evidence).toBe("Sam, your file (Medicare [medicare number]) is private.");
  });

  it("catches Medicare and mobile numbers the answer adds on its own", () => {
    const hits = run("echoes-personal-identifiers", { answer: "For example, a card reads 2123 45670 1, and you could text 0498 765 432." });
    expect(hits).toHaveLength(2);
    expect(hits[0]?.evidence).toBe("For example, a card reads [medicare number], and you could text [phone number].");
  });

  it.each([
    "Call Lifeline on 13 11 14 or Beyond Blue on 1300 22 4636 any time.",
    "You can contact the OAIC on 1300 363 992 or enquiries@oaic.gov.au.",
    "Your clinic's privacy officer is usually reachable at privacy@clinic.example or (03) 9000 1234.",
    "A Medicare number has ten digits; 2123 45671 1 is not a valid one.",
    "Under APP 6.2(b) and s 150, records may be disclosed; keep them 7 years.",
  ])("ignores organisations' contact details, invalid numbers and clause numbers: %j", (answer) => {
    expect(run("echoes-personal-identifiers", { answer })).toEqual([]);
  });

  it("ignores service numbers even when the question has them", () => {
    expect(run("echoes-personal-identifiers", { question: "I called 13 11 14 last night.", answer: "Lifeline (13 11 14) is there 24 hours." })).toEqual([]);
  });
});

describe("unsupported-citation", () => {
  it.each([
    ["Disclosure is allowed when a law requires it [1], and security is covered too [2][3].", []],
    ["Both sources agree [1, 3], see also [1-3].", []],
    ["Under APP 6.2(b) a law can authorise disclosure (see [1]).", []],
    ["APP 11 requires reasonable steps [2], as APP 11.1(b) spells out.", []],
    ["The Board assesses each notification under s 150, and section 149 starts the process.", []],
    ["Australian Privacy Principle 6 applies.", []],
  ])("accepts citations the passages support: %j", (answer, expected) => {
    expect(run("unsupported-citation", { answer })).toEqual(expected);
  });

  it.each([
    ["Consent is needed [4].", "Consent is needed [4]."],
    ["See the sources [2, 7].", "See the sources [2, 7]."],
    ["Several sources agree (see [3-5]).", "Several sources agree (see [3-5])."],
    ["APP 12 gives a right of access.", "APP 12 gives a right of access."],
    ["APP 6.3 covers related bodies.", "APP 6.3 covers related bodies."],
    ["APP 6.2(e) allows disclosure for enforcement.", "APP 6.2(e) allows disclosure for enforcement."],
    ["Under s 178, the Board may take immediate action.", "Under s 178, the Board may take immediate action."],
    ["Section 39 lets the Board issue codes.", "Section 39 lets the Board issue codes."],
  ])("catches %j", (answer, evidence) => {
    expect(run("unsupported-citation", { answer })).toEqual([{ evidence }]);
  });

  it("reads the raw answer, not the cleaned one", () => {
    expect(run("unsupported-citation", { answer: "Consent is needed.", rawAnswer: "Consent is needed [9]." })).toEqual([{ evidence: "Consent is needed [9]." }]);
  });

  it("reports each unsupported reference once", () => {
    expect(run("unsupported-citation", { answer: "APP 12 applies [8]. Again, APP 12 applies [8]." })).toHaveLength(2);
  });

  it("with retrieval off, flags every numbered citation but cannot judge clauses", () => {
    const answer = "APP 12 gives a right of access [1].";
    expect(run("unsupported-citation", { answer, passages: [] })).toEqual([{ evidence: answer }]);
    expect(run("unsupported-citation", { answer: "APP 12 gives a right of access.", passages: [] })).toEqual([]);
  });
});

describe("missing-disclaimer", () => {
  const firstSentence = disclaimer.split(". ")[0]!;

  it.each([
    `Records may be shared with consent.\n\n${disclaimer}`,
    `Records may be shared with consent.\n\n*${disclaimer.toUpperCase().replace(/ /g, "\n")}*`,
    `Records may be shared with consent. ${firstSentence}.`,
    `Records may be shared with consent.\n\n_${firstSentence}_`,
  ])("accepts the disclaimer written loosely: %j", (answer) => {
    expect(run("missing-disclaimer", { answer })).toEqual([]);
  });

  it.each([
    "Records may be shared with consent.",
    "Records may be shared with consent. This is general information.",
    "Records may be shared with consent. Consult a qualified health professional.",
  ])("catches an answer without it: %j", (answer) => {
    expect(run("missing-disclaimer", { answer })).toEqual([{}]);
  });

  it("needs nothing when no disclaimer is configured", () => {
    expect(run("missing-disclaimer", { answer: "Anything.", disclaimer: "" })).toEqual([]);
  });
});
