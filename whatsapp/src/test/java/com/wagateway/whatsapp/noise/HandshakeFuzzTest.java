package com.wagateway.whatsapp.noise;

import static com.wagateway.whatsapp.noise.HandshakeFuzzHarness.CHAIN;
import static com.wagateway.whatsapp.noise.HandshakeFuzzHarness.SERVER;
import static com.wagateway.whatsapp.noise.HandshakeFuzzHarness.VERIFIER;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile input for handshake message parsing and the certificate chain: any bytes give a value or
 * ONE {@link HandshakeException}. Keys, chain and verifier are {@link HandshakeFuzzHarness}'s; the
 * {@code seed-*} inputs in resources/com/wagateway/whatsapp/noise/HandshakeFuzzTestInputs/ are made
 * from those keys by {@link HandshakeFuzzSeedsTest} (which also proves they reach every chain check);
 * the other inputs are what real fuzzing kept (coverage-growing inputs).
 */
class HandshakeFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void responderReadsAnyClientHello(byte[] message) {
        NoiseResponder responder = HandshakeFuzzHarness.responder(CHAIN);
        try {
            responder.readClientHello(NoiseProtocol.waHeader(), message);
            responder.serverHello();
        } catch (HandshakeException expected) {
            // typed rejection
        }
    }

    @FuzzTest(maxDuration = "30s")
    void initiatorReadsAnyServerHello(byte[] message) {
        NoiseInitiator initiator = HandshakeFuzzHarness.serverHelloInitiator();
        initiator.clientHello();
        try {
            initiator.readServerHello(message);
        } catch (HandshakeException expected) {
            // typed rejection
        }
    }

    @FuzzTest(maxDuration = "30s")
    void responderReadsAnyClientFinish(byte[] message) throws HandshakeException {
        NoiseInitiator initiator = HandshakeFuzzHarness.clientFinishInitiator();
        NoiseResponder responder = HandshakeFuzzHarness.responder(CHAIN);
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

    /**
     * The certificates' {@code Details} bytes from the fuzzer, signed inside the harness (intermediate
     * by the trust root, leaf by the intermediate key), so mutations get past the signature checks and
     * exercise Details parsing, issuer serials, key length, validity and the leaf key check.
     * Input layout: {@link HandshakeFuzzHarness#detailsInput}.
     */
    @FuzzTest(maxDuration = "30s")
    void chainWithAnySignedDetails(byte[] input) {
        try {
            VERIFIER.verify(HandshakeFuzzHarness.chainSignedInHarness(input), SERVER.publicKey());
        } catch (HandshakeException expected) {
            // typed rejection
        }
    }
}
