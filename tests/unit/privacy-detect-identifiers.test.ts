import { describe, expect, it } from "vitest";
import { detectIdentifiers, isMobileNumber, namesIn, normaliseIdentifier, redactIdentifiers } from "@/lib/privacy/detect-identifiers";
import { isValidIhi } from "@/lib/privacy/healthcare-identifier";
import { isValidMedicareNumber, medicareCheckDigit } from "@/lib/privacy/medicare-number";

// The published algorithm, written out again here so the tests do not trust the code under test.
function withCheckDigit(firstEight: string, issue = "1"): string {
  const weights = [1, 3, 7, 9, 1, 3, 7, 9];
  const sum = [...firstEight].reduce((total, digit, k) => total + Number(digit) * weights[k]!, 0);
  return `${firstEight}${sum % 10}${issue}`;
}

const grouped = (digits: string) => `${digits.slice(0, 4)} ${digits.slice(4, 9)} ${digits.slice(9)}`;
const kinds = (text: string) => detectIdentifiers(text).map(({ kind, value }) => [kind, value]);

describe("Medicare numbers", () => {
  const valid = ["21234567", "39513332", "55555555", "60012345", "49876543"].map((firstEight) => withCheckDigit(firstEight));

  it("accept hand-checked numbers", () => {
    // 2×1 + 1×3 + 2×7 + 3×9 + 4×1 + 5×3 + 6×7 + 7×9 = 170, so the check digit is 0.
    expect(isValidMedicareNumber("2123 45670 1")).toBe(true);
    // 5 × (1 + 3 + 7 + 9 + 1 + 3 + 7 + 9) = 200, so the check digit is 0.
    expect(isValidMedicareNumber("5555555505")).toBe(true);
    expect(medicareCheckDigit("21234567")).toBe(0);
  });

  it.each(valid)("finds %s however it is written", (digits) => {
    for (const written of [digits, grouped(digits), grouped(digits).replaceAll(" ", "-"), `${grouped(digits)} 2`, `${digits}3`]) {
      expect(kinds(`Medicare: ${written}.`)).toEqual([["medicare", written]]);
    }
  });

  it("refuses wrong check digits, first digits outside 2-6, and longer digit runs", () => {
    for (const digits of valid) {
      const wrong = `${digits.slice(0, 8)}${(Number(digits[8]) + 1) % 10}${digits[9]}`;
      expect(isValidMedicareNumber(wrong)).toBe(false);
      expect(detectIdentifiers(`Medicare: ${grouped(wrong)}`)).toEqual([]);
    }
    expect(detectIdentifiers("7123 45670 1 and 1123 45670 1")).toEqual([]);
    expect(detectIdentifiers("reference 21234567011234")).toEqual([]);
    expect(detectIdentifiers("2123 45670")).toEqual([]);
  });
});

describe("phone numbers", () => {
  it.each([
    "0412 345 678",
    "0412345678",
    "0412-345-678",
    "+61 412 345 678",
    "+61412345678",
    "(02) 9876 5432",
    "02 9876 5432",
    "0398765432",
    "+61 2 9876 5432",
    "+61 (8) 9876 5432",
    "13 11 14",
    "131114",
    "1300 22 4636",
    "1300 224 636",
    "1800 022 222",
  ])("finds %s", (phone) => {
    expect(kinds(`Call ${phone} today.`)).toEqual([["phone", phone]]);
  });

  it.each([
    "Under APP 6.2(b) and s 150 of the National Law.",
    "Take 150 mg twice daily; 0.5 mg at night.",
    "In 2021-2022, 3,144 people died; 1300 patients were seen.",
    "Seen on 13/12/2024 at 10:30.",
    "Version 1.300.224.636 of the guideline.",
    "Postcode 2000, ABN 12 345 678 901.",
  ])("finds none in %j", (text) => {
    expect(detectIdentifiers(text).filter((identifier) => identifier.kind === "phone")).toEqual([]);
  });

  it("tells mobiles from other numbers and compares them in one form", () => {
    const [mobile, international, landline] = detectIdentifiers("0412 345 678, +61 412-345-678, (02) 9876 5432");
    expect(isMobileNumber(mobile!)).toBe(true);
    expect(isMobileNumber(landline!)).toBe(false);
    expect(normaliseIdentifier(international!)).toBe(normaliseIdentifier(mobile!));
    expect(normaliseIdentifier(landline!)).toBe("0298765432");
  });
});

describe("email addresses", () => {
  it("finds ordinary and unusual addresses", () => {
    expect(kinds("Write to jane.doe+clinic@example.com.au or PRIVACY@oaic.gov.au, or (first_last@x-y.org).")).toEqual([
      ["email", "jane.doe+clinic@example.com.au"],
      ["email", "PRIVACY@oaic.gov.au"],
      ["email", "first_last@x-y.org"],
    ]);
  });

  it("ignores handles and hosts without a domain", () => {
    expect(detectIdentifiers("Ask @cam_support or user@localhost, or a@b.")).toEqual([]);
  });
});

describe("redaction", () => {
  it("replaces each identifier with its kind and leaves the rest", () => {
    const text = "I'm Sam (Medicare 2123 45670 1), on 0412 345 678 or sam@example.com; Lifeline is 13 11 14.";
    expect(redactIdentifiers(text)).toBe(
      "I'm Sam (Medicare [medicare number]), on [phone number] or [email]; Lifeline is [phone number].",
    );
  });

  it("gives positions that slice back to each value, in order, without overlaps", () => {
    const text = "a 2123456701 b 0412 345 678 c x@y.com d 1300 22 4636";
    const found = detectIdentifiers(text);
    expect(found.map((identifier) => text.slice(identifier.start, identifier.end))).toEqual(found.map((identifier) => identifier.value));
    expect(found.every((identifier, k) => k === 0 || identifier.start >= found[k - 1]!.end)).toBe(true);
    expect(redactIdentifiers("nothing personal here")).toBe("nothing personal here");
  });
});

