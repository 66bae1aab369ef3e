package com.wagateway.whatsapp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.noise.CertChainBuilder;
import com.wagateway.whatsapp.noise.CertChainVerifier;
import com.wagateway.whatsapp.noise.ClientAuthentication;
import com.wagateway.whatsapp.noise.HandshakeError;
import com.wagateway.whatsapp.noise.HandshakeException;
import com.wagateway.whatsapp.noise.NoiseInitiator;
import com.wagateway.whatsapp.noise.NoiseResponder;
import com.wagateway.whatsapp.noise.TrustRoot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server-side adapter without any socket: a client stream fed one byte at a time, the routed
 * intro, frames both ways; bad intro and tampered frames end in onFailure and a closed sink.
 */
class NoiseServerConnectionTest {

    private final FixedRandom random = new FixedRandom("server-connection");
    private final Curve25519KeyPair root = Curve25519.generateKeyPair(random);
    private final Curve25519KeyPair serverStatic = Curve25519.generateKeyPair(random);
    private final Curve25519KeyPair clientStatic = Curve25519.generateKeyPair(random);
    private final byte[] chain = new CertChainBuilder(root, Curve25519.generateKeyPair(random)).build(serverStatic.publicKey());
    private final RecordingSink sink = new RecordingSink();
    private final RecordingListener listener = new RecordingListener();
    private final NoiseServerConnection server = new NoiseServerConnection(sink,
            NoiseResponder.create(serverStatic, chain, random), listener, 1 << 20);

    @Test
    void aRoutedClientStreamFedByteByByteCompletesTheHandshakeAndCarriesFrames() throws Exception {
        byte[] routing = {1, 2, 3};
        IntroHeader intro = IntroHeader.standard(routing);
        FrameEncoder clientEncoder = FrameEncoder.client(intro);
        NoiseInitiator client = new NoiseInitiator(clientStatic, Curve25519.generateKeyPair(random), intro.prologue(),
                new CertChainVerifier(TrustRoot.of(root.publicKey())));

        feedByteByByte(clientEncoder.encode(client.clientHello()));
        assertThat(sink.sent).hasSize(1);
        FrameDecoder clientDecoder = FrameDecoder.forClient(1 << 20);
        client.readServerHello(clientDecoder.feed(sink.sent.get(0)).get(0));
        feedByteByByte(clientEncoder.encode(client.clientFinish("payload".getBytes(StandardCharsets.UTF_8))));

        assertThat(listener.intro.routingInfo()).containsExactly(1, 2, 3);
        assertThat(listener.client.clientStaticKey()).isEqualTo(clientStatic.publicKey());
        assertThat(server.isOpen()).isTrue();

        byte[] twoFrames = concat(clientEncoder.encode(client.transport().encrypt(new byte[] {10})),
                clientEncoder.encode(client.transport().encrypt(new byte[] {11, 12})));
        server.onBytes(ByteBuffer.wrap(twoFrames));
        assertThat(listener.frames).hasSize(2);
        assertThat(listener.frames.get(1)).containsExactly(11, 12);

        server.send(new byte[] {42});
        assertThat(client.transport().decrypt(clientDecoder.feed(sink.sent.get(1)).get(0))).containsExactly(42);
        assertThat(sink.closed).isFalse();
    }

    @Test
    void aBadIntroFailsAndClosesTheSink() {
        server.onBytes(ByteBuffer.wrap("GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII)));
        assertThat(listener.failure).isInstanceOf(FrameException.class);
        assertThat(sink.closed).isTrue();
        server.onBytes(ByteBuffer.wrap(new byte[] {1, 2, 3})); // ignored after failure
        assertThat(listener.frames).isEmpty();
    }

    @Test
    void aGarbageClientHelloIsATypedHandshakeFailure() {
        byte[] stream = FrameEncoder.client(IntroHeader.standard(null)).encode(new byte[] {(byte) 0xff, 0});
        server.onBytes(ByteBuffer.wrap(stream));
        assertThat(listener.failure).isInstanceOf(HandshakeException.class);
        assertThat(((HandshakeException) listener.failure).error()).isInstanceOf(HandshakeError.MalformedMessage.class);
        assertThat(sink.closed).isTrue();
    }

    @Test
    void aTamperedTransportFrameIsACryptoFailure() throws Exception {
        IntroHeader intro = IntroHeader.standard(null);
        FrameEncoder clientEncoder = FrameEncoder.client(intro);
        NoiseInitiator client = new NoiseInitiator(clientStatic, Curve25519.generateKeyPair(random), intro.prologue(),
                new CertChainVerifier(TrustRoot.of(root.publicKey())));
        server.onBytes(ByteBuffer.wrap(clientEncoder.encode(client.clientHello())));
        client.readServerHello(FrameDecoder.forClient(1 << 20).feed(sink.sent.get(0)).get(0));
        server.onBytes(ByteBuffer.wrap(clientEncoder.encode(client.clientFinish(new byte[0]))));
        byte[] frame = client.transport().encrypt(new byte[] {1, 2, 3});
        frame[0] ^= 1;
        server.onBytes(ByteBuffer.wrap(clientEncoder.encode(frame)));
        assertThat(listener.failure).isInstanceOf(CryptoException.class);
        assertThat(sink.closed).isTrue();
    }

    private void feedByteByByte(byte[] bytes) {
        for (byte b : bytes) {
            server.onBytes(ByteBuffer.wrap(new byte[] {b}));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static final class RecordingSink implements ByteSink {
        final List<byte[]> sent = new ArrayList<>();
        boolean closed;

        @Override
        public void send(byte[] bytes) {
            sent.add(bytes);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class RecordingListener implements NoiseServerConnection.Listener {
        IntroHeader intro;
        ClientAuthentication client;
        final List<byte[]> frames = new ArrayList<>();
        Exception failure;

        @Override
        public void onAuthenticated(NoiseServerConnection connection, IntroHeader intro, ClientAuthentication client) {
            this.intro = intro;
            this.client = client;
        }

        @Override
        public void onFrame(NoiseServerConnection connection, byte[] plaintext) {
            frames.add(plaintext);
        }

        @Override
        public void onFailure(NoiseServerConnection connection, Exception error) {
            failure = error;
        }
    }
}
