package com.wagateway.whatsapp.noise;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.proto.HandshakeProtos.HandshakeMessage;

/**
 * The client side of {@code Noise_XX_25519_AESGCM_SHA256} as WhatsApp uses it (fact sheet §3.2–3.3),
 * a state machine over frame payloads with no I/O:
 * {@link #clientHello()} → {@link #readServerHello(byte[])} (verifies the certificate chain, §3.4)
 * → {@link #clientFinish(byte[])} → {@link #transport()}. Any failure leaves it failed.
 */
public final class NoiseInitiator {

    private enum Step { START, HELLO_SENT, SERVER_VERIFIED, DONE, FAILED }

    private final Curve25519KeyPair noiseKey;
    private final Curve25519KeyPair ephemeral;
    private final CertChainVerifier verifier;
    private final SymmetricState state;
    private Step step = Step.START;
    private byte[] serverEphemeral;
    private VerifiedServerCertificate serverCertificate;
    private TransportCipher transport;

    /**
     * @param noiseKey  the long-lived client static key ({@code creds.noiseKey}, §3.1)
     * @param ephemeral a fresh key pair for this connection (fixed only in vectors)
     * @param prologue  the connection header sent before the first frame (§2.2)
     */
    public NoiseInitiator(Curve25519KeyPair noiseKey, Curve25519KeyPair ephemeral, byte[] prologue,
                          CertChainVerifier verifier) {
        this.noiseKey = noiseKey;
        this.ephemeral = ephemeral;
        this.verifier = verifier;
        this.state = new SymmetricState(prologue);
        state.mixHash(ephemeral.publicKey());
    }

    /** A handshake with a fresh ephemeral key and the standard header {@code 57 41 06 03} as prologue. */
    public static NoiseInitiator create(Curve25519KeyPair noiseKey, CertChainVerifier verifier, RandomSource random) {
        return new NoiseInitiator(noiseKey, Curve25519.generateKeyPair(random), NoiseProtocol.waHeader(), verifier);
    }

    /** Frame 1: {@code HandshakeMessage{clientHello{ephemeral}}} (§3.3 step 1). */
    public byte[] clientHello() {
        expect(Step.START);
        step = Step.HELLO_SENT;
        return HandshakeMessage.newBuilder()
                .setClientHello(HandshakeMessage.ClientHello.newBuilder()
                        .setEphemeral(ByteString.copyFrom(ephemeral.publicKey())))
                .build().toByteArray();
    }

    /** Frame 2 (§3.3 step 2): decrypts the server static key and chain and verifies the chain. */
    public VerifiedServerCertificate readServerHello(byte[] message) throws HandshakeException {
        expect(Step.HELLO_SENT);
        step = Step.FAILED;
        HandshakeMessage parsed = HandshakeMessages.parse(message, "serverHello");
        if (!parsed.hasServerHello()) {
            throw new HandshakeException(new HandshakeError.MalformedMessage("serverHello", "serverHello field missing"));
        }
        HandshakeMessage.ServerHello hello = parsed.getServerHello();
        serverEphemeral = HandshakeMessages.requireLength(hello.getEphemeral(), NoiseProtocol.KEY_LENGTH, "serverHello", "ephemeral");
        HandshakeMessages.requireLength(hello.getStatic(), NoiseProtocol.KEY_LENGTH + AesGcm.TAG_LENGTH, "serverHello", "static");
        if (hello.getPayload().size() < AesGcm.TAG_LENGTH) {
            throw new HandshakeException(new HandshakeError.MalformedMessage("serverHello", "payload shorter than a GCM tag"));
        }

        state.mixHash(serverEphemeral);
        state.mixKeyWithDh(ephemeral, serverEphemeral, "server ephemeral");
        byte[] serverStatic = state.decryptField(hello.getStatic().toByteArray(), "serverHello.static");
        state.mixKeyWithDh(ephemeral, serverStatic, "server static");
        byte[] chain = state.decryptField(hello.getPayload().toByteArray(), "serverHello.payload");
        serverCertificate = verifier.verify(chain, serverStatic);
        step = Step.SERVER_VERIFIED;
        return serverCertificate;
    }

    /** Frame 3 (§3.3 step 3): encrypts the noise key and {@code clientPayload}, then splits (step 4). */
    public byte[] clientFinish(byte[] clientPayload) throws HandshakeException {
        expect(Step.SERVER_VERIFIED);
        step = Step.FAILED;
        try {
            byte[] encryptedStatic = state.encryptAndHash(noiseKey.publicKey());
            state.mixKeyWithDh(noiseKey, serverEphemeral, "server ephemeral");
            byte[] encryptedPayload = state.encryptAndHash(clientPayload);
            byte[][] keys = state.split();
            transport = new TransportCipher(keys[0], keys[1]);
            step = Step.DONE;
            return HandshakeMessage.newBuilder()
                    .setClientFinish(HandshakeMessage.ClientFinish.newBuilder()
                            .setStatic(ByteString.copyFrom(encryptedStatic))
                            .setPayload(ByteString.copyFrom(encryptedPayload)))
                    .build().toByteArray();
        } catch (CryptoException e) {
            throw new IllegalStateException("AES-GCM encryption with a 32-byte key cannot fail", e);
        }
    }

    /** Client write = first split half, read = second (§3.3 step 4). */
    public TransportCipher transport() {
        expect(Step.DONE);
        return transport;
    }

    public VerifiedServerCertificate serverCertificate() {
        return serverCertificate;
    }

    private void expect(Step expected) {
        if (step != expected) {
            throw new IllegalStateException("handshake step is " + step + ", expected " + expected);
        }
    }
}
