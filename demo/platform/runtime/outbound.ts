import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Outgoing webhook requests and the address policy they obey. A webhook may not reach the platform's
 * own machine or network (loopback, link-local, private, shared and reserved ranges, IPv4 and IPv6,
 * IPv4-mapped IPv6 included) unless the operator allows it: otherwise anyone who may register a
 * webhook could probe internal services, with the delivery log as the answer. The check runs on
 * the address the connection is made to (a custom DNS lookup), so a name that resolves to a private
 * address, or starts doing so after registration, is refused too.
 */
// Two lists: Node checks an IPv4 address against IPv6 rules too (as ::ffff:a.b.c.d), and the IPv6 list
// blocks that whole mapped range.
const BLOCKED_V4 = new BlockList();
const BLOCKED_V6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  BLOCKED_V4.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::ffff:0:0', 96], // IPv4-mapped
  ['64:ff9b::', 96], // NAT64
  ['100::', 64], // discard
  ['2001::', 32], // Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds an IPv4 address)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local
  ['ff00::', 8], // multicast
] as const)
  BLOCKED_V6.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is loopback, link-local, private or otherwise not a public internet address. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true; // not an address at all: never connect to it
  return family === 4 ? BLOCKED_V4.check(address, 'ipv4') : BLOCKED_V6.check(address, 'ipv6');
}

export class TargetRefusedError extends Error {
  constructor(host: string, address: string) {
    super(
      `Refused: ${host} ${host === address ? 'is' : `resolves to ${address}, which is`} a loopback, link-local or private address (the operator can allow such targets)`,
    );
    this.name = 'TargetRefusedError';
  }
}

/** The host of a URL without IPv6 brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Checks a target when a webhook is registered: an IP literal or a name that resolves (now) to a
 * private address is refused. A name that does not resolve is let through: the delivery checks again.
 */
export async function checkTarget(url: URL, allowPrivate: boolean): Promise<string | undefined> {
  if (allowPrivate) return undefined;
  const host = hostOf(url);
  if (isIP(host)) return isPrivateAddress(host) ? new TargetRefusedError(host, host).message : undefined;
  const addresses = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(host, { all: true }, (error, found) => resolve(error ? [] : found)),
  );
  const blocked = addresses.find((a) => isPrivateAddress(a.address));
  return blocked ? new TargetRefusedError(host, blocked.address).message : undefined;
}

/** A DNS lookup that fails for names resolving to any private address. */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const blocked = addresses.find((a) => isPrivateAddress(a.address));
    if (blocked) return callback(new TargetRefusedError(hostname, blocked.address), '', 0);
    if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

export interface OutboundRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  timeoutMs: number;
  signal: AbortSignal;
  /** Operator's allowance for loopback and private targets (local receivers, tests). */
  allowPrivate: boolean;
}

/** Sends a request (redirects are not followed) and answers its status code; the body is discarded. */
export function send(request: OutboundRequest): Promise<number> {
  const url = new URL(request.url);
  const host = hostOf(url);
  if (!request.allowPrivate && isIP(host) && isPrivateAddress(host))
    return Promise.reject(new TargetRefusedError(host, host));
  const options: RequestOptions = {
    method: request.method,
    headers:
      request.body === null
        ? request.headers
        : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
    signal: request.signal,
    ...(request.allowPrivate ? {} : { lookup: guardedLookup }),
  };
  return new Promise<number>((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    const timer = setTimeout(() => req.destroy(new TimeoutError(request.timeoutMs)), request.timeoutMs);
    req.once('close', () => clearTimeout(timer));
    req.once('error', reject);
    if (request.body !== null) req.end(request.body);
    else req.end();
  });
}

export class TimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}
