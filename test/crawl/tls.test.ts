import { afterEach, describe, expect, it } from 'vitest';
import { failureMessage } from '../../src/crawl/errors.js';
import { type FetchOptions, type HttpClient, type HttpClientOptions } from '../../src/crawl/fetcher.js';
import { testHttpClient } from './helpers/http-client.js';
import { html, startRawServer, type Handler, type RawServer } from './helpers/raw-server.js';

const opened: { clients: HttpClient[]; servers: RawServer[] } = { clients: [], servers: [] };
afterEach(async () => {
  await Promise.all(opened.clients.splice(0).map((c) => c.close()));
  await Promise.all(opened.servers.splice(0).map((s) => s.close()));
});

async function server(handler: Handler, tls = true): Promise<RawServer> {
  const s = await startRawServer(handler, { tls });
  opened.servers.push(s);
  return s;
}

async function client(opts: Partial<HttpClientOptions> = {}): Promise<HttpClient> {
  const c = testHttpClient({
    backoff: { baseMs: 10, capMs: 20 },
    ...opts,
  });
  await c.admit('https://127.0.0.1/');
  opened.clients.push(c);
  return c;
}

const get: FetchOptions = { method: 'GET', wantBody: (status) => status < 400, redirect: () => 'follow' };

describe('a school site with a self-signed certificate', () => {
  it('fails with "Chứng chỉ không hợp lệ" and the certificate error, without retrying', async () => {
    const s = await server((_req, res) => html(res, 'Trang chủ'));
    const r = await (await client()).fetch(`${s.origin}/`, get);
    expect(r.failure?.kind).toBe('tls');
    expect(r.failure?.detail).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(r.retries).toBe(0);
    expect(r.answer).toBeUndefined();
    expect(s.connections).toBe(1);
    expect(s.requests).toHaveLength(0);
    expect(failureMessage(r.failure!.kind, r.finalUrl, r.failure!.detail)).toBe(
      `Chứng chỉ không hợp lệ (HTTPS) / Invalid HTTPS certificate (DEPTH_ZERO_SELF_SIGNED_CERT) — ${s.origin}/`,
    );
  });

  it('with insecure, reads the page and still notes the invalid certificate, on every request to that server', async () => {
    const s = await server((req, res) => html(res, `Trang ${req.url}`));
    const c = await client({ insecure: true });
    const first = await c.fetch(`${s.origin}/`, get);
    expect(first.answer?.status).toBe(200);
    expect(first.answer?.body?.toString()).toContain('Trang /');
    expect(first.tlsError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(first.failure).toBeUndefined();

    const second = await c.fetch(`${s.origin}/gioi-thieu`, get);
    expect(second.answer?.body?.toString()).toContain('Trang /gioi-thieu');
    expect(second.tlsError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    await c.fetch(`${s.origin}/lien-he`, get);
    // one refused handshake, then at most two connections of the Agent that does not verify: later
    // requests went straight to it (each try with verification would cost a new connection)
    expect(s.connections).toBeLessThanOrEqual(3);
  });

  it('notes nothing for a plain HTTP site when insecure is set', async () => {
    const s = await server((_req, res) => html(res, 'Trang chủ'), false);
    const r = await (await client({ insecure: true })).fetch(`${s.origin}/`, get);
    expect(r.answer?.status).toBe(200);
    expect(r.tlsError).toBeUndefined();
  });
});

describe('redirect loops across http and https', () => {
  it('detects http → https → http as a loop and names its ends', async () => {
    const secure = await server((_req, res) => {
      res.writeHead(301, { location: `${plain.origin}/trang-chu#top` }).end();
    });
    const plain = await server((_req, res) => {
      res.writeHead(301, { location: `${secure.origin}/trang-chu` }).end();
    }, false);
    const r = await (await client({ insecure: true })).fetch(`${plain.origin}/trang-chu`, get);
    expect(r.failure?.kind).toBe('redirect-loop');
    expect(r.failure?.detail).toBe(`${plain.origin}/trang-chu → ${secure.origin}/trang-chu → ${plain.origin}/trang-chu`);
    expect(plain.requests).toHaveLength(1);
    expect(secure.requests).toHaveLength(1);
  });
});
