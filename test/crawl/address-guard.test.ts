import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AddressGuard, addressKind, PrivateAddressError, type AddressKind } from '../../src/crawl/address-guard.js';
import { failureMessage } from '../../src/crawl/errors.js';
import { type FetchOptions, type HttpClient, type HttpClientOptions } from '../../src/crawl/fetcher.js';
import { testHttpClient } from './helpers/http-client.js';
import { html, startRawServer, type RawServer } from './helpers/raw-server.js';

describe('what kind of address', () => {
  it.each<[string, AddressKind]>([
    ['8.8.8.8', 'public'],
    ['113.160.92.10', 'public'], // a VNPT address
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.15.255.255', 'public'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.10', 'private'],
    ['192.169.0.1', 'public'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'public'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['fe00::1', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['::2', 'public'],
    ['school.test', 'public'], // a name: judged once resolved
  ])('%s is %s', (ip, kind) => {
    expect(addressKind(ip)).toBe(kind);
  });

  it.each([
    ['http://127.1/', '127.0.0.1', 'loopback'],
    ['http://2130706433/', '127.0.0.1', 'loopback'],
    ['http://0x7f.0.0.1/', '127.0.0.1', 'loopback'],
    ['http://0177.0.0.1/', '127.0.0.1', 'loopback'],
    ['http://0/', '0.0.0.0', 'unspecified'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]', 'loopback'],
    ['http://[0:0::1]/', '[::1]', 'loopback'],
    ['http://3232235777/', '192.168.1.1', 'private'],
  ])('sees through the spelling %s (the URL parser writes %s)', (url, host, kind) => {
    const { hostname } = new URL(url);
    expect(hostname).toBe(host);
    expect(addressKind(hostname)).toBe(kind);
  });
});

/** A resolver stub: name → addresses, and the names it was asked. */
function stubResolver(table: Record<string, string[]>): { lookup: LookupFunction; asked: string[] } {
  const asked: string[] = [];
  const lookup = ((hostname: string, _opts: object, cb: (e: Error | null, a: LookupAddress[]) => void) => {
    asked.push(hostname);
    const ips = table[hostname];
    if (!ips) return cb(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []);
    cb(null, ips.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  }) as unknown as LookupFunction;
  return { lookup, asked };
}

/** Runs the guard's connection lookup like net.connect does. */
function connectLookup(guard: AddressGuard, host: string): Promise<{ err: Error | null; address?: string }> {
  return new Promise((done) => guard.lookup()(host, { all: false }, (err, address) => done({ err, address: address as string })));
}

describe('the guard, with a resolver stub (no connection is ever made)', () => {
  it('admits a school whose name resolves to a private address, with its www twin', async () => {
    const dns = stubResolver({ 'thcs.noibo.test': ['10.1.2.3'], 'www.thcs.noibo.test': ['10.1.2.3'], 'router.test': ['192.168.1.1'] });
    const guard = new AddressGuard(false, dns.lookup);
    await guard.admit('http://thcs.noibo.test/');
    expect(await connectLookup(guard, 'thcs.noibo.test')).toEqual({ err: null, address: '10.1.2.3' });
    expect(await connectLookup(guard, 'www.thcs.noibo.test')).toEqual({ err: null, address: '10.1.2.3' });
    const refused = await connectLookup(guard, 'router.test');
    expect(refused.err).toBeInstanceOf(PrivateAddressError);
    expect(refused.err).toMatchObject({ code: 'ERR_PRIVATE_ADDRESS', host: 'router.test', address: '192.168.1.1' });
  });

  it('does not admit a school whose name resolves to public addresses: it has no business on private ones later', async () => {
    const dns = stubResolver({ 'thcs.longbien.test': ['203.0.113.5'] });
    const guard = new AddressGuard(false, dns.lookup);
    await guard.admit('https://thcs.longbien.test/');
    expect(dns.asked).toEqual(['thcs.longbien.test']);
    expect(guard.allows('thcs.longbien.test', '203.0.113.5')).toBe(true);
    expect(guard.allows('thcs.longbien.test', '127.0.0.1')).toBe(false); // a rebinding answer later
  });

  it('keeps the public addresses of a name that also resolves to private ones', async () => {
    const dns = stubResolver({ 'mixed.test': ['127.0.0.1', '203.0.113.7'] });
    const answer = await connectLookup(new AddressGuard(false, dns.lookup), 'mixed.test');
    expect(answer).toEqual({ err: null, address: '203.0.113.7' });
  });

  it('admits IP-literal school URLs only when private, never throws on names that do not resolve', async () => {
    const guard = new AddressGuard(false, stubResolver({}).lookup);
    await guard.admit('http://192.168.10.5:8080/');
    await guard.admit('http://khong-co.test/');
    await guard.admit('not a url');
    expect(guard.refusalOf('http://192.168.10.5:8080/tin-tuc')).toBeUndefined();
    expect(guard.refusalOf('http://192.168.10.6/')).toMatchObject({ address: '192.168.10.6' });
    expect(guard.refusalOf('http://[::1]:8080/')).toMatchObject({ address: '::1' });
    expect(guard.refusalOf('http://8.8.8.8/')).toBeUndefined();
  });

  it('passes an admission along a redirect only from an admitted host', async () => {
    const guard = new AddressGuard(false, stubResolver({}).lookup);
    await guard.admit('http://10.0.0.5/');
    guard.passAdmission('http://10.0.0.5/', 'http://10.0.0.6/trang-chu');
    guard.passAdmission('http://thcs.longbien.test/', 'http://10.0.0.7/'); // a public site sending the crawl inside
    expect(guard.refusalOf('http://10.0.0.6/trang-chu')).toBeUndefined();
    expect(guard.refusalOf('http://10.0.0.7/')).toBeInstanceOf(PrivateAddressError);
  });

  it('allows everything with allowPrivate', async () => {
    const guard = new AddressGuard(true, stubResolver({ 'router.test': ['192.168.1.1'] }).lookup);
    expect(await connectLookup(guard, 'router.test')).toEqual({ err: null, address: '192.168.1.1' });
    expect(guard.refusalOf('http://127.0.0.2/')).toBeUndefined();
  });
});

describe('the HTTP client refuses private addresses it was not told to use', () => {
  const opened: { clients: HttpClient[]; servers: RawServer[] } = { clients: [], servers: [] };
  afterEach(async () => {
    await Promise.all(opened.clients.splice(0).map((c) => c.close()));
    await Promise.all(opened.servers.splice(0).map((s) => s.close()));
  });

  async function server(address = '127.0.0.1'): Promise<RawServer> {
    const s = await startRawServer((req, res) => html(res, `Trang ${req.headers.host}${req.url}`), { address });
    opened.servers.push(s);
    return s;
  }

  function client(opts: Partial<HttpClientOptions> = {}): HttpClient {
    const c = testHttpClient({
      hosts: { 'school.test': '127.0.0.1', 'www.school.test': '127.0.0.1', 'evil.test': '127.0.0.1', 'moved.test': '127.0.0.1' },
      ...opts,
    });
    opened.clients.push(c);
    return c;
  }

  const get: FetchOptions = { method: 'GET', wantBody: () => true, redirect: () => 'follow' };

  it('fetches the admitted school (and its www twin) and refuses another name for the same address', async () => {
    const s = await server();
    const c = client();
    await c.admit(`http://school.test:${s.port}/`);
    const own = await c.fetch(`http://school.test:${s.port}/`, get);
    const www = await c.fetch(`http://www.school.test:${s.port}/`, get);
    expect([own.answer?.status, www.answer?.status]).toEqual([200, 200]);
    const connections = s.connections;

    const evil = await c.fetch(`http://evil.test:${s.port}/`, get);
    expect(evil.answer).toBeUndefined();
    expect(evil.failure?.kind).toBe('private-address');
    expect(evil.failure?.detail).toBe('127.0.0.1');
    expect(evil.retries).toBe(0);
    expect(s.connections).toBe(connections);
    expect(s.requests.map((r) => r.host.split(':')[0])).toEqual(['school.test', 'www.school.test']);
    expect(failureMessage(evil.failure!.kind, evil.finalUrl, evil.failure!.detail)).toBe(
      `Địa chỉ nội bộ, không truy cập / Private or loopback address, not followed (127.0.0.1) — http://evil.test:${s.port}/`,
    );
  });

  it('refuses a school it was not told about: the crawl must admit it first', async () => {
    const s = await server();
    const r = await client().fetch(`http://school.test:${s.port}/`, get);
    expect(r.failure?.kind).toBe('private-address');
    expect(s.connections).toBe(0);
  });

  it('refuses an IP literal without connecting, and lets it through with allowPrivate', async () => {
    const s = await server('127.0.0.2');
    const refused = await client().fetch(`http://127.0.0.2:${s.port}/`, get);
    expect(refused.failure?.kind).toBe('private-address');
    expect(refused.failure?.detail).toBe('127.0.0.2');
    expect(s.connections).toBe(0);

    const allowed = await client({ allowPrivate: true }).fetch(`http://127.0.0.2:${s.port}/`, get);
    expect(allowed.answer?.status).toBe(200);
    expect(s.connections).toBe(1);
  });

  it("takes the admission along when the school's home page moves to another private host", async () => {
    const s = await startRawServer((req, res) => {
      if (req.headers.host?.startsWith('school.test')) res.writeHead(301, { location: `http://moved.test:${s.port}/trang-chu` }).end();
      else html(res, 'Trang chủ mới');
    });
    opened.servers.push(s);
    const c = client();
    await c.admit(`http://school.test:${s.port}/`);
    const r = await c.fetch(`http://school.test:${s.port}/`, get);
    expect(r.failure).toBeUndefined();
    expect(r.finalUrl).toBe(`http://moved.test:${s.port}/trang-chu`);
    expect(r.answer?.body?.toString()).toContain('Trang chủ mới');
  });
});
