// A Noise XX responder for WhatsApp's handshake (fact sheet §3.5), written for the vectors from
// node's crypto and Baileys' Curve/proto — independent of the Java code it is compared with.
import * as B from '@whiskeysockets/baileys';
import { createCipheriv, createDecipheriv, createHash, hkdfSync } from 'node:crypto';

const NAME = Buffer.concat([Buffer.from('Noise_XX_25519_AESGCM_SHA256'), Buffer.alloc(4)]);

export const ivFor = (n) => {
  const iv = Buffer.alloc(12);
  iv.writeUInt32BE(n, 8);
  return iv;
};
export const gcmEncrypt = (key, iv, aad, pt) => {
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad);
  return Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
};
export const gcmDecrypt = (key, iv, aad, ct) => {
  const d = createDecipheriv('aes-256-gcm', key, iv);
  d.setAAD(aad);
  d.setAuthTag(ct.subarray(ct.length - 16));
  return Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]);
};
const hkdf64 = (ikm, salt) => Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.alloc(0), 64));

export class NodeNoiseResponder {
  constructor({ staticKey, ephemeralKey, certChain }) {
    Object.assign(this, { staticKey, ephemeralKey, certChain });
  }
  mixHash(data) {
    this.h = createHash('sha256').update(this.h).update(data).digest();
  }
  mixKey(ikm) {
    const out = hkdf64(ikm, this.ck);
    this.ck = out.subarray(0, 32);
    this.k = out.subarray(32);
    this.n = 0;
  }
  encryptAndHash(pt) {
    const c = gcmEncrypt(this.k, ivFor(this.n++), this.h, pt);
    this.mixHash(c);
    return c;
  }
  decryptAndHash(ct) {
    const p = gcmDecrypt(this.k, ivFor(this.n++), this.h, ct);
    this.mixHash(ct);
    return p;
  }
  /** Reads clientHello and returns the serverHello HandshakeMessage bytes. */
  respond(prologue, clientHelloBytes) {
    const { clientHello } = B.proto.HandshakeMessage.decode(clientHelloBytes);
    this.re = Buffer.from(clientHello.ephemeral);
    this.h = NAME;
    this.ck = NAME;
    this.mixHash(prologue);
    this.mixHash(this.re);
    this.mixHash(this.ephemeralKey.public);
    this.mixKey(B.Curve.sharedKey(this.ephemeralKey.private, this.re));
    const encStatic = this.encryptAndHash(this.staticKey.public);
    this.mixKey(B.Curve.sharedKey(this.staticKey.private, this.re));
    const encChain = this.encryptAndHash(this.certChain);
    return Buffer.from(B.proto.HandshakeMessage.encode({
      serverHello: { ephemeral: this.ephemeralKey.public, static: encStatic, payload: encChain }
    }).finish());
  }
  /** Reads clientFinish; returns {clientStatic, payload} and sets up the transport keys. */
  finish(clientFinishBytes) {
    const { clientFinish } = B.proto.HandshakeMessage.decode(clientFinishBytes);
    const clientStatic = this.decryptAndHash(Buffer.from(clientFinish.static));
    this.mixKey(B.Curve.sharedKey(this.ephemeralKey.private, clientStatic));
    const payload = this.decryptAndHash(Buffer.from(clientFinish.payload));
    const out = hkdf64(Buffer.alloc(0), this.ck);
    this.readKey = out.subarray(0, 32);
    this.writeKey = out.subarray(32);
    this.readCounter = 0;
    this.writeCounter = 0;
    return { clientStatic, payload };
  }
  encrypt(pt) {
    return gcmEncrypt(this.writeKey, ivFor(this.writeCounter++), Buffer.alloc(0), pt);
  }
  decrypt(ct) {
    return gcmDecrypt(this.readKey, ivFor(this.readCounter++), Buffer.alloc(0), ct);
  }
}

/** A CertChain signed with Baileys' Curve.sign (deterministic), as §3.4 prescribes. */
export const signedCertChain = ({ root, intermediate, serverStaticPublic, notBefore, notAfter }) => {
  const Details = B.proto.CertChain.NoiseCertificate.Details;
  const intermediateDetails = Buffer.from(Details.encode({
    serial: 1, issuerSerial: 0, key: intermediate.public, notBefore, notAfter
  }).finish());
  const leafDetails = Buffer.from(Details.encode({
    serial: 2, issuerSerial: 1, key: serverStaticPublic, notBefore, notAfter
  }).finish());
  return Buffer.from(B.proto.CertChain.encode({
    leaf: { details: leafDetails, signature: B.Curve.sign(intermediate.private, leafDetails) },
    intermediate: { details: intermediateDetails, signature: B.Curve.sign(root.private, intermediateDetails) }
  }).finish());
};

export const silentLogger = {
  level: 'silent',
  child() { return this; },
  trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}
};
