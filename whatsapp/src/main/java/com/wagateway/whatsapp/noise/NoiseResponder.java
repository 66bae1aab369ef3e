package com.wagateway.whatsapp.noise;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.proto.HandshakeProtos.HandshakeMessage;

/**
 * The server side of WhatsApp's Noise XX handshake (fact sheet §3.5), a state machine over frame
 * payloads with no I/O: {@link #readClientHello} → {@link #serverHello()} →
 * {@link #readClientFinish} → {@link #transport()}. For the emulator and tests.
 */
public final class NoiseResponder {

    private enum Step { START, HELLO_READ, HELLO_SENT, DONE, FAILED }

    private final Curve25519KeyPair staticKey;
    private final Curve25519KeyPair ephemeral;
    private final byte[] certChain;
    private SymmetricState state;
    private Step step = Step.START;
    private byte[] clientEphemeral;
    private TransportCipher transport;

    /**
     * @param staticKey the server's Noise static key (the leaf certificate's key)
     * @param ephemeral a fresh key pair for this connection (fixed only in vectors)
     * @param certChain the serialized, signed {@code CertChain} (see {@link CertChainBuilder})
     */
    public NoiseResponder(Curve25519KeyPair staticKey, Curve25519KeyPair ephemeral, byte[] certChain) {
        this.staticKey = staticKey;
        this.ephemeral = ephemeral;
        this.certChain = certChain.clone();
    }

    public static NoiseResponder create(Curve25519KeyPair staticKey, byte[] certChain, RandomSource random) {
        return new NoiseResponder(staticKey, Curve25519.generateKeyPair(random), certChain);
    }

    /**
     * Frame 1. {@code prologue} is the connection header the client actually sent (§3.5 step 2), so a
     * client speaking another dictionary version still derives the same hash.
     */
    public void readClientHello(byte[] prologue, byte[] message) throws HandshakeException {
        expect(Step.START);
        step = Step.FAILED;
        HandshakeMessage parsed = HandshakeMessages.parse(message, "clientHello");
        if (!parsed.hasClientHello()) {
            throw new HandshakeException(new HandshakeError.MalformedMessage("clientHello", "clientHello field missing"));
        }
        clientEphemeral = HandshakeMessages.requireLength(parsed.getClientHello().getEphemeral(),
                NoiseProtocol.KEY_LENGTH, "clientHello", "ephemeral");
        state = new SymmetricState(prologue);
        state.mixHash(clientEphemeral);
        step = Step.HELLO_READ;
    }

    /** Frame 2: {@code serverHello{ephemeral, enc(static), enc(CertChain)}} (§3.5 step 3). */
    public byte[] serverHello() throws HandshakeException {
        expect(Step.HELLO_READ);
        step = Step.FAILED;
        try {
            state.mixHash(ephemeral.publicKey());
            state.mixKeyWithDh(ephemeral, clientEphemeral, "client ephemeral");
            byte[] encryptedStatic = state.encryptAndHash(staticKey.publicKey());
            state.mixKeyWithDh(staticKey, clientEphemeral, "client ephemeral");
            byte[] encryptedChain = state.encryptAndHash(certChain);
            step = Step.HELLO_SENT;
            return HandshakeMessage.newBuilder()
                    .setServerHello(HandshakeMessage.ServerHello.newBuilder()
                            .setEphemeral(ByteString.copyFrom(ephemeral.publicKey()))
                            .setStatic(ByteString.copyFrom(encryptedStatic))
                            .setPayload(ByteString.copyFrom(encryptedChain)))
                    .build().toByteArray();
        } catch (CryptoException e) {
            throw new IllegalStateException("AES-GCM encryption with a 32-byte key cannot fail", e);
        }
    }

    /** Frame 3 (§3.5 step 4–5): the client's noise key and ClientPayload; then the split. */
    public ClientAuthentication readClientFinish(byte[] message) throws HandshakeException {
        expect(Step.HELLO_SENT);
        step = Step.FAILED;
        HandshakeMessage parsed = HandshakeMessages.parse(message, "clientFinish");
        if (!parsed.hasClientFinish()) {
            throw new HandshakeException(new HandshakeError.MalformedMessage("clientFinish", "clientFinish field missing"));
        }
        HandshakeMessage.ClientFinish finish = parsed.getClientFinish();
        HandshakeMessages.requireLength(finish.getStatic(), NoiseProtocol.KEY_LENGTH + AesGcm.TAG_LENGTH, "clientFinish", "static");
        if (finish.getPayload().size() < AesGcm.TAG_LENGTH) {
            throw new HandshakeException(new HandshakeError.MalformedMessage("clientFinish", "payload shorter than a GCM tag"));
        }
        byte[] clientStatic = state.decryptField(finish.getStatic().toByteArray(), "clientFinish.static");
        state.mixKeyWithDh(ephemeral, clientStatic, "client static");
        byte[] payload = state.decryptField(finish.getPayload().toByteArray(), "clientFinish.payload");
        byte[][] keys = state.split();
        transport = new TransportCipher(keys[1], keys[0]); // server writes with the second half
        step = Step.DONE;
        return new ClientAuthentication(clientStatic, payload);
    }

    public TransportCipher transport() {
        expect(Step.DONE);
        return transport;
    }

    private void expect(Step expected) {
        if (step != expected) {
            throw new IllegalStateException("handshake step is " + step + ", expected " + expected);
        }
    }
}
