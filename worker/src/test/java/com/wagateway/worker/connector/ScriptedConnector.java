package com.wagateway.worker.connector;

import com.wagateway.worker.message.MessageStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import com.wagateway.worker.store.SessionStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test double standing in for WhatsApp. Records every call per session in order, writes credentials through the
 * session store on connect (as the real client would), reports a QR code on connect, and lets a test drive the rest: a scan
 * ({@link #scan}), a drop, message status updates, inbound messages.
 */
public final class ScriptedConnector implements WhatsAppConnector {

    private final SessionStore store;
    private final Map<String, List<String>> calls = new ConcurrentHashMap<>();
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private volatile CountDownLatch connectGate;
    private volatile boolean reportQr = true;
    private volatile String failConnects;
    private volatile String pairingCodeAnswer = "ABCD-1234";
    private volatile String failStoredLogouts;
    private volatile boolean holdAcks;
    private final Map<String, CompletableFuture<SendResult>> unacked = new ConcurrentHashMap<>();

    public ScriptedConnector(SessionStore store) {
        this.store = store;
    }

    @Override
    public Connection connect(SessionSpec session, ConnectionListener listener) {
        CountDownLatch gate = connectGate;
        if (gate != null) {
            try {
                gate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        record(session.sessionId(), "connect");
        String failure = failConnects;
        if (failure != null) {
            throw new IllegalStateException(failure); // not even a ConnectorException: a bug in the client
        }
        try {
            store.write(session.sessionId(), "creds.json", "{\"test\":true}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Live connection = new Live(session.sessionId(), listener);
        live.put(session.sessionId(), connection);
        if (reportQr) {
            listener.qrCode("2@test-qr-" + session.sessionId());
        }
        return connection;
    }

    /** A logout without a connection: logs in from the stored credentials to remove the device (recorded). */
    @Override
    public void logoutStored(SessionSpec session) throws ConnectorException {
        record(session.sessionId(), "logout-stored");
        String failure = failStoredLogouts;
        if (failure != null) {
            throw new ConnectorException(failure);
        }
    }

    /** Every logout without a connection fails with this reason until called with null. */
    public void failStoredLogouts(String reason) {
        failStoredLogouts = reason;
    }

    /** The phone scanned the QR code: the session reports connected. */
    public void scan(String sessionId, String phoneNumber) {
        listener(sessionId).connected(phoneNumber);
    }

    public void messageStatus(String sessionId, String messageId, MessageStatus status) {
        listener(sessionId).messageStatus(messageId, status, null);
    }

    /** The connection ended for good (e.g. replaced by another connection): credentials kept, no retry. */
    public void drop(String sessionId, String reason) {
        listener(sessionId).disconnected(reason);
    }

    /** The connection dropped and the client is reconnecting by itself. */
    public void reconnecting(String sessionId, String reason) {
        listener(sessionId).reconnecting(reason);
    }

    /** The server refuses the client (outdated version); the client keeps retrying slowly. */
    public void refused(String sessionId, String reason) {
        listener(sessionId).retryingRefused(reason);
    }

    /** What the next pairing-code requests answer: a code, or (starting with "!") a failure with that reason. */
    public void pairingCodeAnswer(String answer) {
        pairingCodeAnswer = answer;
    }

    /** WhatsApp logged the device out (removed on the phone). */
    public void loggedOut(String sessionId, String reason) {
        listener(sessionId).loggedOut(reason);
    }

    /** The connection failed for good (e.g. a rejected handshake). */
    public void fail(String sessionId, String reason) {
        listener(sessionId).failed(reason);
    }

    public void messageStatus(String sessionId, String messageId, MessageStatus status, String error) {
        listener(sessionId).messageStatus(messageId, status, error);
    }

    /**
     * On: sends stay unacknowledged (in flight) until {@link #ack} or {@link #nack}, like a WhatsApp server that
     * has not answered yet. Off (the default): every send is acknowledged at once.
     */
    public void holdAcks(boolean on) {
        holdAcks = on;
    }

    /** Message ids sent while acks are held and not answered yet. */
    public java.util.Set<String> unacked() {
        return java.util.Set.copyOf(unacked.keySet());
    }

    /** The server's ack of a held send. */
    public void ack(String messageId) {
        CompletableFuture<SendResult> f = unacked.remove(messageId);
        if (f == null) {
            throw new IllegalStateException("no held send " + messageId);
        }
        f.complete(SendResult.sent(Instant.now()));
    }

    /** The server refused a held send (a nack, an error, a timeout), with the reason. */
    public void nack(String messageId, String reason) {
        CompletableFuture<SendResult> f = unacked.remove(messageId);
        if (f == null) {
            throw new IllegalStateException("no held send " + messageId);
        }
        f.complete(SendResult.failed(Instant.now(), reason));
    }

    public void receive(String sessionId, ConnectionListener.InboundMessage message) {
        listener(sessionId).messageReceived(message);
    }

    /** Until the returned latch is counted down, connect() blocks (a slow WhatsApp). */
    public CountDownLatch holdConnects() {
        CountDownLatch gate = new CountDownLatch(1);
        connectGate = gate;
        return gate;
    }

    public void releaseConnects() {
        CountDownLatch gate = connectGate;
        connectGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** Every connect throws with this message until called with null. */
    public void failConnects(String message) {
        failConnects = message;
    }

    public void reportQr(boolean on) {
        reportQr = on;
    }

    public List<String> calls(String sessionId) {
        List<String> list = calls.get(sessionId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    public long count(String sessionId, String call) {
        return calls(sessionId).stream().filter(call::equals).count();
    }

    private ConnectionListener listener(String sessionId) {
        Live l = live.get(sessionId);
        if (l == null) {
            throw new IllegalStateException("no connection for " + sessionId);
        }
        return l.listener;
    }

    private void record(String sessionId, String call) {
        List<String> list = calls.computeIfAbsent(sessionId, id -> new ArrayList<>());
        synchronized (list) {
            list.add(call);
        }
    }

    private final class Live implements Connection {
        final String sessionId;
        final ConnectionListener listener;

        Live(String sessionId, ConnectionListener listener) {
            this.sessionId = sessionId;
            this.listener = listener;
        }

        @Override
        public CompletableFuture<SendResult> send(OutboundMessage message) {
            record(sessionId, "send:" + message.messageId());
            if (message.to().startsWith("999")) {
                return CompletableFuture.completedFuture(SendResult.failed(Instant.now(), "recipient not on WhatsApp"));
            }
            if (holdAcks) {
                CompletableFuture<SendResult> f = new CompletableFuture<>();
                unacked.put(message.messageId(), f);
                return f;
            }
            return CompletableFuture.completedFuture(SendResult.sent(Instant.now()));
        }

        @Override
        public String requestPairingCode(String phoneDigits) throws ConnectorException {
            record(sessionId, "pairing-code:" + phoneDigits);
            String answer = pairingCodeAnswer;
            if (answer.startsWith("!")) {
                throw new ConnectorException(answer.substring(1));
            }
            return answer;
        }

        @Override
        public void disconnect() {
            record(sessionId, "disconnect");
            live.remove(sessionId, this);
        }

        @Override
        public void logout() {
            record(sessionId, "logout");
            live.remove(sessionId, this);
        }
    }
}
