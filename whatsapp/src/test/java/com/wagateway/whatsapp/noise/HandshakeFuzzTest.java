package com.wagateway.whatsapp.noise;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Hostile input for handshake message parsing and the certificate chain: any bytes give a value or
 * ONE {@link HandshakeException}. Seeds (real messages from vectors/noise.json plus edge cases) in
 * resources/com/wagateway/whatsapp/noise/HandshakeFuzzTestInputs/.
 */
class HandshakeFuzzTest {

    private static final FixedRandom RANDOM = new FixedRandom("handshake-fuzz");
    private static final Curve25519KeyPair ROOT = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair INTERMEDIATE = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair SERVER = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair CLIENT = Curve25519.generateKeyPair(RANDOM);
    private static final byte[] CHAIN = new CertChainBuilder(ROOT, INTERMEDIATE).build(SERVER.publicKey());
    private static final CertChainVerifier VERIFIER = new CertChainVerifier(TrustRoot.of(ROOT.publicKey()),
            Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

    @FuzzTest(maxDuration = "30s")
    void responderReadsAnyClientHello(byte[] message) {
        NoiseResponder responder = new NoiseResponder(SERVER, INTERMEDIATE, CHAIN);
        try {
            responder.readClientHello(NoiseProtocol.waHeader(), message);
            responder.serverHello();
        } catch (HandshakeException expected) {
            // typed rejection
        }
    }

    @FuzzTest(maxDuration = "30s")
    void initiatorReadsAnyServerHello(byte[] message) {
        NoiseInitiator initiator = new NoiseInitiator(CLIENT, INTERMEDIATE, NoiseProtocol.waHeader(), VERIFIER);
        initiator.clientHello();
        try {
            initiator.readServerHello(message);
        } catch (HandshakeException expected) {
            // typed rejection
        }
    }

    @FuzzTest(maxDuration = "30s")
    void responderReadsAnyClientFinish(byte[] message) throws HandshakeException {
        NoiseInitiator initiator = new NoiseInitiator(CLIENT, SERVER, NoiseProtocol.waHeader(), VERIFIER);
        NoiseResponder responder = new NoiseResponder(SERVER, INTERMEDIATE, CHAIN);
        responder.readClientHello(NoiseProtocol.waHeader(), initiator.clientHello());
        initiator.readServerHello(responder.serverHello());
        try {
            responder.readClientFinish(message);
        } catch (HandshakeException expected) {
            // typed rejection
        }
    }

    @FuzzTest(maxDuration = "30s")
    void certificateChainFromAnyBytes(byte[] chain) {
        try {
            VERIFIER.verify(chain, SERVER.publicKey());
        } catch (HandshakeException expected) {
            // typed rejection; acceptance requires real signatures from ROOT
        }
    }
}
