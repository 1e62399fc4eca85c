// Australian healthcare identifiers: 16 digits, issuer prefix 800360 for an
// individual (IHI), 800361 for a practitioner (HPI-I) and 800362 for an
// organisation (HPI-O), with a Luhn check digit last. Pure and client-safe.

/** Whether the digits pass the Luhn check (the last digit checks the others). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Whether a string is a valid Individual Healthcare Identifier once spaces and hyphens are removed. */
export function isValidIhi(value: string): boolean {
  const digits = value.replace(/[\s-]/g, "");
  return /^800360\d{10}$/.test(digits) && passesLuhn(digits);
}
