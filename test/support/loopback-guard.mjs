// Loaded into every CLI the tests spawn (node --import): any TCP or UDP connection, DNS lookup or
// DNS query that is not for loopback fails at once and says so on stderr, so a test that would
// reach the real AWS (or anything else off this machine) fails loudly instead of leaking.
import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';
import { syncBuiltinESMExports } from 'node:module';

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

export function isLoopback(host) {
  if (host === undefined || host === null || host === '') return true; // Node's default host is localhost
  const h = String(host)
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || h.startsWith('::ffff:127.');
  return LOOPBACK_NAMES.has(h) || h.endsWith('.localhost');
}

function refusal(what) {
  const message = `loopback-guard: refused ${what}: tests never leave 127.0.0.0/8`;
  process.stderr.write(`${message}\n`);
  return Object.assign(new Error(message), { code: 'ELOOPBACKGUARD' });
}

// net.Socket#connect(options | port, host | path | [normalized args]) — the one door for TCP.
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = first !== null && typeof first === 'object' ? first : { port: first, host: args[1] };
  const ipc = typeof first === 'string' && !/^\d+$/.test(first);
  if (!ipc && options.path == null && !isLoopback(options.host)) {
    const err = refusal(`a connection to ${options.host}:${options.port}`);
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return connect.apply(this, args);
};

// dns.lookup (getaddrinfo): what http, the SDK and fetch use for a host name.
const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, options, callback) {
  if (!isLoopback(hostname)) {
    const cb = typeof options === 'function' ? options : callback;
    const err = refusal(`a DNS lookup of ${hostname}`);
    process.nextTick(() => cb(err));
    return {};
  }
  return lookup.call(this, hostname, options, callback);
};
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = function guardedLookupPromise(hostname, options) {
  if (!isLoopback(hostname)) return Promise.reject(refusal(`a DNS lookup of ${hostname}`));
  return lookupPromise.call(this, hostname, options);
};

// DNS queries (c-ares) go to the resolver's servers: only loopback servers are allowed.
function serverHost(server) {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(server);
  if (m) return m[1];
  return net.isIPv6(server) ? server : server.replace(/:\d+$/, '');
}
function guardQueries(target, servers) {
  for (const name of Object.getOwnPropertyNames(target)) {
    if (!/^(resolve|reverse)/.test(name) || typeof target[name] !== 'function') continue;
    const original = target[name];
    target[name] = function guardedQuery(...args) {
      const off = (servers(this) ?? []).filter((s) => !isLoopback(serverHost(s)));
      if (off.length > 0) {
        const err = refusal(`a DNS query for ${args[0]} to ${off.join(', ')}`);
        const cb = args[args.length - 1];
        if (typeof cb === 'function') return void process.nextTick(() => cb(err));
        return Promise.reject(err);
      }
      return original.apply(this, args);
    };
  }
}
guardQueries(dns.Resolver.prototype, (r) => r.getServers());
guardQueries(dns.promises.Resolver.prototype, (r) => r.getServers());
guardQueries(dns, () => dns.getServers());
guardQueries(dns.promises, () => dns.getServers());

// UDP: dgram sends to an address (DNS by hand, or anything else).
const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function guardedSend(...args) {
  const address = args.find((a, i) => i > 0 && typeof a === 'string');
  if (address !== undefined && !isLoopback(address)) {
    const err = refusal(`a UDP datagram to ${address}`);
    const cb = args[args.length - 1];
    if (typeof cb === 'function') process.nextTick(() => cb(err));
    else process.nextTick(() => this.emit('error', err));
    return;
  }
  return send.apply(this, args);
};

syncBuiltinESMExports();
