import { isIP } from 'node:net';

/**
 * Which addresses a webhook may never reach unless the deployment allows private networks:
 * loopback, private, link-local, unique-local, CGNAT, multicast, unspecified, reserved and
 * documentation ranges, in IPv4 and IPv6, including IPv6 forms that embed an IPv4 address
 * (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16).
 */
interface Range {
  bytes: number[];
  prefix: number;
  label: string;
}

const V4_RANGES: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const V6_RANGES: Array<[string, number, string]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'discard-only'],
  ['2001::', 23, 'IETF protocol assignments'],
  ['2001:db8::', 32, 'documentation'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
];

function v4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** 16 bytes of an IPv6 address (with `::` and a dotted IPv4 tail expanded). */
export function v6Bytes(address: string): number[] {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = v4Bytes(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest === undefined ? [] : rest ? rest.split(':') : [];
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...(rest === undefined ? [] : Array<string>(missing).fill('0')), ...restGroups];
  const bytes = groups.flatMap((g) => {
    const n = parseInt(g || '0', 16);
    return [n >> 8, n & 0xff];
  });
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

function compile(ranges: Array<[string, number, string]>, toBytes: (a: string) => number[]): Range[] {
  return ranges.map(([address, prefix, label]) => ({ bytes: toBytes(address), prefix, label }));
}

const V4 = compile(V4_RANGES, v4Bytes);
const V6 = compile(V6_RANGES, v6Bytes);

function inRange(bytes: number[], range: Range): boolean {
  for (let bit = 0; bit < range.prefix; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((bytes[byte] & mask) !== (range.bytes[byte] & mask)) return false;
  }
  return true;
}

function classifyV4(bytes: number[]): string | null {
  if (bytes.every((b) => b === 255)) return 'broadcast';
  return V4.find((r) => inRange(bytes, r))?.label ?? null;
}

function embeddedV4(bytes: number[]): { bytes: number[]; form: string } | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return { bytes: bytes.slice(12), form: 'IPv4-mapped' };
  if (zeros(0, 12) && !zeros(12, 16) && !(zeros(12, 15) && bytes[15] === 1)) return { bytes: bytes.slice(12), form: 'IPv4-compatible' };
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) {
    return { bytes: bytes.slice(12), form: 'NAT64' };
  }
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return { bytes: bytes.slice(2, 6), form: '6to4' };
  // IPv4-translated ::ffff:0:a.b.c.d (RFC 2765)
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(10, 12)) return { bytes: bytes.slice(12), form: 'IPv4-translated' };
  return null;
}

/**
 * Why a webhook may not connect to `address` (an IP literal), or null when it is a public address.
 * Anything that is not a valid IP is refused too.
 */
export function forbiddenAddressReason(address: string): string | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 4) return classifyV4(v4Bytes(bare));
  if (family === 6) {
    const bytes = v6Bytes(bare);
    const embedded = embeddedV4(bytes);
    if (embedded) {
      const reason = classifyV4(embedded.bytes);
      return reason ? `${embedded.form} ${reason}` : null;
    }
    return V6.find((r) => inRange(bytes, r))?.label ?? null;
  }
  return 'not an IP address';
}
