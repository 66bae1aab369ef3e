// Proves the emulator's media hosts, media_conn, the virtual phones' media and the media retry against the reference
// client: STOCK Baileys 7.0.0-rc14 (only its trusted root key is replaced by the emulator's, fact sheet §3.4/§12.3;
// Node trusts the emulator's own media certificate through NODE_EXTRA_CA_CERTS, TLS checks stay on) is linked by QR
// as a companion of account A and then
//   1. sends an image to virtual phone B (media_conn, HTTPS upload): B downloads, verifies, decrypts it and shows
//      the same plaintext SHA-256;
//   2. sends a document while the 127.0.0.1 host fails uploads (fault): Baileys falls back to the localhost host;
//      B shows the document's SHA-256 and file name;
//   3. receives an image and a voice note from phone B: downloadMediaMessage decrypts both (SHA-256 match);
//   4. receives an image from B whose blob is then expired (410): the download fails with 410, updateMediaMessage
//      (media retry: <receipt type="server-error">, answered by B's phone with <notification type="mediaretry">)
//      gives a new direct path, and the download then succeeds (SHA-256 match).
//
//   node baileys-media-vs-emulator.mjs    # starts ../../emulator/target/emulator-0.1.0.jar, then reruns itself with
//                                         # NODE_EXTRA_CA_CERTS=<the emulator's media certificate PEM> (GET /media)
//   EMULATOR_ADMIN_URL=http://127.0.0.1:8090/ node baileys-media-vs-emulator.mjs   # uses a running emulator
//   BAILEYS_LOG=debug EMULATOR_LOG=1 node baileys-media-vs-emulator.mjs
//
// Every connection goes to 127.0.0.1 / localhost: the script refuses a media URL naming any other host.
// Prints one PASS/FAIL line per step and exits non-zero on any failure.
import * as B from '@whiskeysockets/baileys';
import P from 'pino';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { startEmulator, post } from './emulator-process.mjs';
import { get, createPhone, poller, linkAndOpen as linkCompanion, steps } from './baileys-companion.mjs';

const here = dirname(fileURLToPath(import.meta.url));

// Node reads NODE_EXTRA_CA_CERTS only at start (and a machine may set it to its own bundle): start or find the
// emulator, then run this script again trusting the emulator's media certificate.
if (process.env.BAILEYS_MEDIA_RUN !== 'child') {
  const emulator = await startEmulator();
  const media = await (await fetch(emulator.admin + 'media')).json();
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, EMULATOR_ADMIN_URL: emulator.admin, NODE_EXTRA_CA_CERTS: media.certificatePath,
      BAILEYS_MEDIA_RUN: 'child' }
  });
  const code = await new Promise(resolve => child.on('exit', resolve));
  emulator.stop();
  process.exit(code ?? 1);
}

const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS ?? 45_000);
const logger = P({ level: process.env.BAILEYS_LOG ?? 'silent' });
const baileysVersion = JSON.parse(readFileSync(join(here, 'node_modules/@whiskeysockets/baileys/package.json'))).version;

const sha256 = buffer => createHash('sha256').update(buffer).digest('hex');
const until = poller(STEP_TIMEOUT_MS);
const linkAndOpen = (emulator, phone, events) =>
  linkCompanion(B, emulator, phone, events, { logger, timeoutMs: STEP_TIMEOUT_MS });
const { step, results } = steps();

