// Noise handshake vectors (fact sheet §3, §12.3): Baileys' makeNoiseHandler as the client, our own
// node responder (noise-responder.mjs) as the server, fixed keys and a chain signed by a fixed test
// root. Records every handshake message, the wire bytes, and 100 transport frames each way.
import * as B from '@whiskeysockets/baileys';
import { fixed, fixedKeyPair, hex, writeVectors } from './vector-io.mjs';
import { NodeNoiseResponder, signedCertChain, silentLogger } from './noise-responder.mjs';
import { fixedCreds } from './fixed-creds.mjs';

const NOT_BEFORE = 1700000000;
const NOT_AFTER = 4102444800;

const frameBody = (wire, introLength) => wire.subarray(introLength + 3);

function handshake(label, routingInfo) {
  const creds = fixedCreds();
  const clientEphemeral = fixedKeyPair(`${label}-client-ephemeral`);
  const serverEphemeral = fixedKeyPair(`${label}-server-ephemeral`);
  const serverStatic = fixedKeyPair('server-static');
  const root = fixedKeyPair('test-root');
  const intermediate = fixedKeyPair('test-intermediate');
  const certChain = signedCertChain({ root, intermediate, serverStaticPublic: serverStatic.public, notBefore: NOT_BEFORE, notAfter: NOT_AFTER });

  // rc14 reads WA_CERT_DETAILS.PUBLIC_KEY at handshake time (§3.4); point it at the test root.
  const savedRoot = B.WA_CERT_DETAILS.PUBLIC_KEY;
  B.WA_CERT_DETAILS.PUBLIC_KEY = root.public;
  try {
    const client = B.makeNoiseHandler({ keyPair: clientEphemeral, NOISE_HEADER: B.NOISE_WA_HEADER, logger: silentLogger, routingInfo });
    const server = new NodeNoiseResponder({ staticKey: serverStatic, ephemeralKey: serverEphemeral, certChain });

    const clientHello = Buffer.from(B.proto.HandshakeMessage.encode({ clientHello: { ephemeral: clientEphemeral.public } }).finish());
    const clientHelloWire = client.encodeFrame(clientHello);
    const introLength = clientHelloWire.length - 3 - clientHello.length;
    const intro = clientHelloWire.subarray(0, introLength);

    const serverHello = server.respond(B.NOISE_WA_HEADER, frameBody(clientHelloWire, introLength));
    const serverHelloWire = Buffer.concat([Buffer.from([0, serverHello.length >> 8, serverHello.length & 0xff]), serverHello]);

    const keyEnc = client.processHandshake(B.proto.HandshakeMessage.decode(serverHello), creds.noiseKey);
    const clientPayload = Buffer.from(B.proto.ClientPayload.encode(B.generateRegistrationNode(creds, B.DEFAULT_CONNECTION_CONFIG)).finish());
    const payloadEnc = client.encrypt(clientPayload);
    const clientFinish = Buffer.from(B.proto.HandshakeMessage.encode({ clientFinish: { static: keyEnc, payload: payloadEnc } }).finish());
    const clientFinishWire = client.encodeFrame(clientFinish);
    const { clientStatic, payload } = server.finish(frameBody(clientFinishWire, 0));
    if (!clientStatic.equals(creds.noiseKey.public) || !payload.equals(clientPayload)) throw new Error('responder disagrees with Baileys');
    client.finishInit();

    const clientToServer = [];
    const serverToClient = [];
    for (let i = 0; i < 100; i++) {
      const up = fixed(`${label}-c2s-${i}`, 1 + ((i * 37) % 300));
      const upWire = client.encodeFrame(up);
      const upCipher = frameBody(upWire, 0);
      if (!server.decrypt(upCipher).equals(up)) throw new Error('server could not decrypt a client frame');
      clientToServer.push({ plaintext: hex(up), ciphertext: hex(upCipher), wire: hex(upWire) });

      const down = fixed(`${label}-s2c-${i}`, 1 + ((i * 53) % 400));
      const downCipher = server.encrypt(down);
      // Baileys' transport decrypt (decodeFrame would also parse a binary node, which these frames are not)
      if (!Buffer.from(client.decrypt(downCipher)).equals(down)) throw new Error('Baileys could not decrypt a server frame');
      serverToClient.push({ plaintext: hex(down), ciphertext: hex(downCipher) });
    }
    return {
      keys: {
        clientEphemeralPrivate: hex(clientEphemeral.private), clientEphemeralPublic: hex(clientEphemeral.public),
        clientStaticPrivate: hex(creds.noiseKey.private), clientStaticPublic: hex(creds.noiseKey.public),
        serverEphemeralPrivate: hex(serverEphemeral.private), serverEphemeralPublic: hex(serverEphemeral.public),
        serverStaticPrivate: hex(serverStatic.private), serverStaticPublic: hex(serverStatic.public),
        rootPrivate: hex(root.private), rootPublic: hex(root.public),
        intermediatePrivate: hex(intermediate.private), intermediatePublic: hex(intermediate.public)
      },
      routingInfo: routingInfo ? hex(routingInfo) : null,
      intro: hex(intro),
      prologue: hex(B.NOISE_WA_HEADER),
      certChain: hex(certChain),
      certValidity: { notBefore: NOT_BEFORE, notAfter: NOT_AFTER },
      clientHello: hex(clientHello), clientHelloWire: hex(clientHelloWire),
      serverHello: hex(serverHello), serverHelloWire: hex(serverHelloWire),
      clientPayload: hex(clientPayload),
      clientFinish: hex(clientFinish), clientFinishWire: hex(clientFinishWire),
      clientToServer, serverToClient
    };
  } finally {
    B.WA_CERT_DETAILS.PUBLIC_KEY = savedRoot;
  }
}

export default async function generate() {
  writeVectors('noise.json', {
    source: 'Baileys 7.0.0-rc14 makeNoiseHandler (client) + tools/interop/noise-responder.mjs (server); fixed keys',
    handshakes: [handshake('plain', undefined), handshake('routed', fixed('routing-info', 9))]
  });
}
