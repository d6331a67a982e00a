// A real DNS server on 127.0.0.1 (UDP and TCP on one random port), built with dns2, so the
// probe's resolver is exercised end to end. Each test sets what a name answers.
import dns2 from 'dns2';
import type { DnsHandler, Packet as DnsPacket } from 'dns2';

const { Packet, UDPServer, TCPServer } = dns2;
// RFC 1035 §4.1.1 response codes (dns2 has Packet.RCODE at run time but not in its types).
const RCODE = { FORMERR: 1, NXDOMAIN: 3 } as const;

export type NameBehaviour =
  | { kind: 'a'; addresses: string[]; ipv6?: string[] }
  | { kind: 'nxdomain' }
  /** The name exists but has no A record. */
  | { kind: 'nodata' }
  /** Never answer: the client times out. */
  | { kind: 'silent' };

export interface TestDnsServer {
  host: string;
  port: number;
  /** `127.0.0.1:PORT`, the form `--dns-server` takes. */
  address: string;
  set(name: string, behaviour: NameBehaviour): void;
  /** What names not set answer; default NXDOMAIN. */
  setDefault(behaviour: NameBehaviour): void;
  /** Names asked, lowercased, in order. */
  queries: string[];
  close(): Promise<void>;
}

const normalize = (name: string): string => name.toLowerCase().replace(/\.$/, '');

export async function startDnsServer(): Promise<TestDnsServer> {
  const names = new Map<string, NameBehaviour>();
  let fallback: NameBehaviour = { kind: 'nxdomain' };
  const queries: string[] = [];

  const handle: DnsHandler = (request, send) => {
    const [question] = request.questions;
    const response: DnsPacket = Packet.createResponseFromRequest(request);
    if (!question) {
      response.header.rcode = RCODE.FORMERR;
      void send(response);
      return;
    }
    const name = normalize(question.name);
    queries.push(name);
    const behaviour = names.get(name) ?? fallback;
    switch (behaviour.kind) {
      case 'silent':
        return;
      case 'nxdomain':
        response.header.rcode = RCODE.NXDOMAIN;
        break;
      case 'nodata':
        break;
      case 'a': {
        const wanted =
          question.type === Packet.TYPE.AAAA
            ? (behaviour.ipv6 ?? [])
            : question.type === Packet.TYPE.A
              ? behaviour.addresses
              : [];
        for (const address of wanted) {
          response.answers.push({
            name: question.name,
            type: question.type,
            class: Packet.CLASS.IN,
            ttl: 60,
            address,
          } as DnsPacket['answers'][number]);
        }
        break;
      }
    }
    void send(response);
  };

  // UDP first on a random port, then TCP on the same number; retry if TCP finds it taken.
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = new UDPServer();
    udp.on('request', handle);
    udp.on('requestError', () => undefined);
    await udp.listen(0, '127.0.0.1');
    const port = udp.address().port;
    const tcp = new TCPServer();
    tcp.on('request', handle);
    tcp.on('requestError', () => undefined);
    const bound = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false));
      tcp.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!bound) {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      continue;
    }
    return {
      host: '127.0.0.1',
      port,
      address: `127.0.0.1:${port}`,
      set: (name, behaviour) => void names.set(normalize(name), behaviour),
      setDefault: (behaviour) => {
        fallback = behaviour;
      },
      queries,
      close: async () => {
        await Promise.all([
          new Promise<void>((resolve) => udp.close(() => resolve())),
          new Promise<void>((resolve) => tcp.close(() => resolve())),
        ]);
      },
    };
  }
  throw new Error('could not bind UDP and TCP on one loopback port');
}
