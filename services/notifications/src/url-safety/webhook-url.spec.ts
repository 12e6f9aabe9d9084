import { checkWebhookUrl, INSIDE_ADDRESS_REFUSAL, type NetworkPolicy, type Resolver } from './webhook-url';

const production: NetworkPolicy = { allowHttp: false, allowPrivateNetworks: false };
const resolvesTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses;

describe('checkWebhookUrl (registration)', () => {
  it('accepts an https URL whose host resolves to public addresses', async () => {
    await expect(checkWebhookUrl('https://hooks.partner.example/x?y=1', production, resolvesTo('93.184.216.34', '2606:4700::1'))).resolves.toBe(
      'https://hooks.partner.example/x?y=1',
    );
  });

  it('requires https unless http is allowed', async () => {
    await expect(checkWebhookUrl('http://hooks.partner.example/', production, resolvesTo('93.184.216.34'))).rejects.toThrow('must be an https URL');
    await expect(
      checkWebhookUrl('http://hooks.partner.example/', { ...production, allowHttp: true }, resolvesTo('93.184.216.34')),
    ).resolves.toBeDefined();
    await expect(checkWebhookUrl('ftp://hooks.partner.example/', production)).rejects.toThrow('https');
  });

  it.each([
    ['a name resolving to loopback', 'https://internal.example/', ['127.0.0.1']],
    ['a name resolving to a private address', 'https://internal.example/', ['10.0.0.5']],
    ['a name resolving to link-local (cloud metadata)', 'https://metadata.example/', ['169.254.169.254']],
    ['a name with one private address among public ones', 'https://mixed.example/', ['93.184.216.34', '192.168.0.4']],
    ['a name resolving to IPv6 loopback', 'https://v6.example/', ['::1']],
    ['a name resolving to an IPv4-mapped private address', 'https://mapped.example/', ['::ffff:10.0.0.1']],
    ['a name resolving to a unique-local address', 'https://ula.example/', ['fd00::5']],
  ])('refuses %s, in the same words and without the address', async (_, url, addresses) => {
    const refusal = await checkWebhookUrl(url, production, resolvesTo(...addresses)).then(
      () => null,
      (error: Error) => error.message,
    );
    // One sentence for every inside address: neither the address nor its kind is an oracle.
    expect(refusal).toBe(INSIDE_ADDRESS_REFUSAL);
    for (const address of addresses) expect(refusal).not.toContain(address);
  });

  it.each([
    'https://127.0.0.1/',
    'https://127.1/',
    'https://2130706433/',
    'https://0x7f000001/',
    'https://0177.0.0.1/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:a00:1]/',
    'https://169.254.169.254/latest/meta-data',
    'https://0.0.0.0/',
  ])('refuses the IP-literal URL %s (any spelling)', async (url) => {
    await expect(checkWebhookUrl(url, production, resolvesTo())).rejects.toThrow(/^the host is an? .*address, which this deployment does not allow$/);
  });

  it('refuses localhost through the real resolver without saying what it resolved to', async () => {
    await expect(checkWebhookUrl('https://localhost:8443/hook', production)).rejects.toThrow(INSIDE_ADDRESS_REFUSAL);
  });

  it('allows private addresses when the deployment allows them', async () => {
    await expect(checkWebhookUrl('http://localhost:8080/hook', { allowHttp: true, allowPrivateNetworks: true })).resolves.toBe(
      'http://localhost:8080/hook',
    );
  });

  it('refuses credentials, fragments, unresolvable hosts and garbage', async () => {
    await expect(checkWebhookUrl('https://user:pw@hooks.example/', production, resolvesTo('93.184.216.34'))).rejects.toThrow('credentials');
    await expect(checkWebhookUrl('https://hooks.example/#x', production, resolvesTo('93.184.216.34'))).rejects.toThrow('fragment');
    await expect(checkWebhookUrl('not a url', production)).rejects.toThrow('not a valid absolute URL');
    const failing: Resolver = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    };
    await expect(checkWebhookUrl('https://nowhere.invalid/', production, failing)).rejects.toThrow('does not resolve (ENOTFOUND)');
  });
});
