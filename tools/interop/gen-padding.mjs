// WhatsApp's random message padding, produced by Baileys 7.0.0-rc14 itself: writeRandomPadMax16 and
// unpadRandomMax16 in node_modules/@whiskeysockets/baileys/lib/Utils/generics.js, with crypto.randomBytes
// replaced by fixed bytes for the duration. Output: padding.json (MessagePaddingVectorsTest).
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fixed, hex, writeVectors } from './vector-io.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const GENERICS = join(here, 'node_modules', '@whiskeysockets', 'baileys', 'lib', 'Utils', 'generics.js');

export default async function generate() {
  const original = crypto.randomBytes;
  const queue = [];
  crypto.randomBytes = (n) => {
    const next = queue.shift();
    if (!next || next.length !== n) throw new Error(`unexpected randomBytes(${n})`);
    return next;
  };
  syncBuiltinESMExports(); // generics.js imports { randomBytes } from 'crypto': its live binding now sees ours
  try {
    const { writeRandomPadMax16, unpadRandomMax16 } = await import(pathToFileURL(GENERICS).href);
    const pads = [];
    const randoms = [0x00, 0x01, 0x02, 0x07, 0x0e, 0x0f, 0x10, 0x1f, 0x80, 0x8f, 0xa5, 0xf0, 0xff];
    randoms.forEach((r, i) => {
      const message = fixed(`padding message ${i}`, (i * 13) % 40);
      queue.push(Buffer.from([r]));
      const padded = writeRandomPadMax16(message);
      if (queue.length !== 0) throw new Error('writeRandomPadMax16 drew no random byte');
      pads.push({ random: hex([r]), message: hex(message), padded: hex(padded) });
    });
    const unpads = [];
    const inputs = ['0a0b0c0d01', '0a0b0c0d0303', '01020304', '0505050505', '00', '0a00', '1010101010101010101010101010101010',
      '0a0b0c0d06', 'ff'];
    for (const input of inputs) {
      try {
        unpads.push({ padded: input, message: hex(unpadRandomMax16(Buffer.from(input, 'hex'))) });
      } catch (e) {
        unpads.push({ padded: input, error: e.message });
      }
    }
    writeVectors('padding.json', {
      description: 'Baileys 7.0.0-rc14 writeRandomPadMax16 with fixed randomBytes(1), and unpadRandomMax16 ' +
        '(lib/Utils/generics.js): pad length (random & 0x0f) + 1, 1..16 bytes each holding the length',
      baileys: '7.0.0-rc14',
      pads,
      unpads
    });
  } finally {
    crypto.randomBytes = original;
    syncBuiltinESMExports();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generate();
}
