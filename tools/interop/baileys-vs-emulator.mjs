// Proves the emulator against the reference client: STOCK Baileys 7.0.0-rc14 (only its trusted root key is
// replaced by the emulator's, fact sheet §3.4/§12.3) registers, is linked by a virtual phone through the admin
// API (by QR, then by pairing code), restarts after <stream:error code="515"/> and must reach connection 'open';
// then the QR-linked device is unlinked by the phone (Baileys must close with 401 loggedOut) and the code-linked
// device connects a second time (the first socket must close with 440 connectionReplaced).
//
//   node baileys-vs-emulator.mjs                       # starts ../../emulator/target/emulator-0.1.0.jar itself
//   EMULATOR_ADMIN_URL=http://127.0.0.1:8090/ node baileys-vs-emulator.mjs   # uses a running emulator
//   MODES=qr node baileys-vs-emulator.mjs              # only the QR flow (default: qr,code)
//   JAVA_HOME=/path/to/jdk-21+ node baileys-vs-emulator.mjs   # the jar needs Java 21 or newer
//
// Prints one PASS/FAIL line per flow and exits non-zero on any failure.
import * as B from '@whiskeysockets/baileys';
import P from 'pino';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, memoryKeys, post } from './emulator-process.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 90_000);
const logger = P({ level: process.env.BAILEYS_LOG ?? 'silent' });
const baileysVersion = JSON.parse(readFileSync(join(here, 'node_modules/@whiskeysockets/baileys/package.json'))).version;

/** One stock client through pairing (QR or code), the 515 restart and login to 'open', then unlink or replacement. */
const runFlow = async (emulator, mode) => {
  const phone = '62' + String(Math.floor(1e10 + Math.random() * 9e10));
  const created = await post(emulator.admin + 'phones', { phoneNumber: phone });
  if (created.status !== 201) throw new Error('POST /phones answered ' + created.status);
  const creds = B.initAuthCreds();
  const keys = memoryKeys();
  const steps = [];
  const cleanup = [];
  let sockets = 0;
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out; steps: ' + steps.join(' > '))), TIMEOUT_MS);
      const connect = () => {
        sockets++;
        const sock = B.makeWASocket({
          waWebSocketUrl: emulator.wsUrl,
          auth: { creds, keys },
          logger,
          printQRInTerminal: false,
          markOnlineOnConnect: false
        });
        sock.ev.on('creds.update', update => Object.assign(creds, update));
        let linking = false;
        sock.ev.on('connection.update', async update => {
          try {
            if (update.qr && !linking) {
              linking = true;
              if (mode === 'qr') {
                steps.push('qr');
                const linked = await post(emulator.admin + `phones/${phone}/link`, { qr: update.qr });
                steps.push('link ' + linked.status);
                if (linked.status !== 200) throw new Error('link answered ' + JSON.stringify(linked));
              } else {
                const code = await sock.requestPairingCode(phone);
                steps.push('code ' + code);
                const linked = await post(emulator.admin + `phones/${phone}/link-code`, { code: code.slice(0, 4) + '-' + code.slice(4) });
                steps.push('link-code ' + linked.status);
                if (linked.status !== 200) throw new Error('link-code answered ' + JSON.stringify(linked));
              }
            }
            if (update.connection === 'close') {
              const status = update.lastDisconnect?.error?.output?.statusCode;
              steps.push('close ' + status);
              if (status === B.DisconnectReason.restartRequired && sockets === 1) {
                connect(); // what every Baileys application does on 515
              } else if (opened && status === expectedEnd) {
                clearTimeout(timer);
                resolve(steps.join(' > '));
              } else {
                throw new Error('closed with ' + status);
              }
            }
            if (update.connection === 'open' && !opened) {
              opened = true;
              steps.push('open');
              // let the post-login queries (pre-key upload of 812 keys, passive, digest, props) run
              await new Promise(r => setTimeout(r, 3000));
              const state = await (await fetch(emulator.admin + `phones/${phone}`)).json();
              const { user, device: deviceId } = B.jidDecode(creds.me.id);
              const device = state.devices.find(d => d.jid === `${user}:${deviceId}@s.whatsapp.net`);
              steps.push(`device ${device?.jid} connected=${device?.connected} preKeys=${device?.preKeyCount}`);
              if (!device?.connected || !(device.preKeyCount > 0)) {
                throw new Error('open, but the emulator does not list the device as connected with pre-keys');
              }
              if (mode === 'qr') {
                // the phone unlinks the device: Baileys must close with 401 loggedOut (fact sheet §8.5)
                expectedEnd = B.DisconnectReason.loggedOut;
                const removed = await fetch(emulator.admin + `phones/${phone}/devices/${encodeURIComponent(device.jid)}`,
                  { method: 'DELETE' });
                steps.push('unlink ' + removed.status);
              } else {
                // the same device connects again: the first socket must close with 440 connectionReplaced
                expectedEnd = B.DisconnectReason.connectionReplaced;
                const twin = B.makeWASocket({ waWebSocketUrl: emulator.wsUrl, auth: { creds, keys }, logger,
                  printQRInTerminal: false, markOnlineOnConnect: false });
                twin.ev.on('connection.update', u => { if (u.connection === 'open') steps.push('twin open'); });
                cleanup.push(() => twin.end(undefined));
              }
            }
          } catch (e) {
            clearTimeout(timer);
            sock.end(undefined);
            reject(new Error(e.message + '; steps: ' + steps.join(' > ')));
          }
        });
      };
      let opened = false;
      let expectedEnd;
      connect();
    });
  } finally {
    cleanup.forEach(end => end());
  }
};

const emulator = await startEmulator();
// The one change to stock Baileys: trust the emulator's root instead of WhatsApp's (fact sheet §3.4, §12.3).
B.WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(emulator.rootKey, 'base64');
let failed = false;
for (const mode of (process.env.MODES ?? 'qr,code').split(',')) {
  try {
    const steps = await runFlow(emulator, mode);
    console.log(`PASS ${mode}: Baileys ${baileysVersion} reached 'open' against the emulator (${steps})`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${mode}: ${e.message}`);
  }
}
emulator.stop();
process.exit(failed ? 1 : 0);
