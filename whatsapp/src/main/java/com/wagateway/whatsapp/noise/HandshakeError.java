package com.wagateway.whatsapp.noise;

/**
 * Every way a Noise handshake can fail (fact sheet §3.3–3.4). Closed so callers can switch over it;
 * each variant carries what a reader needs and never key material.
 */
public sealed interface HandshakeError {

    /** A one-line description for logs and exception messages. */
    String describe();

    /** A handshake message (or a field in it) is not what §3.3 prescribes. */
    record MalformedMessage(String message, String problem) implements HandshakeError {
        public String describe() {
            return "malformed " + message + ": " + problem;
        }
    }

    /** AES-GCM authentication failed while reading a handshake field (wrong keys or tampering). */
    record DecryptionFailed(String field) implements HandshakeError {
        public String describe() {
            return "could not decrypt " + field + " (authentication failed)";
        }
    }

    /** A peer public key is unusable for X25519 (low order). */
    record InvalidPeerKey(String key) implements HandshakeError {
        public String describe() {
            return "unusable peer key " + key + " (low-order point)";
        }
    }

    /** The CertChain or one of its Details does not parse or lacks a required part (§3.4 check 1, 3). */
    record MalformedCertificate(String problem) implements HandshakeError {
        public String describe() {
            return "malformed server certificate chain: " + problem;
        }
    }

    /** The intermediate certificate is not signed by the configured trust root (§3.4 check 2). */
    record BadIntermediateSignature() implements HandshakeError {
        public String describe() {
            return "intermediate certificate signature does not verify against the trust root";
        }
    }

    /** The leaf certificate is not signed by the intermediate's key (§3.4 check 4). */
    record BadLeafSignature() implements HandshakeError {
        public String describe() {
            return "leaf certificate signature does not verify against the intermediate key";
        }
    }

    /** An issuer serial does not name its issuer (§3.4 checks 3 and 6). */
    record IssuerSerialMismatch(String certificate, long expectedIssuerSerial, long actualIssuerSerial)
            implements HandshakeError {
        public String describe() {
            return certificate + " certificate issuerSerial " + actualIssuerSerial + ", expected " + expectedIssuerSerial;
        }
    }

    /** The leaf certificate's key is not the static key the server used in the handshake (§3.4 check 7). */
    record LeafKeyMismatch() implements HandshakeError {
        public String describe() {
            return "leaf certificate key differs from the server's Noise static key";
        }
    }

    /** A certificate is outside its validity window (§3.4 check 5); times are Unix seconds. */
    record CertificateNotValidNow(String certificate, long notBefore, long notAfter, long now) implements HandshakeError {
        public String describe() {
            return certificate + " certificate valid " + notBefore + ".." + notAfter + " but now is " + now;
        }
    }
}
