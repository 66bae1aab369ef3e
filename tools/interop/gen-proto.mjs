// Protobuf vectors (fact sheet §4, §6, §10.9, §11.5): messages encoded by Baileys' `proto` that our
// schemas/proto classes must decode and re-encode to the same bytes. Also the ADV pairing
// signatures (configureSuccessfulPairing, encodeSignedDeviceIdentity) with fixed keys.
import * as B from '@whiskeysockets/baileys';
import { fixed, fixedKeyPair, hex, writeVectors } from './vector-io.mjs';
import { fixedCreds } from './fixed-creds.mjs';

const enc = (type, obj) => Buffer.from(B.proto[type].encode(B.proto[type].fromObject(obj)).finish());

function advPairing() {
  const creds = fixedCreds();
  const account = fixedKeyPair('account-identity');
  const deviceIdentity = enc('ADVDeviceIdentity', { rawId: 123456789, timestamp: 1700000000, keyIndex: 3, accountType: 0, deviceType: 0 });
  const accountMsg = Buffer.concat([Buffer.from([6, 0]), deviceIdentity, creds.signedIdentityKey.public]);
  const signed = enc('ADVSignedDeviceIdentity', {
    details: deviceIdentity,
    accountSignatureKey: account.public,
    accountSignature: B.Curve.sign(account.private, accountMsg)
  });
  const hmac = B.hmacSign(signed, Buffer.from(creds.advSecretKey, 'base64'));
  const hmacMessage = enc('ADVSignedDeviceIdentityHMAC', { details: signed, hmac, accountType: 0 });
  const stanza = {
    tag: 'iq', attrs: { id: 'pair-1', type: 'set', from: '@s.whatsapp.net' },
    content: [{ tag: 'pair-success', attrs: {}, content: [
      { tag: 'device-identity', attrs: {}, content: hmacMessage },
      { tag: 'device', attrs: { jid: '15551234567:7@s.whatsapp.net', lid: '987654321:7@lid' } }
    ] }]
  };
  const { creds: update, reply } = B.configureSuccessfulPairing(stanza, creds);
  const replyIdentity = reply.content[0].content[0];
  return {
    advSecretKey: hex(Buffer.from(creds.advSecretKey, 'base64')),
    identityPrivate: hex(creds.signedIdentityKey.private),
    identityPublic: hex(creds.signedIdentityKey.public),
    accountPrivate: hex(account.private),
    accountPublic: hex(account.public),
    deviceIdentity: hex(deviceIdentity),
    signedDeviceIdentity: hex(signed),
    signedDeviceIdentityHmac: hex(hmacMessage),
    deviceSignature: hex(update.account.deviceSignature),
    replyKeyIndex: replyIdentity.attrs['key-index'],
    replyDeviceIdentity: hex(replyIdentity.content),
    withSignatureKey: hex(B.encodeSignedDeviceIdentity(update.account, true))
  };
}

