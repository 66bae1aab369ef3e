// Shared helpers for the gen-*.mjs vector generators: fixed key material and JSON output.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const VECTOR_DIR = join(here, '..', '..', 'whatsapp', 'src', 'test', 'resources', 'vectors');

/** 32 deterministic bytes for a label, so every run writes identical vectors. */
export const fixed = (label, length = 32) => {
  const out = Buffer.alloc(length);
  for (let i = 0, block = 0; i < length; block++) {
    const h = createHash('sha256').update(`wa-gateway vector ${label} ${block}`).digest();
    i += h.copy(out, i);
  }
  return out;
};

const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** X25519 public key (32 raw bytes) of a 32-byte private key, via Node's crypto. */
export const x25519Public = (priv) => {
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, priv]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return Buffer.from(spki.subarray(spki.length - 32));
};

export const fixedKeyPair = (label) => {
  const priv = fixed(label);
  return { private: priv, public: x25519Public(priv) };
};

export const hex = (b) => Buffer.from(b).toString('hex');

export const writeVectors = (name, value) => {
  mkdirSync(VECTOR_DIR, { recursive: true });
  writeFileSync(join(VECTOR_DIR, name), JSON.stringify(value, null, 2) + '\n');
};

export const readVectorsIfPresent = (name) => {
  const path = join(VECTOR_DIR, name);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
};
