// Shared by the Baileys-against-emulator scripts: start the emulator jar (or use a running one), an in-memory
// Signal key store for Baileys, and a JSON POST to the admin API.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Java 21 or newer: $JAVA, else $JAVA_HOME/bin/java, else java on the PATH. */
export const javaBinary = () =>
  process.env.JAVA ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java');

/** The emulator jar ($EMULATOR_JAR or the build output); it also bundles the whatsapp module (our client). */
export const emulatorJar = () => process.env.EMULATOR_JAR ?? join(here, '../../emulator/target/emulator-0.1.0.jar');

/** Starts ../../emulator/target/emulator-0.1.0.jar on a free port with a fresh data folder (or uses $EMULATOR_ADMIN_URL). */
export const startEmulator = async () => {
  if (process.env.EMULATOR_ADMIN_URL) {
    const admin = process.env.EMULATOR_ADMIN_URL.replace(/\/?$/, '/');
    const info = await (await fetch(admin + 'server')).json();
    return { admin, wsUrl: info.wsUrl, rootKey: info.rootPublicKey, stop: () => {} };
  }
  const jar = emulatorJar();
  const data = mkdtempSync(join(tmpdir(), 'emulator-interop-'));
  const java = javaBinary();
  const child = spawn(java, ['-jar', jar], {
    env: { ...process.env, EMULATOR_PORT: '0', EMULATOR_DATA: data }, // a free port; the printed URL names it
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let errors = '';
  child.stderr.on('data', chunk => {
    if (process.env.EMULATOR_LOG) process.stderr.write(chunk);
    errors = (errors + chunk).slice(-2000);
  });
  const settings = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('emulator printed no settings within 30 s')), 30_000);
    child.on('exit', code => reject(new Error(`emulator (${java}) exited with ${code}: ${errors}`)));
    child.stdout.on('data', chunk => {
      out += chunk;
      const url = /WA_SERVER_URL=(\S+)/.exec(out);
      const key = /WA_SERVER_ROOT_KEY=(\S+)/.exec(out);
      if (url && key) {
        clearTimeout(timer);
        resolve({ wsUrl: url[1], rootKey: key[1] });
      }
    });
  });
  const admin = new URL('/', settings.wsUrl.replace(/^ws/, 'http')).toString();
  return { admin, ...settings, stop: () => child.kill('SIGTERM') };
};

export const memoryKeys = () => {
  const data = {};
  return {
    get: async (type, ids) => Object.fromEntries(ids.map(id => [id, data[type]?.[id]]).filter(([, v]) => v !== undefined)),
    set: async update => {
      for (const type of Object.keys(update)) {
        data[type] ??= {};
        for (const [id, value] of Object.entries(update[type])) {
          if (value === null || value === undefined) delete data[type][id];
          else data[type][id] = value;
        }
      }
    }
  };
};

export const post = async (url, body) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};
