// Unified social credit code (GB 32100-2015): 18 characters from a 31-character
// alphabet (no I, O, S, V, Z); the last is a check character over the first 17.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a code, or undefined if they are not valid. */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) return undefined;
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** True for a well-formed unified social credit code whose check character is right. */
export function isValidCreditCode(code: string): boolean {
  const upper = code.toUpperCase();
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(upper) && creditCodeCheckCharacter(upper.slice(0, 17)) === upper[17];
}
