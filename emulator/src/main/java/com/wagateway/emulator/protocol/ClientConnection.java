package com.wagateway.emulator.protocol;

import com.wagateway.whatsapp.binary.BinaryDecodeException;
import com.wagateway.whatsapp.binary.BinaryDecoder;
import com.wagateway.whatsapp.binary.BinaryEncoder;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.noise.ClientAuthentication;
import com.wagateway.whatsapp.noise.NoiseResponder;
import com.wagateway.whatsapp.transport.FrameEncoder;
import com.wagateway.whatsapp.transport.IntroHeader;
import com.wagateway.whatsapp.transport.NoiseServerConnection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection: the Noise stream ({@link NoiseServerConnection}) over a {@link SocketLink},
 * the node codec, and what the connection is ({@link ConnectionState}). Holds no thread: frames are
 * handled on whichever thread the socket delivers them, one at a time.
 */
public final class ClientConnection implements NoiseServerConnection.Listener {

    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final BinaryEncoder ENCODER = new BinaryEncoder();
    private static final BinaryDecoder DECODER = new BinaryDecoder();
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "emulator-closer");
        thread.setDaemon(true);
        return thread;
    });

    private final long id = IDS.incrementAndGet();
    private final SocketLink link;
    private final ChatServer server;
    private final NoiseServerConnection noise;
    private volatile ConnectionState state = new ConnectionState.Handshaking();

    public ClientConnection(SocketLink link, ChatServer server, NoiseResponder responder, int maxFrameLength) {
        this.link = link;
        this.server = server;
        this.noise = new NoiseServerConnection(link, responder, this, maxFrameLength);
    }

    public long id() {
        return id;
    }

    public ConnectionState state() {
        return state;
    }

    void state(ConnectionState newState) {
        this.state = newState;
    }

    /** Feeds one received WebSocket message. */
    public void onBytes(ByteBuffer data) {
        noise.onBytes(data);
    }

    /** The socket closed (either side). */
    public void onSocketClosed() {
        ConnectionState previous = state;
        state = new ConnectionState.Closed();
        server.connectionClosed(this, previous);
    }

    /** Encrypts and sends one node; false if the stream is not open. */
    public boolean send(Node node) {
        if (!noise.isOpen()) {
            return false;
        }
        try {
            noise.send(ENCODER.encodeFrame(node));
            return true;
        } catch (CryptoException | RuntimeException e) {
            log.warn("event=send_failed connection={} tag={} error={}", id, node.tag(), e.toString());
            return false;
        }
    }

    /**
     * Sends a final node (stream error, failure) and closes the WebSocket a moment later. Clients close
     * on the node themselves; closing at once would race them: Baileys 7.x decodes frames
     * asynchronously, sees the socket close first and reports 428 instead of the node's reason.
     */
    public void sendAndClose(Node node) {
        ConnectionState previous = state;
        state = new ConnectionState.Closed();
        send(node);
        CLOSER.schedule(link::close, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        server.connectionClosed(this, previous);
    }

    /** Sends an already-encoded frame plaintext (hostile-mode payloads the encoder would refuse). */
    boolean sendPlaintext(byte[] plaintext) {
        try {
            noise.send(plaintext);
            return true;
        } catch (CryptoException | RuntimeException e) {
            return false;
        }
    }

    /** Sends a frame that is not a valid ciphertext (hostile mode). */
    void sendRawFrame(byte[] payload) {
        link.send(FrameEncoder.server().encode(payload));
    }

    /** Drops the TCP connection (fault injection). */
    public void abort() {
        link.abort();
    }

    public void close() {
        link.close();
    }

    public String remote() {
        return link.remote();
    }

    @Override
    public void onAuthenticated(NoiseServerConnection connection, IntroHeader intro, ClientAuthentication client) {
        server.authenticated(this, client);
    }

    @Override
    public void onFrame(NoiseServerConnection connection, byte[] plaintext) {
        Node node;
        try {
            node = DECODER.decodeFrame(plaintext);
        } catch (BinaryDecodeException e) {
            log.warn("event=undecodable_frame connection={} error={}", id, e.getMessage());
            close();
            return;
        }
        try {
            server.frame(this, node);
        } catch (RuntimeException e) {
            log.error("event=stanza_failed connection={} tag={}", id, node.tag(), e);
        }
    }

    @Override
    public void onFailure(NoiseServerConnection connection, Exception error) {
        log.info("event=stream_failed connection={} remote={} error={}", id, link.remote(), error.toString());
    }

    @Override
    public String toString() {
        return "connection " + id + " " + state;
    }
}
