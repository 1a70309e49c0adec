/**
 * Where the crawl may connect. A link on a school page can name any host, and a host name can
 * resolve to anything: an address inside the auditor's own network (a router, a printer, a cloud
 * metadata service) must not be requested because a web page pointed at it. Such addresses are
 * refused unless the host is one the crawl admitted (the school's own site lives there) or the
 * run allows private addresses. The check runs where connections are made: in the DNS lookup the
 * connection uses (no window between check and connect) and, for IP literals, before the request.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

export type AddressKind = 'public' | 'private' | 'cgnat' | 'loopback' | 'link-local' | 'unique-local' | 'unspecified';

/** IPv4 ranges that are not the public internet: [first octets as a 32-bit prefix, prefix length, kind]. */
const IPV4_RANGES: [number, number, AddressKind][] = [
  [ipv4(0, 0, 0, 0), 8, 'unspecified'], // "this network"; 0.0.0.0 reaches the local machine
  [ipv4(10, 0, 0, 0), 8, 'private'],
  [ipv4(100, 64, 0, 0), 10, 'cgnat'],
  [ipv4(127, 0, 0, 0), 8, 'loopback'],
  [ipv4(169, 254, 0, 0), 16, 'link-local'], // also cloud metadata (169.254.169.254)
  [ipv4(172, 16, 0, 0), 12, 'private'],
  [ipv4(192, 168, 0, 0), 16, 'private'],
];

function ipv4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** What kind of address `ip` is (a literal as found in a URL's host or a DNS answer; brackets allowed). */
export function addressKind(ip: string): AddressKind {
  const literal = ip.replace(/^\[|\]$/g, '');
  const family = isIP(literal);
  if (family === 4) return ipv4Kind(parseIpv4(literal));
  if (family === 6) return ipv6Kind(parseIpv6(literal));
  return 'public'; // not an address: names are checked once resolved
}

export function isPrivateAddress(ip: string): boolean {
  return addressKind(ip) !== 'public';
}

function ipv4Kind(n: number): AddressKind {
  for (const [prefix, bits, kind] of IPV4_RANGES) {
    if (n >>> (32 - bits) === prefix >>> (32 - bits)) return kind;
  }
  return 'public';
}

function parseIpv4(s: string): number {
  const [a, b, c, d] = s.split('.').map(Number) as [number, number, number, number];
  return ipv4(a, b, c, d);
}

/** Eight 16-bit groups; `::` expanded, a trailing dotted IPv4 part turned into two groups. */
function parseIpv6(s: string): number[] {
  let text = s.replace(/%.*$/, ''); // zone index (fe80::1%eth0)
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = parseIpv4(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const groups = (part: string | undefined): number[] => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const h = groups(head);
  const t = groups(tail);
  return tail === undefined ? h : [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
}

function ipv6Kind(g: number[]): AddressKind {
  const zeroUntil = (i: number): boolean => g.slice(0, i).every((x) => x === 0);
  if (zeroUntil(5) && g[5] === 0xffff) return ipv4Kind(((g[6]! << 16) | g[7]!) >>> 0); // ::ffff:a.b.c.d
  if (zeroUntil(7) && g[7] === 0) return 'unspecified';
  if (zeroUntil(7) && g[7] === 1) return 'loopback';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'unique-local';
  return 'public';
}

/** A connection refused because it would reach a private address; `code` is what the fetcher classifies. */
export class PrivateAddressError extends Error {
  readonly code = 'ERR_PRIVATE_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} → ${address}: private address, not followed`);
  }
}

/**
 * The hosts whose private addresses the crawl may use: those admitted (the school's own site
 * and its www./non-www twin), or every host when private addresses are allowed.
 */
export class AddressGuard {
  private readonly admitted = new Set<string>();

  constructor(
    private readonly allowPrivate: boolean,
    private readonly resolve: LookupFunction = dnsLookup,
  ) {}

  /** Lets `host` (and its www twin) use private addresses. */
  admitHost(host: string): void {
    const h = bare(host);
    const twin = h.startsWith('www.') ? h.slice(4) : `www.${h}`;
    this.admitted.add(h);
    if (!isIP(h)) this.admitted.add(twin);
  }

  /**
   * Admits the host of a URL the auditor named (a school's own URL) when it is an IP literal or
   * resolves to a private address. Never throws: a name that does not resolve fails later, when fetched.
   */
  async admit(url: string): Promise<void> {
    let host: string;
    try {
      host = bare(new URL(url).hostname);
    } catch {
      return;
    }
    if (isIP(host)) {
      if (isPrivateAddress(host)) this.admitHost(host);
      return;
    }
    const addresses = await new Promise<LookupAddress[]>((done) => {
      this.resolve(host, { all: true }, (err, answer) => done(err ? [] : (answer as unknown as LookupAddress[])));
    });
    if (addresses.some((a) => isPrivateAddress(a.address))) this.admitHost(host);
  }

  /**
   * A redirect the crawl follows from an admitted host (a school on a private address whose home
   * page moved) takes the admission along: the target belongs to the same school.
   */
  passAdmission(from: string, to: string): void {
    try {
      if (this.admitted.has(bare(new URL(from).hostname))) this.admitHost(new URL(to).hostname);
    } catch {
      // not URLs: nothing to pass
    }
  }

  /** May `host` connect to `address`? */
  allows(host: string, address: string): boolean {
    return this.allowPrivate || !isPrivateAddress(address) || this.admitted.has(bare(host));
  }

  /** For a URL whose host is an IP literal: the refusal, before any connection is attempted. */
  refusalOf(url: string): PrivateAddressError | undefined {
    let host: string;
    try {
      host = bare(new URL(url).hostname);
    } catch {
      return undefined;
    }
    return isIP(host) && !this.allows(host, host) ? new PrivateAddressError(host, host) : undefined;
  }

  /** A lookup for the connection: `resolve`'s answers, private ones dropped unless allowed. */
  lookup(): LookupFunction {
    return (hostname, options, callback) => {
      this.resolve(hostname, { ...options, all: true }, (err, answer) => {
        if (err) return callback(err, '', 0);
        const all = answer as unknown as LookupAddress[];
        if (all.length === 0) return callback(Object.assign(new Error(`${hostname}: no address`), { code: 'ENOTFOUND' }), '', 0);
        const allowed = all.filter((a) => this.allows(hostname, a.address));
        if (allowed.length === 0) return callback(new PrivateAddressError(hostname, all[0]?.address ?? ''), '', 0);
        if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
        else callback(null, allowed[0]!.address, allowed[0]!.family);
      });
    };
  }
}

function bare(host: string): string {
  return host.replace(/^\[|\]$/g, '').toLowerCase();
}
