/**
 * The size of an outbox row as the relay sends it to Kafka: the key, the value (PostgreSQL's text
 * form of the jsonb payload, which puts a space after every `:` and `,`) and the headers' names and
 * values. Record and batch framing add a few dozen bytes on top; the limits leave room for them.
 */
export function encodedRecordBytes(key: string, payloadJson: string, payload: unknown, headers: Record<string, string>): number {
  return Buffer.byteLength(key) + headerBytes(headers) + jsonbTextBytes(payloadJson, payload);
}

/**
 * True when the record is at most `limit` bytes. Skips walking the payload when even twice its
 * compact JSON fits (jsonb adds at most one space per separator, and each separator is a byte).
 */
export function recordFits(key: string, payloadJson: string, payload: unknown, headers: Record<string, string>, limit: number): boolean {
  const fixed = Buffer.byteLength(key) + headerBytes(headers);
  const compact = Buffer.byteLength(payloadJson);
  if (fixed + 2 * compact <= limit) return true;
  return fixed + compact + separatorCount(payload) <= limit;
}

function headerBytes(headers: Record<string, string>): number {
  let bytes = 0;
  for (const name in headers) bytes += Buffer.byteLength(name) + Buffer.byteLength(headers[name]);
  return bytes;
}

/** Bytes of `payload` as jsonb text, given its compact JSON (`JSON.stringify(payload)`). */
export function jsonbTextBytes(compactJson: string, payload: unknown): number {
  return Buffer.byteLength(compactJson) + separatorCount(payload);
}

/** `:` and `,` in the JSON of `value`: each gets a space in jsonb's text form. */
function separatorCount(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  if (Array.isArray(value)) {
    let count = Math.max(0, value.length - 1);
    for (const item of value) count += separatorCount(item);
    return count;
  }
  let count = 0;
  let keys = 0;
  for (const [, item] of Object.entries(value)) {
    if (item === undefined) continue; // JSON.stringify leaves it out
    keys += 1;
    count += 1 + separatorCount(item);
  }
  return count + Math.max(0, keys - 1);
}

/**
 * The dotted path of the part of `value` that makes it large: from the root, step into the largest
 * member while it holds more than half of its parent's size, stopping at an array (the field, not
 * one of its items). Names the field in a refusal.
 */
export function largestPath(value: unknown): string | null {
  const path: string[] = [];
  let current = value;
  let size = jsonBytes(current);
  while (current !== null && typeof current === 'object' && !Array.isArray(current)) {
    let best: { name: string; value: unknown; size: number } | null = null;
    for (const [name, member] of Object.entries(current)) {
      const memberSize = jsonBytes(member);
      if (!best || memberSize > best.size) best = { name, value: member, size: memberSize };
    }
    if (!best || best.size * 2 <= size) break;
    path.push(best.name);
    current = best.value;
    size = best.size;
  }
  return path.length > 0 ? path.join('.') : null;
}

function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : Buffer.byteLength(json);
}
