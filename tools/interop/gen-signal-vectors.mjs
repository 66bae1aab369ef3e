// Pairwise Signal conversations (fact sheet §9.4-§9.6) recorded from libsignal-node 6.0.0 with fixed keys and fixed
// randomness, for the Java agreement tests (SignalConversationVectorsTest). Picked up by generate-all.mjs (gen-*.mjs).
//
// libsignal-node draws randomness in one place only: curve.generateKeyPair() (node:crypto X25519 keygen), called for
// the base key and first ratchet key in SessionBuilder.initOutgoing and for each new ratchet key in
// SessionCipher.maybeStepRatchet. This script replaces that export (the module object session_builder.js and
// session_cipher.js call through) with one that hands out fixed private keys and logs them, so each step records the
// 32-byte private keys it consumed; a Java RandomSource replays them.
//
// Each file: Alice sets up from Bob's bundle (with or without a one-time prekey), sends pkmsg until Bob answers, then
// a few hundred messages go both ways in batches with ratchet turns; every batch is delivered shuffled, some messages
// are held back a round or two (skipped keys, late messages on closed chains) and a few are never delivered.
import { createRequire } from 'node:module';
import { fixed, hex, writeVectors, x25519Public } from './vector-io.mjs';

const require = createRequire(import.meta.url);
const curve = require('libsignal/src/curve.js');
const { SessionBuilder, SessionCipher, SessionRecord, ProtocolAddress } = require('libsignal');

const typed = (raw) => Buffer.concat([Buffer.from([5]), raw]);

/** Deterministic key pairs in libsignal's shape, logged per step. */
class KeySource {
  constructor(label) {
    this.label = label;
    this.count = 0;
    this.log = [];
  }
  next() {
    const privKey = fixed(`${this.label} keypair ${this.count++}`);
    this.log.push(hex(privKey));
    return { privKey, pubKey: typed(x25519Public(privKey)) };
  }
  take() {
    const out = this.log;
    this.log = [];
    return out;
  }
}

