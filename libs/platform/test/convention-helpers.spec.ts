import { assertVersion, bearerTokenOf, hashesEqual, idempotencyRequestHash, jsonNestingDepth, looksLikeApiKey, versionFromIfMatch } from '../src';

describe('convention helpers', () => {
  it('counts JSON nesting on raw bytes, ignoring brackets in strings and escaped quotes', () => {
    expect(jsonNestingDepth(Buffer.from('1'))).toBe(0);
    expect(jsonNestingDepth(Buffer.from('{"a":[{"b":[]}]}'))).toBe(4);
    expect(jsonNestingDepth(Buffer.from('{"a":"[[[{{{\\"[[["}'))).toBe(1);
    expect(jsonNestingDepth(Buffer.from('['.repeat(10_000)))).toBe(10_000);
  });

  it('reads If-Match as a version and refuses anything else', () => {
    expect(versionFromIfMatch(undefined)).toBeUndefined();
    expect(versionFromIfMatch('"3"')).toBe(3);
    expect(versionFromIfMatch('W/"12"')).toBe(12);
    expect(versionFromIfMatch('7')).toBe(7);
    expect(() => versionFromIfMatch('"abc"')).toThrow('If-Match');
    expect(() => assertVersion('programme', 4, 3)).toThrow('version 3 is stale, the current version is 4');
    expect(() => assertVersion('programme', 4, 4)).not.toThrow();
    expect(() => assertVersion('programme', 4, undefined)).not.toThrow();
  });

  it('parses bearer tokens and compares hashes in constant time', () => {
    expect(bearerTokenOf('Bearer sx_live_abc')).toBe('sx_live_abc');
    expect(bearerTokenOf('bearer  sx_live_abc ')).toBe('sx_live_abc');
    expect(bearerTokenOf('Basic xyz')).toBeUndefined();
    expect(bearerTokenOf(['Bearer a', 'Bearer b'])).toBeUndefined();
    expect(looksLikeApiKey(`sx_live_${'A'.repeat(43)}`)).toBe(true);
    expect(looksLikeApiKey(`sx_live_${'A'.repeat(42)}'`)).toBe(false);
    expect(hashesEqual('ab'.repeat(32), 'ab'.repeat(32))).toBe(true);
    expect(hashesEqual('ab'.repeat(32), 'ac'.repeat(32))).toBe(false);
    expect(hashesEqual('ab', 'ab'.repeat(32))).toBe(false);
  });

  it('hashes an idempotent request independently of key order', () => {
    expect(idempotencyRequestHash('POST', '/v1/x', { a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(idempotencyRequestHash('POST', '/v1/x', { b: { c: [1, { e: 3, d: 2 }] }, a: 1 }));
    expect(idempotencyRequestHash('POST', '/v1/x', { a: 1 })).not.toBe(idempotencyRequestHash('POST', '/v1/y', { a: 1 }));
  });
});
