// Times Baileys 7.0.0-rc14's noise transport (makeNoiseHandler encrypt/decrypt after a real
// handshake against noise-responder.mjs) for the sizes of the Java JMH NoiseTransportBenchmark.
// Usage: node bench-noise.mjs [seconds-per-case=2]
import * as B from '@whiskeysockets/baileys';
import { fixed, fixedKeyPair } from './vector-io.mjs';
import { NodeNoiseResponder, signedCertChain, silentLogger } from './noise-responder.mjs';
import { fixedCreds } from './fixed-creds.mjs';

const seconds = Number(process.argv[2] ?? 2);

function handshake(round) {
  const creds = fixedCreds();
  const root = fixedKeyPair('bench-root');
  const serverStatic = fixedKeyPair('bench-server');
  const certChain = signedCertChain({ root, intermediate: fixedKeyPair('bench-int'), serverStaticPublic: serverStatic.public, notBefore: 0, notAfter: 4102444800 });
  B.WA_CERT_DETAILS.PUBLIC_KEY = root.public;
  const clientEphemeral = fixedKeyPair(`bench-ce-${round}`);
  const client = B.makeNoiseHandler({ keyPair: clientEphemeral, NOISE_HEADER: B.NOISE_WA_HEADER, logger: silentLogger });
  const server = new NodeNoiseResponder({ staticKey: serverStatic, ephemeralKey: fixedKeyPair(`bench-se-${round}`), certChain });
  const hello = Buffer.from(B.proto.HandshakeMessage.encode({ clientHello: { ephemeral: clientEphemeral.public } }).finish());
  const serverHello = server.respond(B.NOISE_WA_HEADER, hello);
  const keyEnc = client.processHandshake(B.proto.HandshakeMessage.decode(serverHello), creds.noiseKey);
  const payloadEnc = client.encrypt(Buffer.alloc(100));
  server.finish(Buffer.from(B.proto.HandshakeMessage.encode({ clientFinish: { static: keyEnc, payload: payloadEnc } }).finish()));
  client.finishInit();
  return { client, server };
}

function timeIt(fn) {
  // warm-up then measure for `seconds`
  const warmEnd = Date.now() + 500;
  while (Date.now() < warmEnd) fn();
  let ops = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 256; i++) fn();
    ops += 256;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / ops;
}

function timeDecrypt(plaintext, freshPair) {
  const BATCH = 4096;
  let timedNs = 0n;
  let ops = 0;
  let warm = true;
  const budget = BigInt(Math.round(seconds * 1e9));
  while (timedNs < budget) {
    const { client, server } = freshPair();
    const batch = Array.from({ length: BATCH }, () => server.encrypt(plaintext));
    const start = process.hrtime.bigint();
    for (const ciphertext of batch) client.decrypt(ciphertext);
    const took = process.hrtime.bigint() - start;
    if (warm) { warm = false; continue; }
    timedNs += took;
    ops += BATCH;
  }
  return Number(timedNs) / ops;
}

const results = [];
let round = 0;
for (const size of [64, 1024, 16384]) {
  const plaintext = fixed(`bench-pt-${size}`, size);
  const { client } = handshake(round++);
  const encryptNs = timeIt(() => client.encrypt(plaintext));

  // decrypt: the client's transport decrypts, in counter order, batches a server-side peer
  // encrypted; only the decrypt loop is timed (handshake and encryption of each batch are not)
  const decryptNs = timeDecrypt(plaintext, () => handshake(round++));
  results.push({ size, encryptNs: Math.round(encryptNs), decryptNs: Math.round(decryptNs) });
}
console.log(JSON.stringify({ node: process.version, baileys: '7.0.0-rc14', secondsPerCase: seconds, results }, null, 2));
