// Crypto vectors from the reference (Baileys 7.0.0-rc14 and the libsignal/curve25519-js it uses):
// XEdDSA signatures (sign is deterministic, §12.2) and verify verdicts, HKDF, AES-GCM, AES-CBC, HMAC,
// media keys (§11.2) and the phone-code pairing helpers (§7). Also verifies Java-made signatures.
import * as B from '@whiskeysockets/baileys';
import { createRequire } from 'node:module';
import { hkdfSync } from 'node:crypto';
import { fixed, fixedKeyPair, hex, writeVectors, readVectorsIfPresent } from './vector-io.mjs';

const require = createRequire(import.meta.url);
const curveJs = require('curve25519-js');
const libsignalCurve = require('libsignal/src/curve.js');

/** A correct verify: curve25519-js directly (NOT Baileys' Curve.verify, which ignores the result, §3.4). */
const reallyVerifies = (pub, msg, sig) => {
  try {
    return curveJs.verify(new Uint8Array(pub), new Uint8Array(msg), new Uint8Array(sig)) === true;
  } catch {
    return false;
  }
};
const libsignalVerifies = (pub, msg, sig) => {
  try {
    return libsignalCurve.verifySignature(Buffer.concat([Buffer.from([5]), pub]), msg, sig) === true;
  } catch {
    return false;
  }
};

const flip = (buf, index, mask = 0x01) => {
  const out = Buffer.from(buf);
  out[index] ^= mask;
  return out;
};

function xeddsaVectors() {
  const signatures = [];
  const messages = [Buffer.alloc(0), Buffer.from('hello'), fixed('msg-33', 33), fixed('msg-200', 200), fixed('msg-1000', 1000)];
  for (let k = 0; k < 6; k++) {
    const pair = fixedKeyPair(`xeddsa-key-${k}`);
    for (const message of messages) {
      const signature = B.Curve.sign(pair.private, message);
      if (!reallyVerifies(pair.public, message, signature)) throw new Error('reference signature does not verify');
      signatures.push({ privateKey: hex(pair.private), publicKey: hex(pair.public), message: hex(message), signature: hex(signature) });
    }
  }
  // Verdicts of a correct verifier on good and tampered inputs.
  const verdicts = [];
  const pair = fixedKeyPair('xeddsa-key-0');
  const other = fixedKeyPair('xeddsa-key-1');
  const message = Buffer.from('certificate details');
  const good = B.Curve.sign(pair.private, message);
  const cases = [
    ['valid', pair.public, message, good],
    ['flipped bit in R', pair.public, message, flip(good, 3)],
    ['flipped bit in S', pair.public, message, flip(good, 40)],
    ['flipped sign bit', pair.public, message, flip(good, 63, 0x80)],
    ['other key', other.public, message, good],
    ['other message', pair.public, Buffer.from('certificate detailz'), good],
    ['all-zero signature', pair.public, message, Buffer.alloc(64)],
    ['typed public key (0x05 prefix)', Buffer.concat([Buffer.from([5]), pair.public]), message, good]
  ];
  for (const [name, pub, msg, sig] of cases) {
    const raw = pub.length === 33 ? pub.subarray(1) : pub;
    verdicts.push({ name, publicKey: hex(pub), message: hex(msg), signature: hex(sig), valid: reallyVerifies(raw, msg, sig) });
  }
  writeVectors('xeddsa.json', {
    source: 'Baileys 7.0.0-rc14 Curve.sign (curve25519-js sign without random, deterministic); verdicts from curve25519-js verify',
    signatures,
    verdicts
  });

  // Java-made signatures (committed by XEdDsaJavaSignaturesTest) checked by the reference verifier.
  const java = readVectorsIfPresent('xeddsa-java-signatures.json');
  if (java) {
    const results = java.signatures.map((s) => {
      const pub = Buffer.from(s.publicKey, 'hex');
      const msg = Buffer.from(s.message, 'hex');
      const sig = Buffer.from(s.signature, 'hex');
      return {
        ...s,
        curve25519JsVerify: reallyVerifies(pub, msg, sig),
        libsignalVerifySignature: libsignalVerifies(pub, msg, sig),
        tamperedRejected: !reallyVerifies(pub, msg, flip(sig, 10)),
        baileysSignMatches: hex(B.Curve.sign(fixedPrivateFor(java, s), msg)) === s.signature
      };
    });
    writeVectors('xeddsa-java-verified.json', {
      source: 'xeddsa-java-signatures.json verified by curve25519-js verify and libsignal verifySignature (return value checked)',
      results
    });
  }
}

const fixedPrivateFor = (java, s) => Buffer.from(java.keys[s.key], 'hex');

