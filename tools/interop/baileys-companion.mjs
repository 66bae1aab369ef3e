// What the Baileys-vs-emulator scripts share: virtual phones, polling, linking a stock Baileys socket as a companion
// by QR, and PASS/FAIL steps. Everything talks to the emulator on loopback only.
import { memoryKeys, post } from './emulator-process.mjs';

export const get = async url => {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
};

const newNumber = () => '62' + String(Math.floor(1e10 + Math.random() * 9e10));

/** A new virtual phone (an account with its primary device) on the emulator. */
export const createPhone = async emulator => {
  const created = await post(emulator.admin + 'phones', { phoneNumber: newNumber() });
  if (created.status !== 201) throw new Error('POST /phones answered ' + JSON.stringify(created));
  return created.body;
};

/** until(label, check): polls until check() returns something truthy; throws with the label after timeoutMs. */
export const poller = timeoutMs => async (label, check, interval = 200) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const last = await check();
    if (last) return last;
    await new Promise(r => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${label}`);
};

/**
 * Links a stock Baileys socket to `phone` by QR, restarts after 515 and resolves on 'open' with { sock, creds }.
 * messages.upsert lands in events.upserts; `subscribe(sock)` adds a script's own listeners to each socket.
 */
export const linkAndOpen = (B, emulator, phone, events, { logger, timeoutMs, subscribe = () => {} }) =>
  new Promise((resolve, reject) => {
    const creds = B.initAuthCreds();
    const keys = memoryKeys();
    const timer = setTimeout(() => reject(new Error('no open within ' + timeoutMs + ' ms')), timeoutMs);
    let sockets = 0;
    const connect = () => {
      sockets++;
      const sock = B.makeWASocket({ waWebSocketUrl: emulator.wsUrl, auth: { creds, keys }, logger,
        printQRInTerminal: false, markOnlineOnConnect: false });
      sock.ev.on('creds.update', update => Object.assign(creds, update));
      sock.ev.on('messages.upsert', ({ messages, type }) => messages.forEach(m => events.upserts.push({ type, m })));
      subscribe(sock, sockets);
      let linking = false;
      sock.ev.on('connection.update', async update => {
        try {
          if (update.qr && !linking) {
            linking = true;
            const linked = await post(emulator.admin + `phones/${phone}/link`, { qr: update.qr });
            if (linked.status !== 200) throw new Error('link answered ' + JSON.stringify(linked));
          }
          if (update.connection === 'close') {
            const status = update.lastDisconnect?.error?.output?.statusCode;
            if (status === B.DisconnectReason.restartRequired && sockets === 1) connect();
            else if (events.closing) return;
            else throw new Error('closed with ' + status);
          }
          if (update.connection === 'open') {
            clearTimeout(timer);
            resolve({ sock, creds });
          }
        } catch (e) {
          clearTimeout(timer);
          sock.end(undefined);
          reject(e);
        }
      });
    };
    connect();
  });

/** Named steps printed as PASS/FAIL lines; `results` holds one boolean per step. `onFail(error)` may dump state. */
export const steps = (onFail = () => {}) => {
  const results = [];
  const step = async (name, run) => {
    const started = Date.now();
    try {
      const detail = await run();
      results.push(true);
      console.log(`PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)} s${detail ? '; ' + detail : ''})`);
    } catch (e) {
      results.push(false);
      console.log(`FAIL ${name}: ${e.message}`);
      onFail(e);
      throw e;
    }
  };
  return { step, results };
};
