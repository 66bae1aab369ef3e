// Writes the v3 token dictionary (fact sheet §5.4) from the pinned reference package into
// whatsapp/src/main/resources/com/wagateway/whatsapp/binary/tokens-v3.txt, so no one types a
// token by hand. Format (read by com.wagateway.whatsapp.binary.TokenDictionary with the JDK
// only): a header line, then one line per table, then one token per line, each token written
// as a JSON string literal (so any character survives the trip).
//
//   wa-tokens dict=3 source=@whiskeysockets/baileys@7.0.0-rc14
//   single 236
//   "" / "xmlstreamstart" / ...
//   double 0 256
//   ...
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import * as C from '@whiskeysockets/baileys/lib/WABinary/constants.js';

const here = dirname(fileURLToPath(import.meta.url));
const baileysPkg = JSON.parse(
  readFileSync(join(here, 'node_modules/@whiskeysockets/baileys/package.json'), 'utf8'));
export const TOKENS_FILE = join(here,
  '../../whatsapp/src/main/resources/com/wagateway/whatsapp/binary/tokens-v3.txt');

export default async function generateTokens() {
  const { DICT_VERSION } = await import('@whiskeysockets/baileys');
  if (DICT_VERSION !== 3) throw new Error(`expected dictionary version 3, Baileys has ${DICT_VERSION}`);
  const lines = [`wa-tokens dict=${DICT_VERSION} source=@whiskeysockets/baileys@${baileysPkg.version}`];
  lines.push(`single ${C.SINGLE_BYTE_TOKENS.length}`);
  for (const t of C.SINGLE_BYTE_TOKENS) lines.push(JSON.stringify(t));
  C.DOUBLE_BYTE_TOKENS.forEach((dict, i) => {
    lines.push(`double ${i} ${dict.length}`);
    for (const t of dict) lines.push(JSON.stringify(t));
  });
  mkdirSync(dirname(TOKENS_FILE), { recursive: true });
  writeFileSync(TOKENS_FILE, lines.join('\n') + '\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await generateTokens();
