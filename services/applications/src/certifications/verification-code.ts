import { randomBytes } from 'node:crypto';

/** RFC 4648 base32: no 0/1/8/9, so a code read aloud or typed from paper is not misread as O/I/B/g. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const VERIFICATION_CODE_LENGTH = 20;
/** 20 characters of 32: 100 random bits, far beyond guessing at the route's rate limit. */
const CODE_PATTERN = /^[A-Z2-7]{20}$/;

/** A fresh verification code from the system's CSPRNG (5 bits per character, no modulo bias: 256 = 8 × 32). */
export function newVerificationCode(): string {
  const bytes = randomBytes(VERIFICATION_CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte % 32];
  return code;
}

/**
 * The code as stored, from what a person typed: any case, with spaces or hyphens between groups
 * (`ABCDE-FGHIJ-…`). Null when it cannot be a code: the caller answers as for an unknown one.
 */
export function normaliseVerificationCode(input: string): string | null {
  if (input.length > 64) return null;
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  return CODE_PATTERN.test(code) ? code : null;
}

/** The code in groups of five, as printed on a certificate. */
export function groupedVerificationCode(code: string): string {
  return code.match(/.{1,5}/g)!.join('-');
}
