// Times Baileys 7.0.0-rc14's binary node codec on the same three nodes the JMH benchmark
// com.wagateway.benchmarks.binary.BinaryCodecBenchmark uses (docs/performance.md, "Binary node
// codec"). Prints ns/op per node and operation, and the SHA-256 of each encoded frame, which the
// Java benchmark checks so both sides provably measure the same bytes.
//   node tools/interop/bench-binary.mjs [seconds per measurement, default 3]
import { createHash } from 'node:crypto';
import * as B from '@whiskeysockets/baileys';
import * as C from '@whiskeysockets/baileys/lib/WABinary/constants.js';
import { decodeDecompressedBinaryNode } from '@whiskeysockets/baileys/lib/WABinary/decode.js';

const pattern = (n, mul) => Buffer.from(Array.from({ length: n }, (_, i) => (i * mul + 7) & 0xff));

export const NODES = {
  message: {
    tag: 'message',
    attrs: { id: '3EB0C4B1A9F2D8E7A6B5', to: '120363123456789012@g.us', type: 'text', t: '1700000000',
      addressing_mode: 'lid' },
    content: [
      { tag: 'participants', attrs: {}, content: [1, 2, 3].map((d) => ({
        tag: 'to', attrs: { jid: `15551234567:${d}@s.whatsapp.net` },
        content: [{ tag: 'enc', attrs: { v: '2', type: 'pkmsg' }, content: pattern(200, 31 + d) }],
      })) },
      { tag: 'enc', attrs: { v: '2', type: 'skmsg' }, content: pattern(200, 17) },
      { tag: 'device-identity', attrs: {}, content: pattern(120, 5) },
    ],
  },
  usync: {
    tag: 'iq',
    attrs: { id: '12345.6789-42', to: '@s.whatsapp.net', type: 'get', xmlns: 'usync' },
    content: [{
      tag: 'usync', attrs: { sid: '12345.6789-43', mode: 'query', last: 'true', index: '0', context: 'message' },
      content: [
        { tag: 'query', attrs: {}, content: [{ tag: 'devices', attrs: { version: '2' } }, { tag: 'lid', attrs: {} }] },
        { tag: 'list', attrs: {}, content: [0, 1, 2, 3, 4].map((i) => ({
          tag: 'user', attrs: { jid: `1555123456${i}@s.whatsapp.net` } })) },
      ],
    }],
  },
  receipt: {
    tag: 'receipt',
    attrs: { id: '3EB0C4B1A9F2D8E7A6B5', to: '15551234567@s.whatsapp.net', type: 'read',
      participant: '123456789012345:2@lid', t: '1700000000' },
  },
};

function measure(fn, seconds) {
  // warm up for a second, then run batches until the time is used and report ns per call
  const warmEnd = process.hrtime.bigint() + 1_000_000_000n;
  while (process.hrtime.bigint() < warmEnd) for (let i = 0; i < 1000; i++) fn();
  let calls = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 1000; i++) fn();
    calls += 1000;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / calls;
}

export default async function benchBinary(seconds = Number(process.argv[2] ?? 3)) {
  let sink = 0;
  console.log(`node ${process.version}, baileys 7.0.0-rc14, ${seconds}s per measurement`);
  for (const [name, node] of Object.entries(NODES)) {
    const frame = B.encodeBinaryNode(node);
    const body = frame.subarray(1);
    const sha = createHash('sha256').update(frame).digest('hex');
    const enc = measure(() => { sink += B.encodeBinaryNode(node).length; }, seconds);
    const dec = measure(() => { sink += decodeDecompressedBinaryNode(body, C).tag.length; }, seconds);
    console.log(`${name.padEnd(8)} frame ${String(frame.length).padStart(4)} B  encode ${enc.toFixed(0).padStart(7)} ns/op  decode ${dec.toFixed(0).padStart(7)} ns/op  sha256 ${sha}`);
  }
  if (sink === 42) console.log('');
}

if (process.argv[1]?.endsWith('bench-binary.mjs')) await benchBinary();
