package com.wagateway.whatsapp.noise;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.proto.HandshakeProtos.CertChain;
import com.wagateway.whatsapp.proto.HandshakeProtos.CertChain.NoiseCertificate;
import java.time.Instant;

/**
 * Builds and signs a server {@code CertChain} the way a verifier following fact sheet §3.4 expects:
 * root signs the intermediate (issuerSerial = root serial, explicitly encoded because Baileys 7.x
 * rejects an absent one), the intermediate signs the leaf (issuerSerial = intermediate serial,
 * key = the server's Noise static public key). For the emulator and tests.
 */
public final class CertChainBuilder {

    private final Curve25519KeyPair root;
    private long rootSerial;
    private Curve25519KeyPair intermediate;
    private int intermediateSerial = 1;
    private int leafSerial = 2;
    private Instant notBefore = Instant.EPOCH;
    private Instant notAfter = Instant.parse("2100-01-01T00:00:00Z");

    public CertChainBuilder(Curve25519KeyPair root, Curve25519KeyPair intermediate) {
        this.root = root;
        this.intermediate = intermediate;
    }

    /** The serial the trust root has (0 for WhatsApp's, §3.4). */
    public CertChainBuilder rootSerial(long serial) {
        this.rootSerial = serial;
        return this;
    }

    public CertChainBuilder intermediateSerial(int serial) {
        this.intermediateSerial = serial;
        return this;
    }

    public CertChainBuilder leafSerial(int serial) {
        this.leafSerial = serial;
        return this;
    }

    /** Validity of both certificates. */
    public CertChainBuilder validity(Instant from, Instant until) {
        this.notBefore = from;
        this.notAfter = until;
        return this;
    }

    /** The serialized, signed chain certifying {@code serverStaticPublicKey}. */
    public byte[] build(byte[] serverStaticPublicKey) {
        byte[] intermediateDetails = CertChain.NoiseCertificate.Details.newBuilder()
                .setSerial(intermediateSerial)
                .setIssuerSerial((int) rootSerial)
                .setKey(ByteString.copyFrom(intermediate.publicKey()))
                .setNotBefore(notBefore.getEpochSecond())
                .setNotAfter(notAfter.getEpochSecond())
                .build().toByteArray();
        byte[] leafDetails = CertChain.NoiseCertificate.Details.newBuilder()
                .setSerial(leafSerial)
                .setIssuerSerial(intermediateSerial)
                .setKey(ByteString.copyFrom(serverStaticPublicKey))
                .setNotBefore(notBefore.getEpochSecond())
                .setNotAfter(notAfter.getEpochSecond())
                .build().toByteArray();
        return CertChain.newBuilder()
                .setLeaf(certificate(leafDetails, intermediate))
                .setIntermediate(certificate(intermediateDetails, root))
                .build().toByteArray();
    }

    private static NoiseCertificate certificate(byte[] details, Curve25519KeyPair signer) {
        return NoiseCertificate.newBuilder()
                .setDetails(ByteString.copyFrom(details))
                .setSignature(ByteString.copyFrom(XEdDsa.sign(signer.privateKey(), details)))
                .build();
    }
}
