// Fixed Baileys credentials so ClientPayload and pairing vectors are reproducible.
import * as B from '@whiskeysockets/baileys';
import { fixed, fixedKeyPair } from './vector-io.mjs';

export const fixedCreds = () => {
  const signedIdentityKey = fixedKeyPair('identity');
  const spk = fixedKeyPair('signed-prekey');
  return {
    ...B.initAuthCreds(),
    noiseKey: fixedKeyPair('noise-static'),
    pairingEphemeralKeyPair: fixedKeyPair('pairing-ephemeral'),
    signedIdentityKey,
    signedPreKey: {
      keyPair: spk,
      keyId: 1,
      signature: B.Curve.sign(signedIdentityKey.private, Buffer.concat([Buffer.from([5]), spk.public]))
    },
    registrationId: 0x1234 & 0x3fff,
    advSecretKey: fixed('adv-secret').toString('base64')
  };
};
