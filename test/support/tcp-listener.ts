// Loopback TCP fixtures for the handshake probe: a port that accepts, a port that refuses, and
// a port that never completes a handshake (its accept queue is full), all on 127.0.0.1.
import { createServer, Socket, type Server } from 'node:net';
import { Worker } from 'node:worker_threads';

export interface TestListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no port'));
      else resolve(address.port);
    });
  });
}

/** A listener that accepts every connection (and drops it). */
export async function startOpenListener(): Promise<TestListener> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  const port = await listen(server);
  return {
    host: '127.0.0.1',
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nobody listens on: connecting is refused (RST). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Runs in a worker: listen with backlog 1 (Node reads 0 as "use the default"), report the port,
// then block the worker's event loop so nothing is ever accepted. Once the kernel's accept
// queue is full (Linux), further SYNs are dropped and the client waits.
const STALLED_LISTENER = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const server = net.createServer();
server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  Atomics.wait(new Int32Array(workerData), 0, 0);
  server.close();
});
`;

/**
 * A listener whose handshakes stall: the accept queue is filled by `fillers` connections first,
 * so a probe's SYN is dropped and only its own timeout ends the attempt.
 */
export async function startStalledListener(fillers = 4): Promise<TestListener> {
  const shared = new SharedArrayBuffer(4);
  const worker = new Worker(STALLED_LISTENER, { eval: true, workerData: shared });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (value: number) => resolve(value));
    worker.once('error', reject);
  });
  const filler: Socket[] = [];
  for (let i = 0; i < fillers; i++) {
    const socket = new Socket();
    socket.on('error', () => undefined);
    socket.connect({ host: '127.0.0.1', port });
    filler.push(socket);
  }
  // Let the kernel complete what it will complete before the probe's SYN arrives.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    host: '127.0.0.1',
    port,
    close: async () => {
      for (const socket of filler) socket.destroy();
      Atomics.store(new Int32Array(shared), 0, 1);
      Atomics.notify(new Int32Array(shared), 0);
      await worker.terminate();
    },
  };
}
