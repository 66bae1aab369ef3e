// Proves the emulator's messaging (and, inside the virtual phones, our Java Signal code) against the reference
// client: STOCK Baileys 7.0.0-rc14 (libsignal-node inside; only its trusted root key is replaced by the
// emulator's, fact sheet §3.4/§12.3) is linked by QR as a companion of account A and then
//   1. gets the app-state sync key share from A's phone (§8.6): creds.myAppStateKeyId is set;
//   2. sends a text to virtual phone B: B's GET /phones/B/messages shows it decrypted;
//   3. sees B's automatic delivery receipt and, after POST /phones/B/read, the read receipt as messages.update
//      (status 3 DELIVERY_ACK, then 4 READ);
//   4. receives a text from B: messages.upsert shows it decrypted;
//   5. in a group of A, B and C (POST /groups): sends into it (B and C decrypt it) and receives from B
//      (messages.upsert in the group chat).
//
//   node baileys-messaging-vs-emulator.mjs                # starts ../../emulator/target/emulator-0.1.0.jar itself
//   EMULATOR_ADMIN_URL=http://127.0.0.1:8090/ node baileys-messaging-vs-emulator.mjs   # uses a running emulator
//   BAILEYS_LOG=debug EMULATOR_LOG=1 node baileys-messaging-vs-emulator.mjs            # both logs on stderr
//
// Prints one PASS/FAIL line per step and exits non-zero on any failure.
import * as B from '@whiskeysockets/baileys';
import P from 'pino';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { startEmulator, post, javaBinary, emulatorJar } from './emulator-process.mjs';
import { get, createPhone, poller, linkAndOpen as linkCompanion, steps } from './baileys-companion.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// Baileys 7 buffers events on a first connection until a history sync arrives or 20 s pass (chats.js), so
// the first upsert/update can take that long; every wait allows for it.
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS ?? 45_000);
const logger = P({ level: process.env.BAILEYS_LOG ?? 'silent' });
const baileysVersion = JSON.parse(readFileSync(join(here, 'node_modules/@whiskeysockets/baileys/package.json'))).version;
const Status = B.proto.WebMessageInfo.Status;

const until = poller(STEP_TIMEOUT_MS);
const linkAndOpen = (emulator, phone, events) =>
  linkCompanion(B, emulator, phone, events, { logger, timeoutMs: STEP_TIMEOUT_MS, subscribe: (sock, sockets) => {
    if (process.env.DUMP_EVENTS) sock.ev.process(map => console.error('EVENTS', sockets, Object.keys(map).join(',')));
    sock.ev.on('messages.update', updates => events.updates.push(...updates));
    sock.ev.on('message-receipt.update', updates => events.receipts.push(...updates));
  } });

/**
 * Our own Java client (JavaClientPeer.java, the whatsapp module's WhatsAppClient from the emulator jar) linked to
 * `phone`; resolves once it reports READY. Its report lines are collected in `lines`.
 */
const startJavaPeer = (emulator, phone) => new Promise((resolve, reject) => {
  const child = spawn(javaBinary(), ['-cp', emulatorJar(), join(here, 'JavaClientPeer.java'), emulator.wsUrl,
    emulator.rootKey, emulator.admin, phone], { stdio: ['pipe', 'pipe', 'pipe'] });
  const peer = { child, lines: [], send: (id, to, text) => child.stdin.write(['send', id, to, text].join('\t') + '\n') };
  let errors = '';
  child.stderr.on('data', chunk => {
    if (process.env.JAVA_CLIENT_LOG) process.stderr.write(chunk);
    errors = (errors + chunk).slice(-3000);
  });
  const timer = setTimeout(() => reject(new Error('Java client not READY; stderr: ' + errors)), STEP_TIMEOUT_MS);
  child.on('exit', code => reject(new Error(`Java client exited with ${code}: ${errors}`)));
  createInterface({ input: child.stdout }).on('line', line => {
    const fields = line.split('\t');
    peer.lines.push(fields);
    if (fields[0] === 'READY') {
      clearTimeout(timer);
      peer.me = fields[1];
      resolve(peer);
    }
  });
});

