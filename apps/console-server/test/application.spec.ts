import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, deadOrigin, startConsole } from './helpers';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

describe('the console server serves the built application', () => {
  let dir: string;
  let consoleServer: Awaited<ReturnType<typeof startConsole>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-dist-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), INDEX);
    await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log("console")');
    consoleServer = await startConsole({ CONSOLE_STATIC_DIR: dir, APPLICATIONS_URLS: await deadOrigin() });
  });

  afterAll(async () => {
    await consoleServer?.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['/', '/programmes/x', '/reviews/assignments/123?tab=open'])('answers %s with index.html under a strict Content-Security-Policy', async (path) => {
    const res = await new Browser(consoleServer.url).call('GET', path);
    expect(res.status).toBe(200);
    expect(res.text).toBe(INDEX);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a built file as itself, cached for good', async () => {
    const res = await new Browser(consoleServer.url).call('GET', '/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.text).toBe('console.log("console")');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('never answers index.html for the server’s own paths, other methods or files outside the build', async () => {
    const browser = new Browser(consoleServer.url);
    for (const [method, path] of [
      ['POST', '/programmes/x'],
      ['GET', '/api'],
      ['GET', '/session/other'],
      ['GET', '/health/ready'],
    ]) {
      const res = await browser.call(method, path);
      expect({ method, path, status: res.status, code: res.body?.code }).toEqual({ method, path, status: 404, code: 'CONSOLE.NOT_FOUND' });
    }
    const outside = await browser.call('GET', '/%2e%2e/%2e%2e/etc/passwd');
    expect(outside.text).not.toContain('root:');
  });

  it('answers /health/live', async () => {
    const res = await new Browser(consoleServer.url).call('GET', '/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('without a build, says so (503) instead of a blank page', async () => {
    const unbuilt = await startConsole({ APPLICATIONS_URLS: await deadOrigin() });
    try {
      const res = await new Browser(unbuilt.url).call('GET', '/programmes', { headers: { 'accept-language': 'ko' } });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('CONSOLE.APP_NOT_BUILT');
      expect(res.headers.get('content-language')).toBe('ko');
    } finally {
      await unbuilt.server.close();
    }
  });
});
