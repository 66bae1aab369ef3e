// Pairing QR vectors from the reference (Baileys 7.0.0-rc14, lib/Utils/companion-reg-client-utils.js):
// `buildPairingQRData(ref, noiseKeyB64, identityKeyB64, advB64, browser)` and
// `getCompanionPlatformId(browser)` for several refs, fixed keys and browser tuples (fact sheet §7).
// The inputs are exactly what the socket passes (socket.js, `pair-device`): the public keys without the
// 0x05 prefix in base64, `creds.advSecretKey` (already base64 of 32 random bytes) and `config.browser`.
import * as B from '@whiskeysockets/baileys';
import { fixed, fixedKeyPair, writeVectors } from './vector-io.mjs';

const b64 = (b) => Buffer.from(b).toString('base64');

export default async function generate() {
  const browsers = [];
  for (const os of ['ubuntu', 'macOS', 'windows', 'baileys']) {
    for (const name of ['Chrome', 'Edge', 'Firefox', 'IE', 'Opera', 'Safari', 'Desktop', 'Brave', '']) {
      browsers.push(B.Browsers[os](name));
    }
  }
  browsers.push(B.Browsers.android('Chrome'));
  browsers.push(['Windows', 'Desktop', '']);
  browsers.push(['Linux', 'Desktop', '1.0']);
  browsers.push(['Windows', 'chrome', '1']); // lookup is case-sensitive

  const refs = [
    '2@Zm9vYmFyYmF6cXV4',
    `2@${b64(fixed('qr-ref-1', 60))}`,
    `2@${b64(fixed('qr-ref-2', 90))}`,
    `1@${fixed('qr-ref-3', 20).toString('hex')}`,
    'short'
  ];
  const cases = [];
  browsers.forEach((browser, i) => {
    const ref = refs[i % refs.length];
    const noise = fixedKeyPair(`qr-noise-${i % 7}`);
    const identity = fixedKeyPair(`qr-identity-${i % 5}`);
    const advB64 = b64(fixed(`qr-adv-${i % 3}`));
    const noiseKeyB64 = b64(noise.public);
    const identityKeyB64 = b64(identity.public);
    cases.push({
      browser,
      ref,
      noiseKeyB64,
      identityKeyB64,
      advB64,
      platformId: B.getCompanionPlatformId(browser),
      webClientType: B.getCompanionWebClientType(browser),
      qr: B.buildPairingQRData(ref, noiseKeyB64, identityKeyB64, advB64, browser)
    });
  });
  writeVectors('pairing-qr.json', {
    source: 'Baileys 7.0.0-rc14 buildPairingQRData / getCompanionPlatformId / getCompanionWebClientType',
    cases
  });
}
