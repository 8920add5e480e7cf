import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** The target of a notification is not allowed (bad URL, or an address we refuse to call). */
export class UnsafeTargetError extends Error {
  override readonly name = 'UnsafeTargetError';
}

type Family = 'ipv4' | 'ipv6';

/** Ranges a notification must never reach unless allow-listed, with the name given in the error. */
const V4_RANGES: [string, number, string][] = [
  ['0.0.0.0', 8, 'a reserved'],
  ['10.0.0.0', 8, 'a private'],
  ['100.64.0.0', 10, 'a shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'a loopback'],
  ['169.254.0.0', 16, 'a link-local'],
  ['172.16.0.0', 12, 'a private'],
  ['192.0.0.0', 24, 'a reserved'],
  ['192.0.2.0', 24, 'a documentation'],
  ['192.168.0.0', 16, 'a private'],
  ['198.18.0.0', 15, 'a benchmarking'],
  ['198.51.100.0', 24, 'a documentation'],
  ['203.0.113.0', 24, 'a documentation'],
  ['224.0.0.0', 4, 'a multicast'],
  ['240.0.0.0', 4, 'a reserved'],
];
const V6_RANGES: [string, number, string][] = [
  ['::', 128, 'an unspecified'],
  ['::1', 128, 'a loopback'],
  ['64:ff9b::', 96, 'a NAT64'],
  ['100::', 64, 'a discard'],
  ['2001:db8::', 32, 'a documentation'],
  ['fc00::', 7, 'a private (unique local)'],
  ['fe80::', 10, 'a link-local'],
  ['fec0::', 10, 'a site-local'],
  ['ff00::', 8, 'a multicast'],
];
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

const ranges = V4_RANGES.map(([a, p, name]) => ({ list: subnet(a, p, 'ipv4'), name }));
const ranges6 = V6_RANGES.map(([a, p, name]) => ({ list: subnet(a, p, 'ipv6'), name }));

function subnet(address: string, prefix: number, family: Family): BlockList {
  const b = new BlockList();
  b.addSubnet(address, prefix, family);
  return b;
}

/** `::ffff:10.0.0.1` and `::ffff:a00:1` are IPv4 addresses in disguise. */
function mappedV4(address: string): string | null {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m) return m[1];
  const h = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!h) return null;
  const hi = parseInt(h[1], 16);
  const lo = parseInt(h[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an address may not be called, or null when it is a public address. */
export function blockedReason(address: string): string | null {
  const plain = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4 = isIP(plain) === 4 ? plain : mappedV4(plain);
  if (v4 !== null) {
    if (METADATA.has(v4)) return `${v4} is a cloud metadata address`;
    const hit = ranges.find((r) => r.list.check(v4, 'ipv4'));
    return hit ? `${v4} is ${hit.name} address` : null;
  }
  if (isIP(plain) !== 6) return `${address} is not an IP address`;
  if (METADATA.has(plain.toLowerCase())) return `${plain} is a cloud metadata address`;
  const hit = ranges6.find((r) => r.list.check(plain, 'ipv6'));
  return hit ? `${plain} is ${hit.name} address` : null;
}

/**
 * Decides where notifications may go. Only http(s) URLs; every address a host resolves to must be public
 * unless the host name, the address or its range is in NOTIFY_ALLOWED_HOSTS. The HTTP senders check
 * again when they connect (their `lookup`), so a DNS answer that changes after the check can't slip by.
 */
export class OutboundGuard {
  private readonly names = new Set<string>();
  private readonly allowed = new BlockList();

  constructor(allowedHosts: readonly string[]) {
    for (const entry of allowedHosts) {
      const [addr, bits] = entry.split('/');
      const ip = addr.replace(/^\[|\]$/g, '');
      const fam = isIP(ip);
      if (fam === 0) this.names.add(addr.toLowerCase().replace(/\.$/, ''));
      else if (bits === undefined) this.allowed.addAddress(ip, fam === 4 ? 'ipv4' : 'ipv6');
      else this.allowed.addSubnet(ip, Number(bits), fam === 4 ? 'ipv4' : 'ipv6');
    }
  }

  /** Parses and checks the form of a webhook URL (no DNS): http(s), a host, no fragment tricks. */
  parseUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new UnsafeTargetError(`"${raw.slice(0, 200)}" is not a valid URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new UnsafeTargetError(
        `Only http and https URLs are allowed (got ${url.protocol.replace(/:$/, '')})`,
      );
    }
    if (!url.hostname) throw new UnsafeTargetError('The URL has no host');
    return url;
  }

  private hostAllowed(host: string): boolean {
    return this.names.has(host.toLowerCase().replace(/\.$/, ''));
  }

  private addressAllowed(address: string): boolean {
    const fam = isIP(address);
    return fam !== 0 && this.allowed.check(address, fam === 4 ? 'ipv4' : 'ipv6');
  }

  /** Throws when `address` (reached through `host`) is not allowed. */
  assertAddress(host: string, address: string): void {
    if (this.hostAllowed(host) || this.addressAllowed(address)) return;
    const why = blockedReason(address);
    if (why) {
      throw new UnsafeTargetError(
        `Refused to contact ${host}: ${why} (an Admin can allow it with NOTIFY_ALLOWED_HOSTS)`,
      );
    }
  }

  /** Resolves a host and checks every address it has; returns them (the first is the one to use). */
  async resolve(host: string): Promise<{ address: string; family: 4 | 6 }[]> {
    const bare = host.replace(/^\[|\]$/g, '');
    const fam = isIP(bare);
    if (fam !== 0) {
      this.assertAddress(host, bare);
      return [{ address: bare, family: fam as 4 | 6 }];
    }
    let found: { address: string; family: number }[];
    try {
      found = await dnsLookup(bare, { all: true, verbatim: true });
    } catch (e) {
      throw new UnsafeTargetError(
        `Cannot resolve ${host}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      );
    }
    if (found.length === 0) throw new UnsafeTargetError(`Cannot resolve ${host}: no addresses`);
    for (const a of found) this.assertAddress(host, a.address);
    return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  }

  /** Checks a URL completely: its form and every address of its host. */
  async assertUrl(raw: string): Promise<URL> {
    const url = this.parseUrl(raw);
    await this.resolve(url.hostname);
    return url;
  }

  /** A `lookup` for http.request that refuses disallowed addresses at connect time. */
  lookupFor(host: string): LookupFunction {
    return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      this.resolve(hostname || host).then(
        (addrs) => {
          if (options?.all) callback(null, addrs);
          else callback(null, addrs[0].address, addrs[0].family);
        },
        (err: unknown) => callback(err),
      );
    }) as unknown as LookupFunction;
  }
}
