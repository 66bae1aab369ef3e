package com.wagateway.whatsapp.transport;

import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.noise.ClientAuthentication;
import com.wagateway.whatsapp.noise.HandshakeException;
import com.wagateway.whatsapp.noise.NoiseResponder;
import com.wagateway.whatsapp.noise.TransportCipher;
import java.nio.ByteBuffer;

/**
 * The server side of one connection (fact sheet §3.5), independent of the WebSocket library: the
 * host passes every received binary message to {@link #onBytes} and gives a {@link ByteSink} for
 * writing. Reads the intro and the three handshake frames, answers with serverHello, then delivers
 * decrypted frames; {@link #send} encrypts and frames outgoing payloads.
 */
public final class NoiseServerConnection {

    /** Callbacks, invoked on the thread that called {@link #onBytes}. */
    public interface Listener {
        /** The handshake finished; the client's noise key and ClientPayload bytes are in {@code client}. */
        void onAuthenticated(NoiseServerConnection connection, IntroHeader intro, ClientAuthentication client);

        /** One decrypted frame payload (a binary node, §5.2). */
        void onFrame(NoiseServerConnection connection, byte[] plaintext);

        /**
         * The stream is unusable: a {@link HandshakeException}, {@link FrameException} or
         * {@link CryptoException}. The sink has been closed.
         */
        void onFailure(NoiseServerConnection connection, Exception error);
    }

    private enum Stage { AWAIT_HELLO, AWAIT_FINISH, OPEN, FAILED }

    private final ByteSink sink;
    private final NoiseResponder responder;
    private final Listener listener;
    private final FrameDecoder decoder;
    private final FrameEncoder encoder = FrameEncoder.server();
    private final Object sendLock = new Object();
    private Stage stage = Stage.AWAIT_HELLO;
    private volatile TransportCipher transport;

    public NoiseServerConnection(ByteSink sink, NoiseResponder responder, Listener listener, int maxFrameLength) {
        this.sink = sink;
        this.responder = responder;
        this.listener = listener;
        this.decoder = FrameDecoder.forServer(maxFrameLength);
    }

    /** Feeds one received WebSocket message (any split of the stream). */
    public synchronized void onBytes(ByteBuffer data) {
        if (stage == Stage.FAILED) {
            return;
        }
        try {
            for (byte[] frame : decoder.feed(data)) {
                handle(frame);
            }
        } catch (HandshakeException | FrameException | CryptoException e) {
            stage = Stage.FAILED;
            sink.close();
            listener.onFailure(this, e);
        }
    }

    /** Encrypts and sends one frame payload; only after the handshake. */
    public void send(byte[] plaintext) throws CryptoException {
        TransportCipher cipher = transport;
        if (cipher == null) {
            throw new IllegalStateException("handshake not finished");
        }
        synchronized (sendLock) {
            sink.send(encoder.encode(cipher.encrypt(plaintext)));
        }
    }

    public boolean isOpen() {
        return transport != null;
    }

    public void close() {
        sink.close();
    }

    private void handle(byte[] frame) throws HandshakeException, CryptoException {
        switch (stage) {
            case AWAIT_HELLO -> {
                responder.readClientHello(decoder.intro().prologue(), frame);
                byte[] hello = responder.serverHello();
                synchronized (sendLock) {
                    sink.send(encoder.encode(hello));
                }
                stage = Stage.AWAIT_FINISH;
            }
            case AWAIT_FINISH -> {
                ClientAuthentication client = responder.readClientFinish(frame);
                transport = responder.transport();
                stage = Stage.OPEN;
                listener.onAuthenticated(this, decoder.intro(), client);
            }
            case OPEN -> listener.onFrame(this, transport.decrypt(frame));
            case FAILED -> throw new IllegalStateException("unreachable: failed connections ignore input");
        }
    }
}