const messageId = () => '3EB0' + randomBytes(9).toString('hex').toUpperCase();

const { step, results } = steps(() => {
  if (process.env.DUMP_EVENTS) {
    console.log(JSON.stringify({ updates: events.updates, receipts: events.receipts,
      upserts: events.upserts.map(u => ({ type: u.type, key: u.m.key, status: u.m.status, message: u.m.message })) }, null, 1));
  }
});

const emulator = await startEmulator();
// The one change to stock Baileys: trust the emulator's root instead of WhatsApp's (fact sheet §3.4, §12.3).
B.WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(emulator.rootKey, 'base64');
const events = { upserts: [], updates: [], receipts: [], closing: false };
let sock;
try {
  const [a, b, c] = [await createPhone(emulator), await createPhone(emulator), await createPhone(emulator)];
  const A = a.phoneNumber, Bn = b.phoneNumber, C = c.phoneNumber;
  const bJid = `${Bn}@s.whatsapp.net`;
  let creds;

  await step(`link Baileys ${baileysVersion} to A=${A} by QR, open`, async () => {
    ({ sock, creds } = await linkAndOpen(emulator, A, events));
    return `me=${creds.me.id} lid=${creds.me.lid}`;
  });

  await step('app-state key share from A\'s phone (§8.6) stored by Baileys', async () => {
    const keyId = await until('creds.myAppStateKeyId', () => creds.myAppStateKeyId);
    return `myAppStateKeyId=${keyId}`;
  });

  let toB;
  await step('Baileys -> phone B 1:1 text, decrypted by B', async () => {
    const sent = await sock.sendMessage(bJid, { text: 'hello B from Baileys' });
    toB = sent.key.id;
    const got = await until('B to show the text', async () => {
      const { body } = await get(emulator.admin + `phones/${Bn}/messages`);
      return body.messages.find(m => m.id === toB);
    });
    if (got.text !== 'hello B from Baileys') throw new Error('B decrypted ' + JSON.stringify(got));
    return `id=${toB} from=${got.from} text="${got.text}"`;
  });

  // A status reaches the application as messages.update, or, when the receipt beat Baileys' own upsert of
  // the sent message (the phone answers within milliseconds; Baileys emits the upsert after relaying), merged
  // by its event buffer into that upsert's `status` (Utils/event-buffer.js). Both count.
  const statusOf = id => [
    ...events.upserts.filter(u => u.m.key.id === id && u.m.status !== undefined && u.m.status !== null)
      .map(u => 'upsert:' + u.m.status),
    ...events.updates.filter(u => u.key.id === id && u.update.status !== undefined).map(u => 'update:' + u.update.status)
  ];
  const reached = (id, status) => statusOf(id).some(s => Number(s.split(':')[1]) === status);
  await step('delivered (B\'s automatic receipt) as a status', async () => {
    await until('status DELIVERY_ACK', () => reached(toB, Status.DELIVERY_ACK));
    return `statuses=${statusOf(toB).join(',')}`;
  });

  await step('read (POST /phones/B/read) as messages.update', async () => {
    if (reached(toB, Status.READ)) throw new Error('READ before the phone read: ' + statusOf(toB).join(','));
    const read = await post(emulator.admin + `phones/${Bn}/read`, { messageIds: [toB] });
    if (read.status !== 200 || !read.body.read.includes(toB)) throw new Error('read answered ' + JSON.stringify(read));
    await until('status READ', () => reached(toB, Status.READ));
    return `statuses=${statusOf(toB).join(',')}`;
  });

  await step('phone B -> Baileys 1:1 text as messages.upsert', async () => {
    const sent = await post(emulator.admin + `phones/${Bn}/messages`, { to: A, text: 'hello A from phone B' });
    if (sent.status !== 200) throw new Error('send answered ' + JSON.stringify(sent));
    const got = await until('upsert', () => events.upserts.find(u => u.m.key.id === sent.body.id));
    const text = got.m.message?.conversation;
    if (text !== 'hello A from phone B') throw new Error('upsert carried ' + JSON.stringify(got.m));
    const status = await until('B to see its message delivered', async () => {
      const { body } = await get(emulator.admin + `phones/${Bn}/messages`);
      const s = body.sent.find(m => m.id === sent.body.id)?.status;
      return s === 'delivered' || s === 'read' ? s : undefined;
    });
    return `id=${sent.body.id} remoteJid=${got.m.key.remoteJid} text="${text}" type=${got.type}; B sees ${status}`;
  });

  let group;
  await step('POST /groups with A, B, C', async () => {
    const created = await post(emulator.admin + 'groups', { subject: 'Interop', participants: [A, Bn, C] });
    if (created.status !== 201) throw new Error('groups answered ' + JSON.stringify(created));
    group = created.body.jid;
    return group;
  });

  await step('Baileys -> group text, decrypted by B and C', async () => {
    const sent = await sock.sendMessage(group, { text: 'hello group from Baileys' });
    for (const n of [Bn, C]) {
      const got = await until(`${n} to show the group text`, async () => {
        const { body } = await get(emulator.admin + `phones/${n}/messages`);
        return body.messages.find(m => m.id === sent.key.id);
      });
      if (got.text !== 'hello group from Baileys' || got.chat !== group) {
        throw new Error(`${n} decrypted ` + JSON.stringify(got));
      }
    }
    return `id=${sent.key.id}`;
  });

  await step('phone B -> group text as messages.upsert', async () => {
    const sent = await post(emulator.admin + `phones/${Bn}/messages`, { to: group, text: 'hello group from phone B' });
    if (sent.status !== 200) throw new Error('send answered ' + JSON.stringify(sent));
    const got = await until('group upsert', () => events.upserts.find(u => u.m.key.id === sent.body.id));
    const text = got.m.message?.conversation;
    if (text !== 'hello group from phone B' || got.m.key.remoteJid !== group) {
      throw new Error('upsert carried ' + JSON.stringify(got.m));
    }
    return `remoteJid=${got.m.key.remoteJid} participant=${got.m.key.participant} text="${text}"`;
  });

  await step('nothing undecryptable on the phones', async () => {
    const counts = [];
    for (const n of [A, Bn, C]) {
      const { body } = await get(emulator.admin + `phones/${n}/messages`);
      counts.push(body.undecryptable);
    }
    if (counts.some(x => x !== 0)) throw new Error('undecryptable per phone A,B,C: ' + counts.join(','));
    return 'A,B,C undecryptable=' + counts.join(',');
  });

  if (process.env.JAVA_CLIENT !== '0') {
    // Part 2: stock Baileys (account A) and our Java client (linked to account D) through the emulator
    const d = await createPhone(emulator);
    const D = d.phoneNumber;
    let peer;
    await step(`our Java client linked to D=${D} by QR, connected`, async () => {
      peer = await startJavaPeer(emulator, D);
      return `me=${peer.me}`;
    });
    try {
      // Baileys sends plain delivery receipts only once marked online (else type="inactive", no status on
      // either side); presence needs a push name, as any application sets
      creds.me.name = 'Interop';
      await sock.sendPresenceUpdate('available');
      const javaLine = (kind, pred) => peer.lines.find(f => f[0] === kind && pred(f));

      let toJava;
      await step('Baileys -> Java client 1:1 text, decrypted by our client', async () => {
        const sent = await sock.sendMessage(`${D}@s.whatsapp.net`, { text: 'hello Java from Baileys' });
        toJava = sent.key.id;
        const got = await until('RECEIVED', () => javaLine('RECEIVED', f => f[1] === toJava));
        if (got[5] !== 'hello Java from Baileys') throw new Error('Java decrypted ' + got.join(' | '));
        return `id=${toJava} chat=${got[2]} sender=${got[3]} text="${got[5]}"`;
      });

      await step('our client\'s delivery receipt -> Baileys status', async () => {
        await until('status DELIVERY_ACK', () => reached(toJava, Status.DELIVERY_ACK));
        return `statuses=${statusOf(toJava).join(',')}`;
      });

      let fromJava;
      await step('Java client -> Baileys 1:1 text as messages.upsert', async () => {
        fromJava = messageId();
        peer.send(fromJava, `${A}@s.whatsapp.net`, 'hello Baileys from Java');
        const sent = await until('SENT', () => javaLine('SENT', f => f[1] === fromJava)
          ?? javaLine('SEND_FAILED', f => f[1] === fromJava));
        if (sent[0] !== 'SENT') throw new Error('send failed: ' + sent.join(' | '));
        const got = await until('upsert', () => events.upserts.find(u => u.m.key.id === fromJava));
        const text = got.m.message?.conversation ?? got.m.message?.extendedTextMessage?.text;
        if (text !== 'hello Baileys from Java') throw new Error('upsert carried ' + JSON.stringify(got.m));
        return `id=${fromJava} remoteJid=${got.m.key.remoteJid} text="${text}"`;
      });

      await step('Baileys delivery and read receipts -> our client\'s statuses', async () => {
        const got = events.upserts.find(u => u.m.key.id === fromJava);
        await until('DELIVERED', () => javaLine('STATUS', f => f[1] === fromJava && f[2] === 'DELIVERED'));
        await sock.readMessages([got.m.key]);
        await until('READ', () => javaLine('STATUS', f => f[1] === fromJava && f[2] === 'READ'));
        return 'statuses=' + peer.lines.filter(f => f[0] === 'STATUS' && f[1] === fromJava).map(f => f[2]).join(',');
      });

      let mixed;
      await step('POST /groups with A, D, B', async () => {
        const created = await post(emulator.admin + 'groups', { subject: 'Mixed', participants: [A, D, Bn] });
        if (created.status !== 201) throw new Error('groups answered ' + JSON.stringify(created));
        mixed = created.body.jid;
        return mixed;
      });

      await step('Baileys -> group, decrypted by our client and phone B', async () => {
        const sent = await sock.sendMessage(mixed, { text: 'hello mixed group from Baileys' });
        const got = await until('RECEIVED', () => javaLine('RECEIVED', f => f[1] === sent.key.id));
        if (got[5] !== 'hello mixed group from Baileys' || got[2] !== mixed) {
          throw new Error('Java decrypted ' + got.join(' | '));
        }
        await until('B to show it', async () => {
          const { body } = await get(emulator.admin + `phones/${Bn}/messages`);
          return body.messages.find(m => m.id === sent.key.id && m.text === 'hello mixed group from Baileys');
        });
        return `id=${sent.key.id} Java chat=${got[2]} sender=${got[3]}`;
      });

      await step('Java client -> group, decrypted by Baileys (messages.upsert) and phone B', async () => {
        const id = messageId();
        peer.send(id, mixed, 'hello mixed group from Java');
        const got = await until('group upsert', () => events.upserts.find(u => u.m.key.id === id));
        const text = got.m.message?.conversation ?? got.m.message?.extendedTextMessage?.text;
        if (text !== 'hello mixed group from Java' || got.m.key.remoteJid !== mixed) {
          throw new Error('upsert carried ' + JSON.stringify(got.m));
        }
        await until('B to show it', async () => {
          const { body } = await get(emulator.admin + `phones/${Bn}/messages`);
          return body.messages.find(m => m.id === id && m.text === 'hello mixed group from Java');
        });
        return `remoteJid=${got.m.key.remoteJid} participant=${got.m.key.participant} text="${text}"`;
      });

      await step('nothing undecryptable on our client', async () => {
        const bad = peer.lines.filter(f => f[0] === 'UNDECRYPTABLE');
        if (bad.length) throw new Error(bad.map(f => f.join(' ')).join('; '));
        return 'received: ' + peer.lines.filter(f => f[0] === 'RECEIVED').map(f => f[4]).join(',');
      });
    } finally {
      peer?.child.stdin.end();
      peer?.child.kill('SIGTERM');
    }
  }
} catch (e) {
  if (!results.includes(false)) console.log('FAIL setup: ' + e.message);
  results.push(false);
} finally {
  events.closing = true;
  sock?.end(undefined);
  emulator.stop();
}
process.exit(results.every(Boolean) ? 0 : 1);