/** A tiny deterministic PRNG (xorshift32) for batch sizes and delivery order. */
class Shuffler {
  constructor(seed) {
    this.state = fixed(seed).readUInt32BE(0) || 1;
  }
  next() {
    let x = this.state;
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    this.state = x;
    return x;
  }
  below(n) {
    return this.next() % n;
  }
  shuffle(items) {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** libsignal's storage interface, keeping records serialized so no state is shared by reference. */
class Storage {
  constructor(identity, registrationId) {
    this.identity = identity;
    this.registrationId = registrationId;
    this.sessions = new Map();
    this.preKeys = new Map();
    this.signedPreKeys = new Map();
  }
  async getOurIdentity() { return this.identity; }
  async getOurRegistrationId() { return this.registrationId; }
  async isTrustedIdentity() { return true; }
  async loadPreKey(id) { return this.preKeys.get(id); }
  async removePreKey(id) { this.preKeys.delete(id); }
  async loadSignedPreKey(id) { return this.signedPreKeys.get(id); }
  async loadSession(addr) {
    const data = this.sessions.get(addr);
    return data ? SessionRecord.deserialize(JSON.parse(data)) : undefined;
  }
  async storeSession(addr, record) { this.sessions.set(addr, JSON.stringify(record.serialize())); }
}

const keyPairOf = (label) => {
  const privKey = fixed(label);
  return { privKey, pubKey: typed(x25519Public(privKey)) };
};

async function conversation(name, withPreKey) {
  const keys = new KeySource(`signal ${name}`);
  const originalGenerate = curve.generateKeyPair;
  curve.generateKeyPair = () => keys.next();
  try {
    const alice = { name: 'alice', identity: keyPairOf(`signal ${name} alice identity`), registrationId: 1111 };
    const bob = { name: 'bob', identity: keyPairOf(`signal ${name} bob identity`), registrationId: 2222 };
    const signedPreKey = { keyId: 7, keyPair: keyPairOf(`signal ${name} bob signed prekey`) };
    signedPreKey.signature = curve.calculateSignature(bob.identity.privKey, signedPreKey.keyPair.pubKey);
    const preKey = withPreKey ? { keyId: 31, keyPair: keyPairOf(`signal ${name} bob prekey 31`) } : null;

    alice.store = new Storage(alice.identity, alice.registrationId);
    bob.store = new Storage(bob.identity, bob.registrationId);
    bob.store.signedPreKeys.set(signedPreKey.keyId, signedPreKey.keyPair);
    if (preKey) bob.store.preKeys.set(preKey.keyId, preKey.keyPair);
    alice.peer = new ProtocolAddress('bob', 1);
    bob.peer = new ProtocolAddress('alice', 0);
    alice.cipher = new SessionCipher(alice.store, alice.peer);
    bob.cipher = new SessionCipher(bob.store, bob.peer);

    const steps = [];
    await new SessionBuilder(alice.store, alice.peer).initOutgoing({
      identityKey: bob.identity.pubKey,
      registrationId: bob.registrationId,
      signedPreKey: { keyId: signedPreKey.keyId, publicKey: signedPreKey.keyPair.pubKey, signature: signedPreKey.signature },
      preKey: preKey ? { keyId: preKey.keyId, publicKey: preKey.keyPair.pubKey } : undefined
    });
    steps.push({ op: 'processBundle', actor: 'alice', randomness: keys.take() });

    const messages = [];
    const shuffler = new Shuffler(`signal ${name} delivery`);
    const held = { alice: [], bob: [] }; // messages in flight TO this party, held back: [{id, until}]
    const lost = { alice: [], bob: [] }; // held back until the very end of the conversation
    const encrypt = async (from, count) => {
      const sent = [];
      for (let i = 0; i < count; i++) {
        const id = messages.length;
        const plaintext = fixed(`signal ${name} plaintext ${id}`, (id * 37) % 211);
        const out = await from.cipher.encrypt(plaintext);
        const type = out.type === 3 ? 'pkmsg' : 'msg';
        const body = Buffer.from(out.body, 'binary');
        messages.push({ id, from: from.name, plaintext, type, body });
        steps.push({ op: 'encrypt', actor: from.name, id, plaintext: hex(plaintext), randomness: keys.take(), type, body: hex(body) });
        sent.push(id);
      }
      return sent;
    };
    const decrypt = async (to, id, late = false) => {
      const m = messages[id];
      const plaintext = m.type === 'pkmsg'
        ? await to.cipher.decryptPreKeyWhisperMessage(m.body)
        : await to.cipher.decryptWhisperMessage(m.body);
      if (!Buffer.from(plaintext).equals(m.plaintext)) throw new Error(`message ${id} decrypted wrongly`);
      const step = { op: 'decrypt', actor: to.name, id, randomness: keys.take() };
      if (late) step.late = true;
      steps.push(step);
    };

    let round = 0;
    const deliver = async (to, ids, holdBack) => {
      const now = [];
      for (const id of ids) {
        const r = shuffler.below(100);
        if (holdBack && r < 3) { lost[to.name].push(id); continue; } // delivered after everything else
        if (holdBack && r < 13) held[to.name].push({ id, until: round + 1 + shuffler.below(2) });
        else now.push(id);
      }
      const due = held[to.name].filter((h) => h.until <= round).map((h) => h.id);
      held[to.name] = held[to.name].filter((h) => h.until > round);
      for (const id of shuffler.shuffle([...now, ...due])) await decrypt(to, id);
    };

    // Alice's first batch stays pkmsg until Bob answers; deliver it shuffled, including the first pkmsg.
    const plan = [
      ['alice', 4], ['bob', 3], ['alice', 1], ['alice', 6], ['bob', 9], ['alice', 12], ['bob', 1], ['bob', 2],
      ['alice', 120], ['bob', 5], ['alice', 3], ['bob', 40], ['alice', 8], ['bob', 7], ['alice', 2], ['bob', 60],
      ['alice', 9], ['bob', 11], ['alice', 30], ['bob', 4], ['alice', 6], ['bob', 6]
    ];
    const party = { alice, bob };
    for (const [sender, count] of plan) {
      const from = party[sender];
      const to = sender === 'alice' ? bob : alice;
      const ids = await encrypt(from, count);
      // The very first delivery must include at least one pkmsg, so hold nothing back in round 0.
      await deliver(to, ids, round > 0);
      round++;
    }
    round += 10;
    await deliver(alice, [], false);
    await deliver(bob, [], false);
    // The messages lost in transit arrive at last, many ratchet turns late; libsignal-node keeps every receiving
    // chain, so it decrypts them all from their skipped keys (marked late: the Java side keeps 5 chains).
    for (const id of lost.alice) await decrypt(alice, id, true);
    for (const id of lost.bob) await decrypt(bob, id, true);

    return {
      description: `libsignal-node 6.0.0 conversation, bundle ${withPreKey ? 'with' : 'without'} a one-time prekey; ` +
        'keys are 32-byte X25519 privates (publics derived); randomness lists the private keys each step drew',
      libsignal: '6.0.0',
      alice: { address: 'alice.0', identityPrivate: hex(alice.identity.privKey), registrationId: alice.registrationId },
      bob: {
        address: 'bob.1',
        identityPrivate: hex(bob.identity.privKey),
        registrationId: bob.registrationId,
        signedPreKey: { id: signedPreKey.keyId, private: hex(signedPreKey.keyPair.privKey), signature: hex(signedPreKey.signature) },
        preKey: preKey ? { id: preKey.keyId, private: hex(preKey.keyPair.privKey) } : null
      },
      messages: messages.length,
      steps
    };
  } finally {
    curve.generateKeyPair = originalGenerate;
  }
}

export default async function generate() {
  const quiet = { info: console.info, warn: console.warn };
  console.info = () => {};
  console.warn = () => {};
  try {
    writeVectors('signal-conversation-prekey.json', await conversation('prekey', true));
    writeVectors('signal-conversation-no-prekey.json', await conversation('no-prekey', false));
  } finally {
    Object.assign(console, quiet);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generate();
}
