package com.wagateway.whatsapp.noise;

import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.Hkdf;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The Noise SymmetricState as WhatsApp runs it (fact sheet §3.2): handshake hash {@code h}, chaining
 * key {@code ck}, cipher key {@code k} and one nonce counter {@code n} reset by every MixKey.
 */
final class SymmetricState {

    private static final byte[] EMPTY = new byte[0];

    private byte[] h;
    private byte[] ck;
    private byte[] k;
    private long n;

    SymmetricState(byte[] prologue) {
        h = NoiseProtocol.protocolName();
        ck = h.clone();
        mixHash(prologue);
    }

    void mixHash(byte[] data) {
        MessageDigest sha256 = sha256();
        sha256.update(h);
        sha256.update(data);
        h = sha256.digest();
    }

    /** §3.2: {@code HKDF(salt = ck, ikm, info = "", 64)} → ck, k; n = 0. */
    void mixKey(byte[] inputKeyMaterial) {
        byte[] out = Hkdf.derive(inputKeyMaterial, ck, EMPTY, 64);
        ck = Arrays.copyOfRange(out, 0, 32);
        k = Arrays.copyOfRange(out, 32, 64);
        n = 0;
    }

    byte[] encryptAndHash(byte[] plaintext) throws CryptoException {
        byte[] ciphertext = AesGcm.encrypt(requireKey(), TransportCipher.iv(n++), h, plaintext);
        mixHash(ciphertext);
        return ciphertext;
    }

    /** The ciphertext is hashed, after decryption succeeded (§3.2). */
    byte[] decryptAndHash(byte[] ciphertext) throws CryptoException {
        byte[] plaintext = AesGcm.decrypt(requireKey(), TransportCipher.iv(n++), h, ciphertext);
        mixHash(ciphertext);
        return plaintext;
    }

    /** MixKey(DH(own, peer)); a peer key that yields no shared secret is the peer's fault, reported by name. */
    void mixKeyWithDh(Curve25519KeyPair own, byte[] peer, String peerName) throws HandshakeException {
        byte[] shared;
        try {
            shared = Curve25519.sharedSecret(own.privateKey(), peer);
        } catch (CryptoException e) {
            throw new HandshakeException(new HandshakeError.InvalidPeerKey(peerName));
        }
        mixKey(shared);
    }

    /** DecryptAndHash of a handshake message field; a failure is reported by the field's name. */
    byte[] decryptField(byte[] ciphertext, String field) throws HandshakeException {
        try {
            return decryptAndHash(ciphertext);
        } catch (CryptoException e) {
            throw new HandshakeException(new HandshakeError.DecryptionFailed(field));
        }
    }

    /** §3.3 step 4: {@code HKDF(salt = ck, ikm = empty, 64)}: first half is initiator→responder. */
    byte[][] split() {
        byte[] out = Hkdf.derive(EMPTY, ck, EMPTY, 64);
        return new byte[][] {Arrays.copyOfRange(out, 0, 32), Arrays.copyOfRange(out, 32, 64)};
    }

    byte[] handshakeHash() {
        return h.clone();
    }

    private byte[] requireKey() {
        if (k == null) {
            throw new IllegalStateException("no cipher key before the first MixKey");
        }
        return k;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }
}
