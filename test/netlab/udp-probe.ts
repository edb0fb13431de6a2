/**
 * Round-trip probe for the netlab's own test: sends COUNT numbered UDP datagrams to an echo
 * server, INTERVAL ms apart, and prints one JSON line: { sent, received, rttsMs }.
 * Run inside a lab: ip netns exec <lab> node udp-probe.ts <host> <port> <count> <intervalMs>
 */
import dgram from 'node:dgram';

const [host, port, count, interval] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5])];
const socket = dgram.createSocket('udp4');
const sentAt = new Map<number, number>();
const rttsMs: number[] = [];
socket.on('message', (message) => {
  const sequence = message.readUInt32BE(0);
  const at = sentAt.get(sequence);
  if (at === undefined) return;
  sentAt.delete(sequence);
  rttsMs.push(Math.round((performance.now() - at) * 10) / 10);
});
for (let sequence = 0; sequence < count; sequence++) {
  const message = Buffer.alloc(200);
  message.writeUInt32BE(sequence, 0);
  sentAt.set(sequence, performance.now());
  socket.send(message, port, host);
  await new Promise((resolve) => setTimeout(resolve, interval));
}
await new Promise((resolve) => setTimeout(resolve, 1000));
socket.close();
console.log(JSON.stringify({ sent: count, received: rttsMs.length, rttsMs }));