function hkdfVectors() {
  const cases = [];
  const inputs = [
    { ikm: fixed('hkdf-ikm-1'), salt: null, info: '', length: 32 },
    { ikm: fixed('hkdf-ikm-2'), salt: fixed('hkdf-salt-2'), info: '', length: 64 },
    { ikm: Buffer.alloc(0), salt: fixed('hkdf-salt-3'), info: '', length: 64 },
    { ikm: fixed('hkdf-ikm-4', 80), salt: fixed('hkdf-salt-4', 13), info: 'WhisperText', length: 80 },
    { ikm: fixed('hkdf-ikm-5'), salt: null, info: 'WhatsApp Image Keys', length: 112 },
    { ikm: fixed('hkdf-ikm-6'), salt: null, info: 'adv_secret', length: 32 },
    { ikm: fixed('hkdf-ikm-7'), salt: fixed('hkdf-salt-7'), info: 'link_code_pairing_key_bundle_encryption_key', length: 32 },
    { ikm: fixed('hkdf-ikm-8'), salt: fixed('hkdf-salt-8'), info: 'WhisperRatchet', length: 1 },
    { ikm: fixed('hkdf-ikm-9', 7), salt: fixed('hkdf-salt-9', 100), info: 'x'.repeat(300), length: 255 * 32 }
  ];
  for (const c of inputs) {
    const opts = { info: c.info };
    if (c.salt) opts.salt = c.salt;
    const out = Buffer.from(B.hkdf(c.ikm, c.length, opts));
    const node = Buffer.from(hkdfSync('sha256', c.ikm, c.salt ?? Buffer.alloc(0), Buffer.from(c.info), c.length));
    if (!out.equals(node)) throw new Error('Baileys hkdf disagrees with node hkdfSync');
    cases.push({ ikm: hex(c.ikm), salt: c.salt ? hex(c.salt) : null, info: c.info, length: c.length, okm: hex(out) });
  }
  writeVectors('hkdf.json', { source: 'Baileys 7.0.0-rc14 hkdf (whatsapp-rust-bridge), cross-checked with node hkdfSync', cases });
}

function aesVectors() {
  const gcm = [];
  for (const [i, len, aadLen] of [[0, 0, 0], [1, 1, 0], [2, 16, 32], [3, 33, 0], [4, 1000, 32], [5, 4096, 5]]) {
    const key = fixed(`gcm-key-${i}`);
    const iv = fixed(`gcm-iv-${i}`, 12);
    const aad = fixed(`gcm-aad-${i}`, aadLen);
    const plaintext = fixed(`gcm-pt-${i}`, len);
    gcm.push({ key: hex(key), iv: hex(iv), aad: hex(aad), plaintext: hex(plaintext), ciphertext: hex(B.aesEncryptGCM(plaintext, key, iv, aad)) });
  }
  const cbc = [];
  for (const [i, len] of [[0, 0], [1, 1], [2, 15], [3, 16], [4, 17], [5, 1000]]) {
    const key = fixed(`cbc-key-${i}`);
    const iv = fixed(`cbc-iv-${i}`, 16);
    const plaintext = fixed(`cbc-pt-${i}`, len);
    cbc.push({ key: hex(key), iv: hex(iv), plaintext: hex(plaintext), ciphertext: hex(B.aesEncrypWithIV(plaintext, key, iv)) });
  }
  const hmac = [];
  for (const [i, keyLen, len] of [[0, 32, 0], [1, 32, 100], [2, 16, 64], [3, 100, 5]]) {
    const key = fixed(`hmac-key-${i}`, keyLen);
    const data = fixed(`hmac-data-${i}`, len);
    hmac.push({ key: hex(key), data: hex(data), mac: hex(B.hmacSign(data, key)) });
  }
  writeVectors('aesgcm.json', { source: 'Baileys 7.0.0-rc14 aesEncryptGCM (tag appended), aesEncrypWithIV (CBC, PKCS#7), hmacSign', gcm, cbc, hmac });
}

async function mediaAndPairingVectors() {
  const media = [];
  const types = ['image', 'sticker', 'video', 'gif', 'ptv', 'audio', 'ptt', 'document', 'thumbnail-image', 'thumbnail-video',
    'thumbnail-document', 'thumbnail-link', 'md-msg-hist', 'md-app-state', 'product', 'payment-bg-image', 'biz-cover-photo'];
  for (const type of types) {
    const mediaKey = type === 'image' ? Buffer.alloc(32, 1) : fixed(`media-${type}`);
    const k = await B.getMediaKeys(mediaKey, type);
    media.push({ type, mediaKey: hex(mediaKey), iv: hex(k.iv), cipherKey: hex(k.cipherKey), macKey: hex(k.macKey) });
  }
  const crockford = [];
  for (const bytes of [Buffer.from([0, 1, 2, 3, 4]), fixed('crock-5', 5), fixed('crock-1', 1), fixed('crock-7', 7), Buffer.alloc(5, 0xff)]) {
    crockford.push({ bytes: hex(bytes), code: B.bytesToCrockford(bytes) });
  }
  const codeKeys = [];
  for (const [code, saltLabel] of [['ABCD1234', 'pbkdf-salt-1'], [B.bytesToCrockford(fixed('code-2', 5)), 'pbkdf-salt-2']]) {
    const salt = fixed(saltLabel);
    codeKeys.push({ code, salt: hex(salt), key: hex(await B.derivePairingCodeKey(code, salt)) });
  }
  writeVectors('crypto.json', {
    source: 'Baileys 7.0.0-rc14 getMediaKeys (§11.2), bytesToCrockford and derivePairingCodeKey (§7)',
    mediaKeys: media,
    crockford,
    pairingCodeKeys: codeKeys
  });
}

export default async function generate() {
  xeddsaVectors();
  hkdfVectors();
  aesVectors();
  await mediaAndPairingVectors();
}
