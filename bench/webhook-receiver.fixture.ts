/**
 * The webhook receiver of bench/webhook-delivery.bench.ts, run as its own process so it does not take
 * CPU from the service under test. Answers 200 to every request and remembers when each `webhook-id`
 * arrived (Date.now(): the bench compares it with its own enqueue clock on the same machine).
 * IPC: sends {port} once listening; answers {type:'stats'} with {received, connections, arrivals: [id, ms][]}.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const arrivals = new Map<string, number>();
let received = 0;

const server = createServer((req, res) => {
  const id = req.headers['webhook-id'];
  req.resume();
  req.on('end', () => {
    received++;
    // The first arrival counts: a retried attempt of the same message must not hide the first one.
    if (typeof id === 'string' && !arrivals.has(id)) arrivals.set(id, Date.now());
    res.end('ok');
  });
});
server.keepAliveTimeout = 60_000;
let connections = 0;
server.on('connection', () => connections++);
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port });
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') process.send?.({ type: 'stats', received, connections, arrivals: [...arrivals] });
  if (message.type === 'reset') {
    arrivals.clear();
    received = 0;
    connections = 0;
    process.send?.({ type: 'reset' });
  }
});
process.on('disconnect', () => process.exit(0));
