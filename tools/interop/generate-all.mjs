// Runs every gen-*.mjs generator in this folder, in name order, each writing its vectors into
// ../../whatsapp/src/test/resources/vectors/ (or a resource it names). `npm run vectors` calls this.
// gen-senderkey-vectors.mjs (Baileys' group cipher, §9.7) is one of them, like every gen-*.mjs added later.
// gen-media-vectors.mjs (Baileys' encryptedStream and media-retry crypto with fixed keys, §11) writes vectors/media/.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const generators = readdirSync(here).filter((f) => /^gen-.*\.mjs$/.test(f)).sort();
for (const g of generators) {
  const started = Date.now();
  const mod = await import(pathToFileURL(join(here, g)).href);
  if (typeof mod.default === 'function') await mod.default();
  console.log(`${g}: done in ${Date.now() - started} ms`);
}
