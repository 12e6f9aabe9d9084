import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promises as dns } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { forbiddenAddressReason } from './address-policy';

export interface NetworkPolicy {
  /** Plain http:// allowed (local development, tests). */
  allowHttp: boolean;
  /** Loopback, private, link-local… addresses allowed (local development, tests). */
  allowPrivateNetworks: boolean;
}

export class UnsafeWebhookUrl extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnsafeWebhookUrl';
  }
}

export type Resolver = (hostname: string) => Promise<string[]>;

const systemResolver: Resolver = async (hostname) => (await dns.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** The refusal of a host name that resolves inside: the same words whatever the address. */
export const INSIDE_ADDRESS_REFUSAL = 'the host name resolves to a private, loopback or link-local address, which this deployment does not allow';

/**
 * Refuses an address the policy does not allow. For a host name the refusal never says which
 * address it resolved to, nor which kind: the answer goes back to whoever registered the URL, and
 * must not let them map the inside network through our resolver (a DNS oracle). An IP-literal
 * host is what they wrote, so its kind may be named.
 */
export function assertAddressAllowed(address: string, policy: NetworkPolicy, host = address): void {
  if (policy.allowPrivateNetworks) return;
  const reason = forbiddenAddressReason(address);
  if (!reason) return;
  const article = /^[aeiou]/i.test(reason) ? 'an' : 'a';
  throw new UnsafeWebhookUrl(host === address ? `the host is ${article} ${reason} address, which this deployment does not allow` : INSIDE_ADDRESS_REFUSAL);
}

/**
 * The registration check: a well-formed http(s) URL without credentials, https unless http is
 * allowed, and a host whose every address is allowed. Returns the normalised URL.
 */
export async function checkWebhookUrl(raw: string, policy: NetworkPolicy, resolve: Resolver = systemResolver): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeWebhookUrl('not a valid absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    throw new UnsafeWebhookUrl(policy.allowHttp ? 'must be an http or https URL' : 'must be an https URL');
  }
  if (url.username || url.password) throw new UnsafeWebhookUrl('must not carry credentials');
  if (url.hash) throw new UnsafeWebhookUrl('must not have a #fragment');
  const host = hostOf(url);
  if (!host) throw new UnsafeWebhookUrl('has no host');
  if (!policy.allowPrivateNetworks) {
    let addresses: string[];
    if (isIP(host)) addresses = [host];
    else {
      try {
        addresses = await resolve(host);
      } catch (error) {
        throw new UnsafeWebhookUrl(`host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
      if (addresses.length === 0) throw new UnsafeWebhookUrl(`host ${host} does not resolve`);
    }
    for (const address of addresses) assertAddressAllowed(address, policy, host);
  }
  return url.toString();
}

/**
 * A `lookup` for the HTTP agent: resolves like the system does, then refuses the connection if any
 * address is not allowed, so a name re-pointed at an inside address after registration (DNS
 * rebinding) cannot be reached. IP-literal hosts never call lookup: check them with assertAddressAllowed.
 */
export function guardedLookup(policy: NetworkPolicy): LookupFunction {
  return ((hostname: string, options: object, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...(options as object), all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      try {
        for (const a of addresses) assertAddressAllowed(a.address, policy, hostname);
      } catch (refusal) {
        return callback(Object.assign(refusal as Error, { code: 'EWEBHOOKADDRESS' }));
      }
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
      callback(null, first.address, first.family);
    });
  }) as unknown as LookupFunction;
}
