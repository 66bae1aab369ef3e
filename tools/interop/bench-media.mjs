// Times Baileys 7.0.0-rc14's media cipher on the sizes of the Java JMH MediaCipherBenchmark (64 KiB, 1 MiB, 16 MiB):
// - encrypt: encryptedStream(Buffer, 'video'): plaintext from memory, blob written to a file in os.tmpdir() (Baileys
//   always writes it there; the files are deleted outside the timed region);
// - decrypt: downloadEncryptedContent, Baileys' download-and-decrypt stream, with globalThis.fetch answering from
//   memory for one fake https URL (no network), output consumed in memory. Baileys' download does NOT check the MAC
//   or the hashes; the Java decrypt verifies all three.
// MB/s = bytes of plaintext per second / 10^6. With --jmh <file> (JMH -rf json output of MediaCipherBenchmark) it
// prints the Java numbers next to these. benchmarks/run-media-benchmark.sh runs both in one go.
// Usage: node bench-media.mjs [--seconds 3] [--jmh jmh.json]
import * as B from '@whiskeysockets/baileys';
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const seconds = Number(arg('seconds', 3));
const jmhFile = arg('jmh', null);
const SIZES = [64 * 1024, 1024 * 1024, 16 * 1024 * 1024];
const FAKE_URL = 'https://bench.invalid/media';

let served = null;
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, init) => (String(url) === FAKE_URL ? new Response(served) : realFetch(url, init));

/** Plaintext bytes per second of `op()`, after a warm-up of 1 s (at least 2 ops); at least 3 timed ops. */
async function measure(op, size) {
  const warmUntil = Date.now() + 1000;
  for (let i = 0; i < 2 || Date.now() < warmUntil; i++) await op();
  let ns = 0n;
  let ops = 0;
  while (ns < BigInt(Math.round(seconds * 1e9)) || ops < 3) {
    ns += await op();
    ops++;
  }
  return (ops * size) / (Number(ns) / 1e9);
}

const results = [];
for (const size of SIZES) {
  const plaintext = randomBytes(size);
  const encrypt = async () => {
    const start = process.hrtime.bigint();
    const r = await B.encryptedStream(plaintext, 'video');
    const took = process.hrtime.bigint() - start;
    unlinkSync(r.encFilePath);
    return took;
  };
  const sample = await B.encryptedStream(plaintext, 'video');
  served = readFileSync(sample.encFilePath);
  unlinkSync(sample.encFilePath);
  const keys = await B.getMediaKeys(sample.mediaKey, 'video');
  const decrypt = async () => {
    const start = process.hrtime.bigint();
    const stream = await B.downloadEncryptedContent(FAKE_URL, keys, {});
    let total = 0;
    for await (const chunk of stream) total += chunk.length;
    const took = process.hrtime.bigint() - start;
    if (total !== size) throw new Error(`decrypted ${total} bytes, expected ${size}`);
    return took;
  };
  results.push({ op: 'encrypt', size, mbps: (await measure(encrypt, size)) / 1e6 });
  results.push({ op: 'decrypt', size, mbps: (await measure(decrypt, size)) / 1e6 });
}

const label = (size) => (size >= 1024 * 1024 ? `${size / 1024 / 1024} MiB` : `${size / 1024} KiB`);
console.log(`Baileys 7.0.0-rc14 media cipher on node ${process.version}, ${seconds} s per case`);
for (const r of results) console.log(`${r.op.padEnd(8)} ${label(r.size).padStart(7)}  ${r.mbps.toFixed(1).padStart(8)} MB/s`);

if (jmhFile) {
  const jmh = JSON.parse(readFileSync(jmhFile, 'utf8'));
  const java = (op, size, sink) => {
    const row = jmh.find((r) => r.benchmark.endsWith(`MediaCipherBenchmark.${op}`) && Number(r.params.size) === size
      && r.params.sink === sink);
    if (!row) return '—';
    const mb = (x) => (x * size) / 1e6;
    const err = Number.isFinite(row.primaryMetric.scoreError) ? ` ± ${mb(row.primaryMetric.scoreError).toFixed(0)}` : '';
    return `${mb(row.primaryMetric.score).toFixed(0)}${err}`;
  };
  // Baileys' encrypt writes its blob to a temp file and its download decrypts to memory: the ratio compares Java
  // with the same sink (and Java's decrypt also verifies the MAC and both hashes, which Baileys' does not)
  const sameSink = { encrypt: 'file', decrypt: 'memory' };
  console.log('\n| operation | size | Java, to memory (MB/s) | Java, to temp file (MB/s) | Baileys (MB/s) | Java / Baileys, same sink |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    const row = jmh.find((x) => x.benchmark.endsWith(`MediaCipherBenchmark.${r.op}`) && Number(x.params.size) === r.size
      && x.params.sink === sameSink[r.op]);
    const ratio = row ? `${((row.primaryMetric.score * r.size) / 1e6 / r.mbps).toFixed(1)}× (${sameSink[r.op]})` : '—';
    console.log(`| ${r.op} | ${label(r.size)} | ${java(r.op, r.size, 'memory')} | ${java(r.op, r.size, 'file')} | ${r.mbps.toFixed(0)} | ${ratio} |`);
  }
}
