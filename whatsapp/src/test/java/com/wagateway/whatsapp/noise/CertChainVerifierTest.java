package com.wagateway.whatsapp.noise;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/** Each check of fact sheet §3.4 rejects with its own typed error; a correct chain passes. */
class CertChainVerifierTest {

    private static final FixedRandom RANDOM = new FixedRandom("cert-chain-test");
    private static final Curve25519KeyPair ROOT = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair INTERMEDIATE = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair SERVER = Curve25519.generateKeyPair(RANDOM);
    private static final Curve25519KeyPair OTHER = Curve25519.generateKeyPair(RANDOM);
    private static final long NOW = 1_800_000_000L;
    private static final CertChainVerifier VERIFIER = new CertChainVerifier(TrustRoot.of(ROOT.publicKey()),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @Test
    void aChainBuiltByCertChainBuilderVerifies() throws HandshakeException {
        VerifiedServerCertificate result = VERIFIER.verify(new CertChainBuilder(ROOT, INTERMEDIATE).build(SERVER.publicKey()),
                SERVER.publicKey());
        assertThat(result.intermediateSerial()).isEqualTo(1);
        assertThat(result.leafSerial()).isEqualTo(2);
    }

    @Test
    void theProductionRootRejectsATestChain() {
        CertChainVerifier production = new CertChainVerifier(TrustRoot.WHATSAPP);
        assertError(production, new CertChainBuilder(ROOT, INTERMEDIATE).build(SERVER.publicKey()), SERVER.publicKey(),
                HandshakeError.BadIntermediateSignature.class);
    }

    @Test
    void intermediateSignedByAnotherKeyIsRejected() {
        byte[] chain = new CertChainBuilder(OTHER, INTERMEDIATE).build(SERVER.publicKey());
        assertError(chain, HandshakeError.BadIntermediateSignature.class);
    }

    @Test
    void leafSignedByAnotherKeyIsRejected() {
        CertChain good = parse(new CertChainBuilder(ROOT, INTERMEDIATE).build(SERVER.publicKey()));
        CertChain bad = good.toBuilder().setLeaf(signed(good.getLeaf().getDetails().toByteArray(), OTHER)).build();
        assertError(bad.toByteArray(), HandshakeError.BadLeafSignature.class);
    }

    @Test
    void allZeroSignaturesThatBaileysRc14AcceptsAreRejected() {
        CertChain good = parse(new CertChainBuilder(ROOT, INTERMEDIATE).build(SERVER.publicKey()));
        ByteString zeros = ByteString.copyFrom(new byte[64]);
        CertChain bad = good.toBuilder()
                .setIntermediate(good.getIntermediate().toBuilder().setSignature(zeros))
                .setLeaf(good.getLeaf().toBuilder().setSignature(zeros)).build();
        assertError(bad.toByteArray(), HandshakeError.BadIntermediateSignature.class);
    }

    @Test
    void intermediateIssuerSerialMustBeTheRootSerial() {
        byte[] chain = new CertChainBuilder(ROOT, INTERMEDIATE).rootSerial(7).build(SERVER.publicKey());
        HandshakeError error = assertError(chain, HandshakeError.IssuerSerialMismatch.class);
        assertThat(((HandshakeError.IssuerSerialMismatch) error).certificate()).isEqualTo("intermediate");
        assertThat(((HandshakeError.IssuerSerialMismatch) error).actualIssuerSerial()).isEqualTo(7);
    }

    @Test
    void leafIssuerSerialMustBeTheIntermediateSerial() {
        CertChain good = parse(new CertChainBuilder(ROOT, INTERMEDIATE).build(SERVER.publicKey()));
        byte[] details = CertChain.NoiseCertificate.Details.newBuilder()
                .setSerial(2).setIssuerSerial(99).setKey(ByteString.copyFrom(SERVER.publicKey()))
                .setNotBefore(0).setNotAfter(NOW + 10).build().toByteArray();
        CertChain bad = good.toBuilder().setLeaf(signed(details, INTERMEDIATE)).build();
        HandshakeError error = assertError(bad.toByteArray(), HandshakeError.IssuerSerialMismatch.class);
        assertThat(((HandshakeError.IssuerSerialMismatch) error).certificate()).isEqualTo("leaf");
    }

    @Test
    void leafKeyMustBeTheServerStaticKey() {
        byte[] chain = new CertChainBuilder(ROOT, INTERMEDIATE).build(OTHER.publicKey());
        assertError(VERIFIER, chain, SERVER.publicKey(), HandshakeError.LeafKeyMismatch.class);
    }

    @Test
    void expiredAndNotYetValidChainsAreRejected() {
        byte[] expired = new CertChainBuilder(ROOT, INTERMEDIATE)
                .validity(Instant.ofEpochSecond(0), Instant.ofEpochSecond(NOW - 1)).build(SERVER.publicKey());
        HandshakeError error = assertError(expired, HandshakeError.CertificateNotValidNow.class);
        assertThat(((HandshakeError.CertificateNotValidNow) error).now()).isEqualTo(NOW);
        byte[] future = new CertChainBuilder(ROOT, INTERMEDIATE)
                .validity(Instant.ofEpochSecond(NOW + 1), Instant.ofEpochSecond(NOW + 100)).build(SERVER.publicKey());
        assertError(future, HandshakeError.CertificateNotValidNow.class);
    }

    @Test
    void malformedChainsAreRejectedWithOneTypedError() {
        assertError(new byte[] {(byte) 0xff, 0x01}, HandshakeError.MalformedCertificate.class);
        assertError(new byte[0], HandshakeError.MalformedCertificate.class);
        assertError(new byte[] {0x12, 0x00}, HandshakeError.MalformedCertificate.class); // 6.x minimal chain, §12.2
        CertChain good = parse(new CertChainBuilder(ROOT, INTERMEDIATE).build(SERVER.publicKey()));
        CertChain shortSignature = good.toBuilder()
                .setLeaf(good.getLeaf().toBuilder().setSignature(ByteString.copyFrom(new byte[63]))).build();
        assertError(shortSignature.toByteArray(), HandshakeError.MalformedCertificate.class);
        byte[] keylessDetails = CertChain.NoiseCertificate.Details.newBuilder().setSerial(1).setIssuerSerial(0)
                .setNotAfter(NOW + 1).build().toByteArray();
        CertChain keyless = good.toBuilder().setIntermediate(signed(keylessDetails, ROOT)).build();
        assertError(keyless.toByteArray(), HandshakeError.MalformedCertificate.class);
    }

    private static HandshakeError assertError(byte[] chain, Class<? extends HandshakeError> type) {
        return assertError(VERIFIER, chain, SERVER.publicKey(), type);
    }

    private static HandshakeError assertError(CertChainVerifier verifier, byte[] chain, byte[] serverKey,
                                              Class<? extends HandshakeError> type) {
        HandshakeException thrown = org.junit.jupiter.api.Assertions.assertThrows(HandshakeException.class,
                () -> verifier.verify(chain, serverKey));
        assertThat(thrown.error()).isInstanceOf(type);
        assertThat(thrown.getMessage()).isNotBlank();
        return thrown.error();
    }

    private static NoiseCertificate signed(byte[] details, Curve25519KeyPair signer) {
        return NoiseCertificate.newBuilder().setDetails(ByteString.copyFrom(details))
                .setSignature(ByteString.copyFrom(XEdDsa.sign(signer.privateKey(), details))).build();
    }

    private static CertChain parse(byte[] bytes) {
        try {
            return CertChain.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
