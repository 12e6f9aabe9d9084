import { randomBytes } from 'node:crypto';
import { parseSecretKeys, SecretBox, SecretBoxError } from './secret-box';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('SecretBox (AES-256-GCM at rest)', () => {
  const [k1, k2] = [key('k1'), key('k2')];
  const secret = `whsec_${randomBytes(32).toString('base64')}`;

  it('seals under the active key, never in the clear, and opens again', () => {
    const box = new SecretBox([k1, k2], 'k2');
    const { keyId, sealed } = box.seal(secret, 'endpoint/1/secret');
    expect(keyId).toBe('k2');
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('whsec_');
    expect(box.open('k2', sealed, 'endpoint/1/secret')).toBe(secret);
    // A fresh nonce each time: the same secret never seals to the same text.
    expect(box.seal(secret, 'endpoint/1/secret').sealed).not.toBe(sealed);
  });

  it('opens what an older key sealed, as long as that key is configured', () => {
    const old = new SecretBox([k1], 'k1').seal(secret, 'ctx');
    expect(new SecretBox([k1, k2], 'k2').open(old.keyId, old.sealed, 'ctx')).toBe(secret);
    expect(() => new SecretBox([k2], 'k2').open(old.keyId, old.sealed, 'ctx')).toThrow(SecretBoxError);
  });

  it('refuses a value that was altered, sealed for another row, or claimed by another key', () => {
    const box = new SecretBox([k1, k2], 'k1');
    const { sealed } = box.seal(secret, 'endpoint/1/secret');
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => box.open('k1', bytes.toString('base64'), 'endpoint/1/secret')).toThrow(/does not open/);
    expect(() => box.open('k1', sealed, 'endpoint/2/secret')).toThrow(/does not open/);
    expect(() => box.open('k2', sealed, 'endpoint/1/secret')).toThrow(/does not open/);
    expect(() => box.open('k1', 'AAAA', 'endpoint/1/secret')).toThrow(/truncated/);
  });

  it('refuses an active key id that is not configured', () => {
    expect(() => new SecretBox([k1], 'k2')).toThrow('"k2"');
  });
});

describe('parseSecretKeys', () => {
  const b64 = randomBytes(32).toString('base64');

  it('reads a comma-separated id:base64key list', () => {
    const keys = parseSecretKeys(` 2026-01:${b64} , next_2:${randomBytes(32).toString('base64')}`);
    expect(Array.isArray(keys) && keys.map((k) => [k.id, k.key.length])).toEqual([
      ['2026-01', 32],
      ['next_2', 32],
    ]);
  });

  it.each([
    ['', /at least one key/],
    [b64, /id:base64key/],
    [`bad id:${b64}`, /id:base64key/],
    [`k1:${randomBytes(16).toString('base64')}`, /"k1" must be 32 bytes/],
    [`k1:not base64!!`, /"k1" must be 32 bytes/],
    [`k1:${b64},k1:${b64}`, /listed twice/],
  ])('refuses %j without quoting the key', (text, problem) => {
    const result = parseSecretKeys(text);
    expect(result).toMatch(problem);
    expect(result).not.toContain(b64);
  });
});
