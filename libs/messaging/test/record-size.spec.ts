import { encodedRecordBytes, largestPath, recordFits } from '../src/record-size';

describe('largestPath: the field a refusal names', () => {
  it('steps into the member that holds most of the size', () => {
    expect(largestPath({ startup: { name: 'x', languages: ['a'.repeat(500)] }, changedFields: ['languages'] })).toBe('startup.languages');
    expect(largestPath({ a: 'x'.repeat(10), b: 'y'.repeat(10) })).toBeNull();
    expect(largestPath('plain')).toBeNull();
  });
});

describe('recordFits: the write-time check', () => {
  it('agrees with the exact size at the boundary, with and without its shortcut', () => {
    const payload = { a: [1, 2, 3], b: { c: '가나다', d: null } };
    const json = JSON.stringify(payload);
    const headers = { ce_id: 'x', ce_type: 'startup.updated' };
    const exact = encodedRecordBytes('key', json, payload, headers);
    // jsonb's text: {"a": [1, 2, 3], "b": {"c": "가나다", "d": null}} has 8 more bytes (4 colons, 4 commas) than the compact JSON.
    expect(exact).toBe(3 + 5 + 1 + 7 + 15 + Buffer.byteLength(json) + 8);
    expect(recordFits('key', json, payload, headers, exact)).toBe(true);
    expect(recordFits('key', json, payload, headers, exact - 1)).toBe(false);
    expect(recordFits('key', json, payload, headers, exact * 2)).toBe(true);
  });
});