export default async function generate() {
  const creds = fixedCreds();
  const config = B.DEFAULT_CONNECTION_CONFIG;
  const registration = Buffer.from(B.proto.ClientPayload.encode(B.generateRegistrationNode(creds, config)).finish());
  const login = Buffer.from(B.proto.ClientPayload.encode(B.generateLoginNode('15551234567:7@s.whatsapp.net', config)).finish());
  const loginPushName = Buffer.from(B.proto.ClientPayload.encode(
    B.generateLoginNode('15551234567:12@s.whatsapp.net', { ...config, pushName: 'Gateway', countryCode: 'DE' })).finish());
  const registrationPayload = B.proto.ClientPayload.decode(registration);

  const mediaKey = fixed('proto-media-key');
  const messages = {
    conversation: enc('Message', { conversation: 'hello from the gateway ✓' }),
    extendedText: enc('Message', {
      extendedTextMessage: {
        text: 'reply @15551234567', contextInfo: {
          stanzaId: '3EB0ABCDEF', participant: '15551234567@s.whatsapp.net',
          quotedMessage: { conversation: 'original' }, mentionedJid: ['15551234567@s.whatsapp.net'], expiration: 86400
        }
      },
      messageContextInfo: { deviceListMetadata: { senderKeyHash: fixed('skh', 10), senderTimestamp: 1700000000, recipientKeyHash: fixed('rkh', 10), recipientTimestamp: 1700000001 }, deviceListMetadataVersion: 2, messageSecret: fixed('secret') }
    }),
    image: enc('Message', {
      imageMessage: {
        url: 'https://mmg.whatsapp.net/v/t62.7118-24/abc.enc', mimetype: 'image/jpeg', caption: 'a picture',
        fileSha256: fixed('img-sha'), fileLength: 123456, height: 640, width: 480, mediaKey,
        fileEncSha256: fixed('img-enc-sha'), directPath: '/v/t62.7118-24/abc.enc', mediaKeyTimestamp: 1700000000,
        jpegThumbnail: fixed('thumb', 40)
      }
    }),
    document: enc('Message', {
      documentMessage: {
        url: 'https://mmg.whatsapp.net/d/f/doc.enc', mimetype: 'application/pdf', title: 'report', fileSha256: fixed('doc-sha'),
        fileLength: 999, pageCount: 3, mediaKey, fileName: 'report.pdf', fileEncSha256: fixed('doc-enc'),
        directPath: '/d/f/doc.enc', mediaKeyTimestamp: 1700000000, caption: 'the report'
      }
    }),
    audio: enc('Message', {
      audioMessage: {
        url: 'https://mmg.whatsapp.net/a.enc', mimetype: 'audio/ogg; codecs=opus', fileSha256: fixed('a-sha'), fileLength: 4242,
        seconds: 7, ptt: true, mediaKey, fileEncSha256: fixed('a-enc'), directPath: '/a.enc', mediaKeyTimestamp: 1700000000,
        waveform: fixed('wave', 64)
      }
    }),
    video: enc('Message', {
      videoMessage: {
        url: 'https://mmg.whatsapp.net/v.enc', mimetype: 'video/mp4', fileSha256: fixed('v-sha'), fileLength: 5555555,
        seconds: 12, mediaKey, caption: 'clip', gifPlayback: false, height: 720, width: 1280, fileEncSha256: fixed('v-enc'),
        directPath: '/v.enc', mediaKeyTimestamp: 1700000000
      }
    }),
    revoke: enc('Message', { protocolMessage: { key: { remoteJid: '15551234567@s.whatsapp.net', fromMe: true, id: '3EB0REVOKED' }, type: 0 } }),
    edit: enc('Message', { protocolMessage: { key: { remoteJid: '15551234567@s.whatsapp.net', fromMe: true, id: '3EB0EDIT' }, type: 14, editedMessage: { conversation: 'edited' }, timestampMs: 1700000000123 } }),
    senderKeyDistribution: enc('Message', { senderKeyDistributionMessage: { groupId: '120363000000000000@g.us', axolotlSenderKeyDistributionMessage: fixed('skdm', 70) }, conversation: 'group hello' }),
    deviceSent: enc('Message', { deviceSentMessage: { destinationJid: '15557654321@s.whatsapp.net', message: { conversation: 'sent from my other device' }, phash: '2:abcdef' } })
  };

  writeVectors('proto.json', {
    source: 'Baileys 7.0.0-rc14 proto (WAProto), generateRegistrationNode/generateLoginNode with fixed creds',
    clientPayload: {
      registration: hex(registration),
      login: hex(login),
      loginWithPushName: hex(loginPushName),
      registrationDeviceProps: hex(registrationPayload.devicePairingData.deviceProps)
    },
    messages: Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, hex(v)])),
    keyIndexList: hex(enc('ADVKeyIndexList', { rawId: 42, timestamp: 1700000000, currentIndex: 4, validIndexes: [0, 3, 4], accountType: 0 }))
  });
  writeVectors('adv.json', { source: 'Baileys 7.0.0-rc14 configureSuccessfulPairing with fixed keys (§6)', pairing: advPairing() });
}
