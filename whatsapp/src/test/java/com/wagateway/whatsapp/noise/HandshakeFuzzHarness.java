package com.wagateway.whatsapp.noise;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.proto.HandshakeProtos.CertChain;
import com.wagateway.whatsapp.proto.HandshakeProtos.CertChain.NoiseCertificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * The fixed keys, chain and verifier of {@link HandshakeFuzzTest}, shared with
 * {@link HandshakeFuzzSeedsTest}, which makes the committed seeds from these very keys — seeds made
 * with other keys (say from vectors/noise.json) stop at the first AEAD tag or root signature and
 * never reach the later chain checks.
 */
final class HandshakeFuzzHarness {

    private static final FixedRandom RANDOM = new FixedRandom("handshake-fuzz");
    static final Curve25519KeyPair ROOT = Curve25519.generateKeyPair(RANDOM);
    /** The intermediate certificate's key; also the responder's ephemeral and the initiator's ephemeral in the server-hello target. */
    static final Curve25519KeyPair INTERMEDIATE = Curve25519.generateKeyPair(RANDOM);
    static final Curve25519KeyPair SERVER = Curve25519.generateKeyPair(RANDOM);
    static final Curve25519KeyPair CLIENT = Curve25519.generateKeyPair(RANDOM);
    static final byte[] CHAIN = new CertChainBuilder(ROOT, INTERMEDIATE).build(SERVER.publicKey());
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final CertChainVerifier VERIFIER = new CertChainVerifier(TrustRoot.of(ROOT.publicKey()),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private HandshakeFuzzHarness() {
    }

    /**
     * The input of the signed-details target: a big-endian uint16 {@code n}, then the intermediate's
     * {@code Details} bytes (the first {@code n} bytes, fewer if the input is shorter), then the
     * leaf's {@code Details} (the rest).
     */
    static byte[] detailsInput(byte[] intermediateDetails, byte[] leafDetails) {
        byte[] out = new byte[2 + intermediateDetails.length + leafDetails.length];
        out[0] = (byte) (intermediateDetails.length >> 8);
        out[1] = (byte) intermediateDetails.length;
        System.arraycopy(intermediateDetails, 0, out, 2, intermediateDetails.length);
        System.arraycopy(leafDetails, 0, out, 2 + intermediateDetails.length, leafDetails.length);
        return out;
    }

    /**
     * A chain whose {@code Details} come from {@link #detailsInput}-shaped input, signed properly —
     * the intermediate by {@link #ROOT}, the leaf by {@link #INTERMEDIATE} — so that a fuzzer mutating
     * the details gets past the signature checks to the parsing, serial, key and validity checks.
     */
    static byte[] chainSignedInHarness(byte[] input) {
        int n = input.length < 2 ? 0 : (input[0] & 0xFF) << 8 | (input[1] & 0xFF);
        int from = Math.min(2, input.length);
        int split = Math.min(from + n, input.length);
        byte[] intermediateDetails = Arrays.copyOfRange(input, from, split);
        byte[] leafDetails = Arrays.copyOfRange(input, split, input.length);
        return chain(intermediateDetails, ROOT, leafDetails, INTERMEDIATE);
    }

    static byte[] chain(byte[] intermediateDetails, Curve25519KeyPair intermediateSigner, byte[] leafDetails,
                        Curve25519KeyPair leafSigner) {
        return CertChain.newBuilder()
                .setIntermediate(certificate(intermediateDetails, intermediateSigner))
                .setLeaf(certificate(leafDetails, leafSigner))
                .build().toByteArray();
    }

    private static NoiseCertificate certificate(byte[] details, Curve25519KeyPair signer) {
        return NoiseCertificate.newBuilder()
                .setDetails(ByteString.copyFrom(details))
                .setSignature(ByteString.copyFrom(XEdDsa.sign(signer.privateKey(), details)))
                .build();
    }

    /** The initiator of the server-hello target (its client hello is fixed: ephemeral = INTERMEDIATE). */
    static NoiseInitiator serverHelloInitiator() {
        return new NoiseInitiator(CLIENT, INTERMEDIATE, NoiseProtocol.waHeader(), VERIFIER);
    }

    /** The initiator of the client-finish target (ephemeral = SERVER). */
    static NoiseInitiator clientFinishInitiator() {
        return new NoiseInitiator(CLIENT, SERVER, NoiseProtocol.waHeader(), VERIFIER);
    }

    /** The responder of the client-hello and client-finish targets. */
    static NoiseResponder responder(byte[] chain) {
        return new NoiseResponder(SERVER, INTERMEDIATE, chain);
    }
}
