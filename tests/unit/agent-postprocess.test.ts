import { describe, expect, it } from "vitest";
import { postprocessAnswer } from "@/lib/agent/postprocess-answer";

const passages = [
  {
    rank: 1,
    label: "Ahpra Regulatory Guide (2021) — APP 6.2(b)",
    text: "APP 6.2(b) creates an exception to APP 6 where the use or disclosure is required by an Australian law.",
  },
  {
    rank: 2,
    label: "Health Practitioner Regulation National Law Act 2009 (Qld) — s 150",
    text: "150 Preliminary assessment\n\n(1) A National Board must, within 60 days after receipt of a notification, conduct a preliminary assessment.\n\n(2) The Board may decide under section 151 to take no further action.",
  },
];

const run = (rawAnswer: string) => postprocessAnswer({ rawAnswer, passages });

describe("citations", () => {
  it('expand "(see [n])" to the source and its clause', () => {
    const result = run("Disclosure is allowed when a law requires it (see [1]). Boards assess notifications (see [2]).");
    expect(result.text).toBe(
      "Disclosure is allowed when a law requires it (Ahpra Regulatory Guide (2021) — APP 6.2(b); see [1]). " +
        "Boards assess notifications (Health Practitioner Regulation National Law Act 2009 (Qld) — s 150; see [2]).",
    );
    expect(result.citedRanks).toEqual([1, 2]);
    expect(result.invalidCitations).toEqual([]);
  });

  it("expand several numbers in one citation and flag numbers that point to no passage", () => {
    const result = run("Both apply (see [1], [2]). Another rule exists (see [7]). A bare cite [9] too.");
    expect(result.text).toContain("(Ahpra Regulatory Guide (2021) — APP 6.2(b); see [1]; Health Practitioner Regulation National Law Act 2009 (Qld) — s 150; see [2])");
    expect(result.text).toContain("(see [7]: no such source)");
    expect(result.invalidCitations).toEqual([7, 9]);
  });

  it("flag every citation when nothing was retrieved", () => {
    expect(postprocessAnswer({ rawAnswer: "As stated (see [1]).", passages: [] }).invalidCitations).toEqual([1]);
  });
});

describe("clause references", () => {
  it("keep references the sources contain, in either spacing", () => {
    const result = run("Under APP 6.2(b) and APP6.2(b), and s 150, the Board acts; see also section 151.");
    expect(result.text).toBe("Under APP 6.2(b) and APP6.2(b), and s 150, the Board acts; see also section 151.");
    expect(result.clauseChanges).toEqual([]);
  });

  it("reduce an unsupported reference to its nearest supported parent", () => {
    const result = run("APP 6.2(z) permits it, as does APP 6.3, and s 150(9)(c) requires an assessment.");
    expect(result.text).toBe("APP 6.2 permits it, as does APP 6, and s 150 requires an assessment.");
    expect(result.clauseChanges).toEqual([
      { original: "APP 6.2(z)", replacement: "APP 6.2" },
      { original: "APP 6.3", replacement: "APP 6" },
      { original: "s 150(9)(c)", replacement: "s 150" },
    ]);
  });

  it("keep a supported subsection and replace references with no supported parent", () => {
    const result = run("See s 150(2). APP 11.2 requires destruction and section 999 applies.");
    expect(result.text).toBe(
      "See s 150(2). the relevant Australian Privacy Principle requires destruction and the relevant section applies.",
    );
  });

  it("do not mistake APP 1 for a part of APP 11", () => {
    const result = postprocessAnswer({ rawAnswer: "APP 1 requires a policy.", passages: [{ rank: 1, label: "x", text: "APP 11 covers security." }] });
    expect(result.text).toBe("the relevant Australian Privacy Principle requires a policy.");
  });

  it("replace every clause reference when nothing was retrieved", () => {
    const result = postprocessAnswer({ rawAnswer: "APP 6.2(b) allows this.", passages: [] });
    expect(result.text).toBe("the relevant Australian Privacy Principle allows this.");
  });
});
