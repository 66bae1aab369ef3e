// Sender-key (group) vectors from Baileys 7.0.0-rc14's own lib/Signal/Group classes (fact sheet §9.7), with fixed
// randomness (key id, chain key, signing key): the SenderKeyDistributionMessage, a few hundred SenderKeyMessages
// with Baileys' iteration gaps (0, 2, 4, …), a distribution message mid-conversation for a late joiner, a key
// rotation, and the order a receiver got them in (some late, some reversed). Every message is decrypted here by a
// Baileys receiver before it is written, so the file only holds what the reference accepts.
// Output: whatsapp/src/test/resources/vectors/senderkey-conversation.json
import * as B from '@whiskeysockets/baileys';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  GroupCipher, GroupSessionBuilder, SenderKeyDistributionMessage, SenderKeyName, SenderKeyRecord
} from '@whiskeysockets/baileys/lib/Signal/Group/index.js';
import { fixed, hex, x25519Public, writeVectors } from './vector-io.mjs';

const require = createRequire(import.meta.url);
const { ProtocolAddress } = require('libsignal');

const GROUP = '120363000000000001@g.us';
const SENDER = new ProtocolAddress('987654321_1', 3); // a LID sender, device 3 (§9.9)
const MESSAGES_KEY1 = 300;
const MESSAGES_KEY2 = 40;
const LATE_SKDM_AFTER = 120; // messages sent before the late joiner's distribution message

/** A sender-key store that keeps records as Baileys' auth state does: JSON with BufferJSON, parsed on every load. */
const jsonStore = () => {
  const records = new Map();
  return {
    async loadSenderKey(name) {
      const stored = records.get(name.toString());
      return stored ? SenderKeyRecord.deserialize(stored) : new SenderKeyRecord();
    },
    async storeSenderKey(name, record) {
      records.set(name.toString(), Buffer.from(JSON.stringify(record.serialize(), B.BufferJSON.replacer)));
    }
  };
};

/** Key material as Java's GroupCipher.distributionMessage draws it: key id (4 bytes), chain key, signing private key. */
const fixedSenderKey = (label) => {
  const idBytes = fixed(`senderkey ${label} key id`, 4);
  const chainKey = fixed(`senderkey ${label} chain key`);
  const signingPrivate = fixed(`senderkey ${label} signing key`);
  return {
    keyId: idBytes.readUInt32BE(0) & 0x7fffffff,
    chainKey,
    signing: { private: signingPrivate, public: Buffer.concat([Buffer.from([5]), x25519Public(signingPrivate)]) },
    random: Buffer.concat([idBytes, chainKey, signingPrivate])
  };
};

/** A padded Message{conversation} as Baileys would encrypt it; padding length varies but is fixed per index. */
const plaintext = (index) => {
  const body = B.proto.Message.encode({ conversation: `group message ${index}` }).finish();
  const pad = 1 + ((index * 7) % 15);
  return Buffer.concat([Buffer.from(body), Buffer.alloc(pad, pad)]);
};

const iterationOf = (skmsg) => {
  const body = skmsg.subarray(1, skmsg.length - 64);
  return B.proto.SenderKeyMessage.decode(body).iteration;
};

export default async function generate() {
  const name = new SenderKeyName(GROUP, SENDER);
  const senderStore = jsonStore();
  const key1 = fixedSenderKey('first');
  const key2 = fixedSenderKey('rotated');

  const startKey = async (key) => {
    const record = new SenderKeyRecord();
    record.setSenderKeyState(key.keyId, 0, key.chainKey, key.signing);
    await senderStore.storeSenderKey(name, record);
    return Buffer.from((await new GroupSessionBuilder(senderStore).create(name)).serialize());
  };

  const sent = [];
  const send = async (keyLabel) => {
    const index = sent.length;
    const data = plaintext(index);
    const skmsg = Buffer.from(await new GroupCipher(senderStore, name).encrypt(data));
    sent.push({ index, key: keyLabel, iteration: iterationOf(skmsg), plaintext: data, skmsg });
  };

  const skdm1 = await startKey(key1);
  let lateSkdm;
  for (let i = 0; i < MESSAGES_KEY1; i++) {
    if (i === LATE_SKDM_AFTER) {
      lateSkdm = Buffer.from((await new GroupSessionBuilder(senderStore).create(name)).serialize());
    }
    await send('first');
  }
  const skdm2 = await startKey(key2);
  for (let i = 0; i < MESSAGES_KEY2; i++) await send('rotated');

  // Delivery order at a member who had the first key from the start: every 23rd first-key message arrives at the
  // very end (after the rotation), messages 200..241 arrive reversed in blocks of 7, the rest in order.
  const late = sent.filter((m) => m.key === 'first' && m.index % 23 === 5).map((m) => m.index);
  const order = [];
  const firstKey = sent.filter((m) => m.key === 'first' && m.index % 23 !== 5).map((m) => m.index);
  for (let i = 0; i < firstKey.length;) {
    if (firstKey[i] >= 200 && firstKey[i] < 242) {
      const block = firstKey.slice(i, i + 7).filter((x) => x < 242);
      order.push(...block.reverse());
      i += block.length;
    } else {
      order.push(firstKey[i++]);
    }
  }
  const deliveries = [{ distribution: 'first' }, ...order.slice(0, 150).map((index) => ({ index }))];
  deliveries.push(...order.slice(150).map((index) => ({ index })));
  deliveries.push({ distribution: 'rotated' });
  deliveries.push(...sent.filter((m) => m.key === 'rotated').map((m) => ({ index: m.index })));
  deliveries.push(...late.map((index) => ({ index })));

  const distributions = { first: skdm1, rotated: skdm2, late: lateSkdm };
  const receive = async (events) => {
    const store = jsonStore();
    for (const event of events) {
      if (event.distribution) {
        const message = new SenderKeyDistributionMessage(null, null, null, null, distributions[event.distribution]);
        await new GroupSessionBuilder(store).process(name, message);
      } else {
        const m = sent[event.index];
        const out = Buffer.from(await new GroupCipher(store, name).decrypt(m.skmsg));
        if (!out.equals(m.plaintext)) throw new Error(`Baileys receiver got a different plaintext for ${event.index}`);
      }
    }
  };
  await receive(deliveries);
  const lateDeliveries = [{ distribution: 'late' },
    ...sent.filter((m) => m.key === 'first' && m.index >= LATE_SKDM_AFTER).map((m) => ({ index: m.index }))];
  await receive(lateDeliveries);

  writeVectors('senderkey-conversation.json', {
    source: 'Baileys 7.0.0-rc14 lib/Signal/Group (GroupSessionBuilder, GroupCipher), libsignal 6.0.0 curve',
    group: GROUP,
    sender: { name: SENDER.id, device: SENDER.deviceId },
    keys: Object.fromEntries([['first', key1], ['rotated', key2]].map(([label, k]) => [label, {
      keyId: k.keyId,
      chainKey: hex(k.chainKey),
      signingPrivate: hex(k.signing.private),
      signingPublic: hex(k.signing.public),
      random: hex(k.random)
    }])),
    distributions: {
      first: hex(skdm1),
      rotated: hex(skdm2),
      late: { afterMessages: LATE_SKDM_AFTER, skdm: hex(lateSkdm) }
    },
    messages: sent.map((m) => ({
      index: m.index, key: m.key, iteration: m.iteration, plaintext: hex(m.plaintext), skmsg: hex(m.skmsg)
    })),
    deliveries,
    lateJoinerDeliveries: lateDeliveries
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await generate();
