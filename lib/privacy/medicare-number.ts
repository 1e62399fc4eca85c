// Australian Medicare card numbers: 10 digits (an 11th, the individual
// reference number, is often written after them). The first digit is 2-6 and
// the 9th is a check digit over the first eight. Pure and client-safe.

/** Weights Services Australia applies to the first eight digits. */
const CHECK_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9] as const;

/** The check digit for the first eight digits of a Medicare number. */
export function medicareCheckDigit(firstEight: string): number {
  let sum = 0;
  for (let i = 0; i < CHECK_WEIGHTS.length; i += 1) sum += Number(firstEight[i]) * CHECK_WEIGHTS[i]!;
  return sum % 10;
}

/**
 * Whether a string is a valid Medicare number: 10 or 11 digits once spaces,
 * hyphens and slashes are removed, first digit 2-6, and a correct check digit.
 */
export function isValidMedicareNumber(value: string): boolean {
  const digits = value.replace(/[\s/-]/g, "");
  if (!/^[2-6]\d{9,10}$/.test(digits)) return false;
  return medicareCheckDigit(digits.slice(0, 8)) === Number(digits[8]);
}
