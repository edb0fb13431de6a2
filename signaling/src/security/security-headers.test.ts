import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EtapisteServer } from '../server.ts';
import { startTestServer } from '../testing/test-server.ts';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** The policy the server itself sets (security-headers.ts). */
function assertAppPolicy(policy: Map<string, string[]>, path: string, host: string): void {
  assert.deepEqual(policy.get('default-src'), ["'self'"], path);
  assert.deepEqual(policy.get('script-src'), ["'self'"], `${path}: scripts only from the app, no inline, no eval`);
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], path);
  assert.deepEqual(policy.get('object-src'), ["'none'"], path);
  assert.ok(policy.get('connect-src')?.includes(`ws://${host}`), `${path}: the WebSocket of this host`);
  assert.ok(policy.get('connect-src')?.includes('http://127.0.0.1:*'), `${path}: the booth's device bridge on loopback`);
  assert.ok(!policy.get('connect-src')?.some((source) => source === '*' || source === 'http:' || source === 'https:'), `${path}: no open connect-src`);
  assert.ok(policy.get('media-src')?.includes('blob:'), path);
}

/**
 * Security headers on app pages, API answers and errors alike (the apps' pages are checked in
 * a browser, with no CSP violation, by test/e2e/security-csp.test.ts).
 */
describe('security headers', () => {
  let server: EtapisteServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('every response carries a strict CSP, nosniff, no-referrer, no framing and a camera/microphone-for-self policy', async () => {
    for (const path of ['/', '/api/health', '/api/no-such-endpoint', '/api/media/counters', '/agent/', '/booth/board.html', '/interpreter/index.html', '/favicon.svg']) {
      const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      await response.arrayBuffer();
      const csp = response.headers.get('content-security-policy');
      assert.ok(csp, `${path} has a CSP`);
      const policy = directives(csp);
      // A 404 or redirect answered by express's own final handler carries its stricter
      // `default-src 'none'` (e.g. the app pages before the apps are built).
      const stricter = response.status >= 300 && policy.size === 1 && policy.get('default-src')?.[0] === "'none'";
      if (!stricter) assertAppPolicy(policy, path, new URL(server.url).host);
      assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer', path);
      assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
      const permissions = response.headers.get('permissions-policy') ?? '';
      assert.match(permissions, /camera=\(self\)/, path);
      assert.match(permissions, /microphone=\(self\)/, path);
      assert.match(permissions, /geolocation=\(\)/, path);
      assert.equal(response.headers.get('strict-transport-security'), null, `${path}: no HSTS over plain HTTP`);
      assert.equal(response.headers.get('x-powered-by'), null, path);
    }
    // The apps' icon is there (their pages link it; a missing one is a 404 on every page load).
    const icon = await fetch(`${server.url}/favicon.svg`);
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.match(await icon.text(), /^<svg /);
  });

  test('HSTS behind a TLS-terminating proxy on loopback; a hostile Host header never reaches the CSP', async () => {
    const behindTls = await fetch(`${server.url}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
    await behindTls.arrayBuffer();
    assert.match(behindTls.headers.get('strict-transport-security') ?? '', /max-age=31536000/);
    const { request } = await import('node:http');
    const csp = await new Promise<string>((resolve, reject) => {
      const outgoing = request(`${server.url}/api/health`, { headers: { host: "evil.example; script-src 'unsafe-inline'" } }, (response) => {
        response.resume();
        resolve(String(response.headers['content-security-policy']));
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('evil'), csp);
  });
});
