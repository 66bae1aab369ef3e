// Vectors for the emulator's phone half of phone-number-code pairing (fact sheet §7), made with the
// reference's own primitives (Baileys 7.0.0-rc14: derivePairingCodeKey, aesEncryptCTR, hkdf, aesEncryptGCM,
// Curve.sharedKey), arranged exactly as Baileys' requestPairingCode (generatePairingKey) and its
// link_code_companion_reg handler (lib/Socket/messages-recv.js) do, with fixed instead of random bytes.
// Writes emulator/src/test/resources/vectors/link-code.json:  node gen-emulator-vectors.mjs
import * as B from '@whiskeysockets/baileys';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixed, fixedKeyPair, hex } from './vector-io.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'emulator', 'src', 'test', 'resources', 'vectors');

const code = B.bytesToCrockford(fixed('link-code code', 5));
const companionEphemeral = fixedKeyPair('link-code companion ephemeral');
const companionIdentity = fixedKeyPair('link-code companion identity');
const phoneEphemeral = fixedKeyPair('link-code phone ephemeral');
const phoneIdentity = fixedKeyPair('link-code phone identity');

// requestPairingCode → generatePairingKey: salt(32) || iv(16) || AES-256-CTR(PBKDF2(code, salt), iv, pub)
const wrap = async (label, pub) => {
  const salt = fixed(label + ' salt');
  const iv = fixed(label + ' iv', 16);
  const key = await B.derivePairingCodeKey(code, salt);
  return Buffer.concat([salt, iv, B.aesEncryptCTR(pub, key, iv)]);
};
const wrappedCompanionEphemeral = await wrap('link-code companion wrap', companionEphemeral.public);
const wrappedPrimaryEphemeral = await wrap('link-code phone wrap', phoneEphemeral.public);

// the companion's answer to the phone's notification (messages-recv.js 'link_code_companion_reg')
const companionSharedKey = B.Curve.sharedKey(companionEphemeral.private, phoneEphemeral.public);
const random = fixed('link-code random');
const linkCodeSalt = fixed('link-code bundle salt');
const bundleKey = B.hkdf(companionSharedKey, 32, { salt: linkCodeSalt, info: 'link_code_pairing_key_bundle_encryption_key' });
const encryptIv = fixed('link-code bundle iv', 12);
const encrypted = B.aesEncryptGCM(Buffer.concat([companionIdentity.public, phoneIdentity.public, random]), bundleKey,
  encryptIv, Buffer.alloc(0));
const wrappedKeyBundle = Buffer.concat([linkCodeSalt, encryptIv, encrypted]);
const identitySharedKey = B.Curve.sharedKey(companionIdentity.private, phoneIdentity.public);
const advSecret = B.hkdf(Buffer.concat([companionSharedKey, identitySharedKey, random]), 32, { info: 'adv_secret' });

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'link-code.json'), JSON.stringify({
  source: 'Baileys 7.0.0-rc14 derivePairingCodeKey/aesEncryptCTR/hkdf/aesEncryptGCM/Curve.sharedKey as in requestPairingCode and the link_code_companion_reg handler',
  code,
  companionEphemeralPublic: hex(companionEphemeral.public),
  companionIdentityPublic: hex(companionIdentity.public),
  phoneEphemeralPrivate: hex(phoneEphemeral.private),
  phoneEphemeralPublic: hex(phoneEphemeral.public),
  phoneIdentityPrivate: hex(phoneIdentity.private),
  phoneIdentityPublic: hex(phoneIdentity.public),
  wrappedCompanionEphemeral: hex(wrappedCompanionEphemeral),
  wrappedPrimaryEphemeral: hex(wrappedPrimaryEphemeral),
  wrappedKeyBundle: hex(wrappedKeyBundle),
  advSecret: hex(advSecret)
}, null, 2) + '\n');
console.log('wrote', join(out, 'link-code.json'));
