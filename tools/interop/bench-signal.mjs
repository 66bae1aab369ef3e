// Times libsignal-node 6.0.0's SessionCipher (the pairwise cipher Baileys 7 uses) for the operations of the Java JMH
// SignalRatchetBenchmark: encrypt the next msg on an established chain, decrypt the next in-order msg of a chain, and
// decrypt a msg that brings a new ratchet key (a full DH-ratchet turn). 120-byte plaintext. Storage keeps
// SessionRecord objects (no serialization), which favours libsignal; each decrypt gets its own copy of the receiver's
// record, prepared outside the timed loop.
// Usage: node bench-signal.mjs [seconds-per-case=3]
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';

const require = createRequire(import.meta.url);
const { SessionBuilder, SessionCipher, SessionRecord, ProtocolAddress, keyhelper, curve } = require('libsignal');

const seconds = Number(process.argv[2] ?? 3);

class Storage {
  constructor(identity, registrationId) {
    Object.assign(this, { identity, registrationId, sessions: new Map(), preKeys: new Map(), signedPreKeys: new Map() });
  }
  async getOurIdentity() { return this.identity; }
  async getOurRegistrationId() { return this.registrationId; }
  async isTrustedIdentity() { return true; }
  async loadPreKey(id) { return this.preKeys.get(id); }
  async removePreKey(id) { this.preKeys.delete(id); }
  async loadSignedPreKey(id) { return this.signedPreKeys.get(id); }
  async loadSession(addr) { return this.sessions.get(addr); }
  async storeSession(addr, record) { this.sessions.set(addr, record); }
}

const ALICE = new ProtocolAddress('15550001', 0);
const BOB = new ProtocolAddress('15550002', 1);
const plaintext = randomBytes(120);

async function conversation() {
  const alice = new Storage(curve.generateKeyPair(), 1);
  const bob = new Storage(curve.generateKeyPair(), 2);
  const spk = keyhelper.generateSignedPreKey(bob.identity, 1);
  const opk = keyhelper.generatePreKey(5);
  bob.signedPreKeys.set(1, spk.keyPair);
  bob.preKeys.set(5, opk.keyPair);
  await new SessionBuilder(alice, BOB).initOutgoing({
    identityKey: bob.identity.pubKey, registrationId: 2,
    signedPreKey: { keyId: 1, publicKey: spk.keyPair.pubKey, signature: spk.signature },
    preKey: { keyId: 5, publicKey: opk.keyPair.pubKey }
  });
  const aliceCipher = new SessionCipher(alice, BOB);
  const bobCipher = new SessionCipher(bob, ALICE);
  const first = await aliceCipher.encrypt(plaintext);
  await bobCipher.decryptPreKeyWhisperMessage(Buffer.from(first.body, 'binary'));
  const reply = await bobCipher.encrypt(plaintext);
  await aliceCipher.decryptWhisperMessage(Buffer.from(reply.body, 'binary'));
  const newRatchet = Buffer.from((await aliceCipher.encrypt(plaintext)).body, 'binary');
  const bobBeforeTurn = bob.sessions.get(ALICE.toString()).serialize();
  await bobCipher.decryptWhisperMessage(newRatchet);
  const inChain = Buffer.from((await aliceCipher.encrypt(plaintext)).body, 'binary');
  const bobBeforeInChain = bob.sessions.get(ALICE.toString()).serialize();
  return { alice, bob, aliceCipher, newRatchet, bobBeforeTurn, inChain, bobBeforeInChain };
}

/** ops/s of `op(i)` over `seconds`, after a 1 s warm-up; `prepare(n)` runs outside the timer before each batch. */
async function measure(prepare, op) {
  const BATCH = 512;
  let timedNs = 0n;
  let ops = 0;
  const warmUntil = Date.now() + 1000;
  while (Date.now() < warmUntil) {
    const ctx = prepare(BATCH);
    for (let i = 0; i < BATCH; i++) await op(ctx, i);
  }
  while (timedNs < BigInt(Math.round(seconds * 1e9))) {
    const ctx = prepare(BATCH);
    const start = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) await op(ctx, i);
    timedNs += process.hrtime.bigint() - start;
    ops += BATCH;
  }
  return ops / (Number(timedNs) / 1e9);
}

const c = await conversation();
const copies = (snapshot, n) => Array.from({ length: n }, () => {
  const storage = new Storage(c.bob.identity, 2);
  storage.sessions.set(ALICE.toString(), SessionRecord.deserialize(snapshot));
  return new SessionCipher(storage, ALICE);
});

const results = {
  encryptMsg: await measure(() => null, () => c.aliceCipher.encrypt(plaintext)),
  decryptMsg: await measure((n) => copies(c.bobBeforeInChain, n), (ciphers, i) => ciphers[i].decryptWhisperMessage(c.inChain)),
  decryptRatchetTurn: await measure((n) => copies(c.bobBeforeTurn, n), (ciphers, i) => ciphers[i].decryptWhisperMessage(c.newRatchet))
};
console.log(`libsignal-node 6.0.0 on node ${process.version}, ${seconds} s per case`);
for (const [name, opsPerSecond] of Object.entries(results)) {
  console.log(`${name.padEnd(20)} ${Math.round(opsPerSecond).toString().padStart(8)} ops/s  (${(1e6 / opsPerSecond).toFixed(1)} µs/op)`);
}
