package com.wagateway.whatsapp.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.whatsapp.crypto.ConstantTime;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.proto.HandshakeProtos.CertChain;
import com.wagateway.whatsapp.proto.HandshakeProtos.CertChain.NoiseCertificate;
import java.time.Clock;

/**
 * Verifies the server's {@code CertChain} the way whatsmeow does (fact sheet §3.4, checks 1–7),
 * against a configurable {@link TrustRoot}, really checking every signature's result (not like
 * Baileys 7.0.0-rc14's ineffective {@code Curve.verify}). Any input yields a result or one
 * {@link HandshakeException}.
 */
public final class CertChainVerifier {

    private final TrustRoot root;
    private final Clock clock;

    public CertChainVerifier(TrustRoot root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    public CertChainVerifier(TrustRoot root) {
        this(root, Clock.systemUTC());
    }

    public TrustRoot root() {
        return root;
    }

    /**
     * @param chainBytes      the decrypted {@code serverHello.payload}
     * @param serverStaticKey the decrypted server static key the leaf must certify
     */
    public VerifiedServerCertificate verify(byte[] chainBytes, byte[] serverStaticKey) throws HandshakeException {
        CertChain chain = parse(chainBytes);
        NoiseCertificate intermediate = requireCertificate(chain.hasIntermediate(), chain.getIntermediate(), "intermediate");
        NoiseCertificate leaf = requireCertificate(chain.hasLeaf(), chain.getLeaf(), "leaf");
        CertChain.NoiseCertificate.Details intermediateDetails = parseDetails(intermediate.getDetails(), "intermediate");
        CertChain.NoiseCertificate.Details leafDetails = parseDetails(leaf.getDetails(), "leaf");
        long now = clock.instant().getEpochSecond();

        if (!XEdDsa.verify(root.publicKey(), intermediate.getDetails().toByteArray(), intermediate.getSignature().toByteArray())) {
            fail(new HandshakeError.BadIntermediateSignature());
        }
        long intermediateIssuer = Integer.toUnsignedLong(intermediateDetails.getIssuerSerial());
        if (intermediateIssuer != root.serial()) {
            fail(new HandshakeError.IssuerSerialMismatch("intermediate", root.serial(), intermediateIssuer));
        }
        if (intermediateDetails.getKey().size() != NoiseProtocol.KEY_LENGTH) {
            fail(new HandshakeError.MalformedCertificate("intermediate key is not 32 bytes"));
        }
        checkValidity("intermediate", intermediateDetails, now);

        if (!XEdDsa.verify(intermediateDetails.getKey().toByteArray(), leaf.getDetails().toByteArray(), leaf.getSignature().toByteArray())) {
            fail(new HandshakeError.BadLeafSignature());
        }
        long intermediateSerial = Integer.toUnsignedLong(intermediateDetails.getSerial());
        long leafIssuer = Integer.toUnsignedLong(leafDetails.getIssuerSerial());
        if (leafIssuer != intermediateSerial) {
            fail(new HandshakeError.IssuerSerialMismatch("leaf", intermediateSerial, leafIssuer));
        }
        checkValidity("leaf", leafDetails, now);
        if (!ConstantTime.equals(leafDetails.getKey().toByteArray(), serverStaticKey)) {
            fail(new HandshakeError.LeafKeyMismatch());
        }
        return new VerifiedServerCertificate(intermediateSerial, Integer.toUnsignedLong(leafDetails.getSerial()),
                leafDetails.getNotBefore(), leafDetails.getNotAfter());
    }

    private static CertChain parse(byte[] bytes) throws HandshakeException {
        try {
            return CertChain.parseFrom(bytes);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new HandshakeException(new HandshakeError.MalformedCertificate("CertChain does not parse"));
        }
    }

    private static NoiseCertificate requireCertificate(boolean present, NoiseCertificate certificate, String which)
            throws HandshakeException {
        if (!present || !certificate.hasDetails()) {
            fail(new HandshakeError.MalformedCertificate(which + " certificate or its details missing"));
        }
        if (certificate.getSignature().size() != XEdDsa.SIGNATURE_LENGTH) {
            fail(new HandshakeError.MalformedCertificate(which + " signature is not 64 bytes"));
        }
        return certificate;
    }

    private static CertChain.NoiseCertificate.Details parseDetails(ByteString bytes, String which) throws HandshakeException {
        try {
            return CertChain.NoiseCertificate.Details.parseFrom(bytes);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new HandshakeException(new HandshakeError.MalformedCertificate(which + " details do not parse"));
        }
    }

    /** Absent times read as 0 (as whatsmeow's getters do), so a chain without notAfter is expired. */
    private static void checkValidity(String which, CertChain.NoiseCertificate.Details details, long now)
            throws HandshakeException {
        long notBefore = details.getNotBefore();
        long notAfter = details.getNotAfter();
        // uint64 on the wire: a value above Long.MAX_VALUE is negative here; compare unsigned.
        if (Long.compareUnsigned(notBefore, now) > 0 || Long.compareUnsigned(notAfter, now) < 0) {
            fail(new HandshakeError.CertificateNotValidNow(which, notBefore, notAfter, now));
        }
    }

    private static void fail(HandshakeError error) throws HandshakeException {
        throw new HandshakeException(error);
    }
}