const emulator = await startEmulator();
B.WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(emulator.rootKey, 'base64');
const mediaInfo = (await get(emulator.admin + 'media')).body;
const mediaHost = mediaInfo.hosts[0];
const loopbackHosts = new Set(mediaInfo.hosts);
/** Never let a download leave the machine: every media URL must name one of the emulator's hosts. */
const assertLoopback = content => {
  const url = new URL(content.url ?? ('https://' + mediaHost + content.directPath));
  if (!loopbackHosts.has(url.host)) throw new Error('refusing a media URL outside the emulator: ' + url.host);
};
const events = { upserts: [], closing: false };
let sock;
try {
  const [a, b] = [await createPhone(emulator), await createPhone(emulator)];
  const A = a.phoneNumber, Bn = b.phoneNumber;
  const bJid = `${Bn}@s.whatsapp.net`;
  const phoneMessage = async id => until(`phone B to show ${id}`, async () =>
    (await get(emulator.admin + `phones/${Bn}/messages`)).body.messages.find(m => m.id === id));
  const upsertOf = id => until(`messages.upsert of ${id}`, () => events.upserts.find(u => u.m.key.id === id)?.m);
  const download = async message => {
    const content = B.extractMessageContent(message.message);
    assertLoopback(content[B.getContentType(content)]);
    return B.downloadMediaMessage(message, 'buffer', { options: {} });
  };

  await step(`link Baileys ${baileysVersion} to A=${A} by QR, open (media certificate ${process.env.NODE_EXTRA_CA_CERTS})`,
    async () => {
      ({ sock } = await linkAndOpen(emulator, A, events));
      return `me=${sock.user.id}`;
    });

  await step('Baileys -> phone B image (media_conn, HTTPS upload), B decrypts it with the same SHA-256', async () => {
    const image = randomBytes(48_000);
    const sent = await sock.sendMessage(bJid, { image, caption: 'an image from Baileys', mimetype: 'image/jpeg' });
    const got = await phoneMessage(sent.key.id);
    if (got.type !== 'image' || got.media?.sha256 !== sha256(image) || got.media?.error) {
      throw new Error('B shows ' + JSON.stringify(got));
    }
    const url = sent.message.imageMessage.url;
    return `id=${sent.key.id} url=${url.slice(0, url.indexOf('/v/') + 18)}… sha256=${got.media.sha256.slice(0, 16)}… caption="${got.text}"`;
  });

  await step('Baileys -> phone B document while host 127.0.0.1 fails uploads (fault 503): Baileys falls back to localhost', async () => {
    const armed = await post(emulator.admin + 'faults', { mediaUploadFailure: { host: '127.0.0.1', status: 503, count: 1 } });
    if (armed.status !== 200) throw new Error('fault answered ' + JSON.stringify(armed));
    const document = randomBytes(150_000);
    const sent = await sock.sendMessage(bJid, { document, mimetype: 'application/pdf', fileName: 'report.pdf' });
    const url = new URL(sent.message.documentMessage.url);
    if (url.hostname !== 'localhost') throw new Error('uploaded to ' + url.host + ', not the fallback host');
    const got = await phoneMessage(sent.key.id);
    if (got.type !== 'document' || got.media?.sha256 !== sha256(document) || got.media?.fileName !== 'report.pdf') {
      throw new Error('B shows ' + JSON.stringify(got));
    }
    return `id=${sent.key.id} uploaded to ${url.host} sha256=${got.media.sha256.slice(0, 16)}… fileName=${got.media.fileName}`;
  });

  const phoneSends = async (type, bytes, extra = {}) => {
    const sent = await post(emulator.admin + `phones/${Bn}/messages`,
      { to: A, type, base64: bytes.toString('base64'), ...extra });
    if (sent.status !== 200) throw new Error('phone send answered ' + JSON.stringify(sent));
    return sent.body.id;
  };

  await step('phone B -> Baileys image and voice note, downloadMediaMessage decrypts both (SHA-256 match)', async () => {
    const image = randomBytes(30_000);
    const voice = randomBytes(9_000);
    const imageId = await phoneSends('image', image, { mimetype: 'image/jpeg', caption: 'from phone B' });
    const voiceId = await phoneSends('audio', voice, { mimetype: 'audio/ogg; codecs=opus', ptt: true });
    const imageMsg = await upsertOf(imageId);
    const voiceMsg = await upsertOf(voiceId);
    const gotImage = await download(imageMsg);
    const gotVoice = await download(voiceMsg);
    if (sha256(gotImage) !== sha256(image)) throw new Error('image sha256 ' + sha256(gotImage));
    if (sha256(gotVoice) !== sha256(voice)) throw new Error('voice sha256 ' + sha256(gotVoice));
    if (!voiceMsg.message.audioMessage.ptt) throw new Error('not a voice note: ' + JSON.stringify(voiceMsg.message.audioMessage));
    return `image ${sha256(gotImage).slice(0, 16)}… caption="${imageMsg.message.imageMessage.caption}", ptt ${sha256(gotVoice).slice(0, 16)}…`;
  });

  await step('expired blob (410) -> updateMediaMessage (media retry, answered by phone B) -> new direct path downloads', async () => {
    const image = randomBytes(25_000);
    const id = await phoneSends('image', image, { mimetype: 'image/jpeg' });
    const message = await upsertOf(id);
    const expired = await post(emulator.admin + 'faults', { mediaExpire: { messageId: id, status: 410 } });
    if (expired.status !== 200) throw new Error('fault answered ' + JSON.stringify(expired));
    const failure = await download(message).then(() => null, e => e);
    if (failure?.status !== 410 && failure?.output?.statusCode !== 410) {
      throw new Error('download of the expired blob did not fail with 410: ' + (failure?.message ?? 'it succeeded'));
    }
    const oldPath = message.message.imageMessage.directPath;
    await sock.refreshMediaConn(false); // the retry builds the new URL from media_conn's first host
    const updated = await sock.updateMediaMessage(message);
    const newPath = updated.message.imageMessage.directPath;
    if (!newPath || newPath === oldPath) throw new Error('no new direct path: ' + newPath);
    const got = await download(updated);
    if (sha256(got) !== sha256(image)) throw new Error('sha256 after retry ' + sha256(got));
    return `first download: ${failure.message.split(" from ")[0]} (410); new ${newPath.slice(0, 26)}…; sha256 ${sha256(got).slice(0, 16)}…`;
  });

  await step('nothing undecryptable, no media error on phone B', async () => {
    const { body } = await get(emulator.admin + `phones/${Bn}/messages`);
    const errors = body.messages.filter(m => m.media?.error);
    if (body.undecryptable !== 0 || errors.length) throw new Error(JSON.stringify({ undecryptable: body.undecryptable, errors }));
    return `B received ${body.messages.map(m => m.type).join(',')}`;
  });
} catch (e) {
  // the failing step printed its line
} finally {
  events.closing = true;
  sock?.end(undefined);
  emulator.stop();
}
const failed = results.filter(ok => !ok).length;
console.log(failed ? `${failed} step(s) FAILED` : `all ${results.length} steps PASS`);
process.exit(failed ? 1 : 0);
