import { isIP } from 'node:net';

/**
 * What per-address limits count a client by: its IPv4 address, or the /64 network of its IPv6
 * address (one subscriber usually holds a whole /64, so counting single IPv6 addresses would hand
 * each client billions of fresh counters). IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function clientAddressKey(address: string): string {
  const plain = address.split('%')[0]; // an IPv6 zone id names an interface, not a client
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(plain);
  if (mapped) return mapped[1];
  if (isIP(plain) !== 6) return plain;
  const [head, tail] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // A trailing dotted IPv4 part fills two groups; it lies beyond the /64 either way.
  const rightGroups = right.length + (right.at(-1)?.includes('.') ? 1 : 0);
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - rightGroups).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