// Luhn, written out again here: double every second digit from the right.
function withLuhnDigit(fifteen: string): string {
  const sum = [...fifteen].reverse().reduce((total, digit, k) => {
    const value = k % 2 === 0 ? Number(digit) * 2 : Number(digit);
    return total + (value > 9 ? value - 9 : value);
  }, 0);
  return `${fifteen}${(10 - (sum % 10)) % 10}`;
}

describe("individual healthcare identifiers", () => {
  const ihi = withLuhnDigit("800360816669299");
  const spaced = ihi.replace(/(\d{4})(?=\d)/g, "$1 ");

  it("finds valid IHIs run together or in groups of four", () => {
    expect(isValidIhi(ihi)).toBe(true);
    expect(kinds(`IHI ${ihi}.`)).toEqual([["ihi", ihi]]);
    expect(kinds(`IHI: ${spaced}`)).toEqual([["ihi", spaced]]);
  });

  it("refuses a wrong check digit and other issuers' prefixes", () => {
    const wrong = `${ihi.slice(0, 15)}${(Number(ihi[15]) + 1) % 10}`;
    expect(isValidIhi(wrong)).toBe(false);
    expect(detectIdentifiers(`IHI ${wrong}`)).toEqual([]);
    const practitioner = withLuhnDigit("800361816669299");
    expect(detectIdentifiers(`HPI-I ${practitioner}`)).toEqual([]);
  });
});

describe("dates", () => {
  it.each(["12/03/1954", "2-11-1987", "3 April 1956", "3rd April 1956", "April 3, 1956", "14 Feb 2001"])("finds %s as a date of birth after a cue", (date) => {
    for (const cue of ["DOB", "D.O.B.:", "date of birth", "born on", "Born"]) {
      expect(kinds(`Patient ${cue} ${date}, admitted.`).filter(([kind]) => kind !== "name")).toEqual([["birth-date", date]]);
    }
  });

  it("finds other full dates as dates", () => {
    expect(kinds("Admitted 03/04/2024 and seen again on 9 May 2024.")).toEqual([
      ["date", "03/04/2024"],
      ["date", "9 May 2024"],
    ]);
  });

  it.each(["Privacy Act 1988", "APP 6.2(b) applies", "version 1.2.2024", "in 2024 the code changed", "13/45/2020", "31/12"])("finds none in %j", (text) => {
    expect(detectIdentifiers(text)).toEqual([]);
  });
});

describe("street addresses", () => {
  it.each([
    "12 Smith Street",
    "4/27 Kent St, Sydney NSW 2000",
    "Unit 3, 150 Victoria Parade, Fitzroy VIC 3065",
    "7A Jacaranda Close, Mount Gravatt QLD 4122",
    "88 Great Eastern Hwy",
  ])("finds %s", (address) => {
    expect(kinds(`She lives at ${address}. Next`)).toEqual([["address", address]]);
  });

  it("finds none in clause references and measurements", () => {
    expect(detectIdentifiers("See section 12 Part B and 15 mg Daily dosing, 3 Way Valve.")).toEqual([]);
  });
});

describe("personal names", () => {
  it.each([
    ["Can I tell Mrs Jane Citizen about it?", "Mrs Jane Citizen"],
    ["Dr Lee asked for the file.", "Dr Lee"],
    ["My patient Tom Nguyen has asked", "Tom Nguyen"],
    ["her daughter Amy rang", "Amy"],
    ["a man named Priya Sharma called", "Priya Sharma"],
    ["the patient's name is Oliver.", "Oliver"],
  ])("finds the name in %j", (text, name) => {
    expect(kinds(text)).toEqual([["name", name]]);
  });

  it("does not take capitalised words after a cue for names", () => {
    expect(detectIdentifiers("The patient Has asked whether the patient Medicare claim and their son Can consent.")).toEqual([]);
    expect(detectIdentifiers("Under the Privacy Act, a Health Practitioner must act.")).toEqual([]);
  });
});

describe("redaction of every kind", () => {
  it("leaves no seeded identifier in the redacted text", () => {
    const ihi = withLuhnDigit("800360816669299");
    const text = `Mrs Jane Citizen (DOB 12/03/1954, Medicare 2123 45670 1, IHI ${ihi}) of 4/27 Kent St, Sydney NSW 2000, on 0412 345 678 or jane@example.com.`;
    const redacted = redactIdentifiers(text);
    expect(redacted).toBe("[name] (DOB [date of birth], Medicare [medicare number], IHI [IHI]) of [address], on [phone number] or [email].");
    for (const seeded of ["Jane", "Citizen", "1954", "2123", ihi, "Kent", "0412", "jane@"]) expect(redacted).not.toContain(seeded);
  });
});

describe("names the question introduced", () => {
  it("are found where an answer repeats them without a cue, and nowhere else", () => {
    const knownNames = namesIn("My patient Tom Nguyen and Mrs Jane Citizen asked about their notes.");
    expect(knownNames).toEqual(["Tom", "Nguyen", "Jane", "Citizen"]);
    expect(redactIdentifiers("Call Jane today; tell Tom Nguyen the Code applies.", { knownNames })).toBe("Call [name] today; tell [name] the Code applies.");
    expect(redactIdentifiers("Call Jane today.")).toBe("Call Jane today.");
    expect(redactIdentifiers("Tomorrow is fine.", { knownNames })).toBe("Tomorrow is fine.");
  });
});
