package com.wagateway.whatsapp.transport;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A client WebSocket (RFC 6455) on a blocking socket: one virtual thread reads and delivers every event, a
 * short-lived virtual thread writes queued frames. It replaces the JDK's {@link java.net.http.WebSocket},
 * which loses the end of a connection: when the server's FIN arrives while the listener still holds the
 * previous message, the JDK's transport acknowledges a reception it has no demand for, throws an
 * {@code InternalError} on the HttpClient's selector thread and never calls the listener again (JDK 25,
 * {@code jdk.internal.net.http.websocket.TransportImpl}; see docs/protocol.md). Here the end of the stream is
 * a plain {@code read() == -1} on the reader thread and always becomes {@link Events#onClose}.
 *
 * <p>Only what a WhatsApp client needs: binary messages, sent unfragmented; fragmented ones received as a
 * byte stream; pings answered; text messages and masked server frames are protocol errors.
 */
final class WebSocketConnection implements WebSocketChannel {

    /** RFC 6455 §7.4.1: the connection ended without a close frame. Never sent on the wire. */
    static final int CLOSED_ABNORMALLY = 1006;
    /** RFC 6455 §7.4.1: a close frame without a status code. Never sent on the wire. */
    static final int NO_STATUS_CODE = 1005;
    static final int NORMAL_CLOSURE = 1000;
    static final int PROTOCOL_ERROR = 1002;

    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;
    /** Largest piece of a message payload handed on at once; a message may be far bigger. */
    private static final int READ_CHUNK = 16 * 1024;
    private static final SecureRandom MASKS = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Events events;
    private final Object writeLock = new Object();
    private final ArrayDeque<Outgoing> outgoing = new ArrayDeque<>(); // guarded by writeLock
    private boolean writing; // guarded by writeLock: a writer thread is draining outgoing
    private boolean outputClosed; // guarded by writeLock: a close frame is queued, or the socket is gone
    /** Set once: after it no event is delivered (the end was delivered, or the caller aborted). */
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Why a write failed; the reader, woken by the closed socket, reports it instead of its own error. */
    private final AtomicReference<IOException> writeFailure = new AtomicReference<>();

    private WebSocketConnection(Socket socket, InputStream in, OutputStream out, Events events) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.events = events;
    }

    /**
     * Opens channels with the TLS settings of {@code tls} ({@link HttpClient#sslContext()},
     * {@link HttpClient#sslParameters()}); only those are taken from it. No proxy is used.
     */
    static Opener opener(HttpClient tls) {
        return (url, origin, timeout, events) -> {
            CompletableFuture<WebSocketChannel> opened = new CompletableFuture<>();
            Thread.ofVirtual().name("ws-open " + url.getHost()).start(() -> {
                try {
                    opened.complete(open(tls, url, origin, timeout, events));
                } catch (IOException | RuntimeException e) {
                    opened.completeExceptionally(e);
                }
            });
            return opened;
        };
    }

    private static WebSocketConnection open(HttpClient tls, URI url, String origin, Duration timeout,
                                            Events events) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("not a WebSocket URL: " + url);
        }
        boolean secure = scheme.equals("wss");
        String host = url.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = url.getPort() != -1 ? url.getPort() : secure ? 443 : 80;
        int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true); // frames are written whole; waiting for more only adds latency
            socket.connect(new InetSocketAddress(bareHost, port), timeoutMillis);
            if (secure) {
                SSLSocket ssl = (SSLSocket) tls.sslContext().getSocketFactory()
                        .createSocket(socket, bareHost, port, true);
                SSLParameters parameters = tls.sslParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setApplicationProtocols(new String[] {"http/1.1"});
                ssl.setSSLParameters(parameters);
                socket = ssl;
            }
            socket.setSoTimeout(timeoutMillis); // bounds the TLS handshake and the upgrade
            InputStream in = new BufferedInputStream(socket.getInputStream(), 4096); // small: idle connections keep it
            OutputStream out = socket.getOutputStream();
            byte[] key = new byte[16];
            MASKS.nextBytes(key);
            WebSocketUpgrade.perform(url, origin, key, in, out);
            socket.setSoTimeout(0); // an idle connection is the keep-alive's business, not the socket's
            WebSocketConnection connection = new WebSocketConnection(socket, in, out, events);
            events.onOpen(connection);
            Thread.ofVirtual().name("ws-read " + host).start(connection::readLoop);
            return connection;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    @Override
    public CompletableFuture<Void> sendBinary(byte[] message) {
        return enqueue(frame(OP_BINARY, message), false);
    }

    @Override
    public CompletableFuture<Void> sendClose(int statusCode, String reason) {
        return enqueue(closeFrame(statusCode, reason), true);
    }

    @Override
    public void abort() {
        ended.set(true);
        shutDown(new IOException("aborted"));
    }

    private void readLoop() {
        try {
            boolean midMessage = false; // a binary message's continuation frames are due
            while (true) {
                int first = in.read();
                if (first < 0) {
                    // the server's FIN without a close frame: the end of the connection, reported at once
                    shutDown(new IOException("the server closed the connection"));
                    end(CLOSED_ABNORMALLY, "");
                    return;
                }
                int second = readByte();
                boolean fin = (first & 0x80) != 0;
                int opcode = first & 0x0F;
                if ((first & 0x70) != 0) {
                    throw new ProtocolException("reserved bits set in a frame from the server");
                }
                if ((second & 0x80) != 0) {
                    throw new ProtocolException("masked frame from the server");
                }
                long length = payloadLength(second & 0x7F);
                switch (opcode) {
                    case OP_BINARY, OP_CONTINUATION -> {
                        if (midMessage != (opcode == OP_CONTINUATION)) {
                            throw new ProtocolException(midMessage ? "new message before the last one ended"
                                    : "continuation frame outside a message");
                        }
                        deliver(length);
                        midMessage = !fin;
                    }
                    case OP_TEXT -> throw new ProtocolException("server sent a text WebSocket message");
                    case OP_CLOSE, OP_PING, OP_PONG -> {
                        if (!fin || length > 125) {
                            throw new ProtocolException("fragmented or oversized control frame");
                        }
                        byte[] payload = readFully((int) length);
                        if (opcode == OP_CLOSE) {
                            serverClosed(payload);
                            return;
                        }
                        if (opcode == OP_PING) {
                            enqueue(frame(OP_PONG, payload), false);
                        }
                    }
                    default -> throw new ProtocolException("unknown WebSocket opcode " + opcode);
                }
            }
        } catch (ProtocolException e) {
            // §7.1.7: fail the connection, telling the server why when the socket still takes it
            closeAfter(enqueue(closeFrame(PROTOCOL_ERROR, ""), true));
            report(e);
        } catch (IOException | RuntimeException e) {
            IOException writeError = writeFailure.get();
            report(writeError != null ? writeError : e);
            shutDown(e instanceof IOException io ? io : new IOException(e));
        }
    }

    private long payloadLength(int shortLength) throws IOException {
        if (shortLength == 126) {
            return (readByte() << 8) | readByte();
        }
        if (shortLength == 127) {
            long length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
            if (length < 0) {
                throw new ProtocolException("frame length over 2^63");
            }
            return length;
        }
        return shortLength;
    }

    /** Hands the payload on in pieces as it arrives: nothing is allocated up front for a claimed length. */
    private void deliver(long length) throws IOException {
        long left = length;
        while (left > 0) {
            byte[] piece = readFully((int) Math.min(left, READ_CHUNK));
            left -= piece.length;
            if (ended.get()) {
                return;
            }
            events.onBinary(ByteBuffer.wrap(piece));
        }
    }

    /** §5.5.1: answer the close (unless ours is already out), close the socket once written, report. */
    private void serverClosed(byte[] payload) {
        int status = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : NO_STATUS_CODE;
        String reason = payload.length > 2
                ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        byte[] answer = status == NO_STATUS_CODE ? frame(OP_CLOSE, new byte[0]) : closeFrame(status, "");
        closeAfter(enqueue(answer, true));
        end(status, reason);
    }

    private void closeAfter(CompletableFuture<Void> lastWrite) {
        lastWrite.whenComplete((ok, error) -> shutDown(new IOException("WebSocket closed")));
    }

    private void end(int statusCode, String reason) {
        if (ended.compareAndSet(false, true)) {
            events.onClose(statusCode, reason);
        }
    }

    private void report(Throwable error) {
        if (ended.compareAndSet(false, true)) {
            events.onError(error);
        }
    }

    private CompletableFuture<Void> enqueue(byte[] frame, boolean last) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        synchronized (writeLock) {
            if (outputClosed) {
                return CompletableFuture.failedFuture(new IOException("WebSocket output closed"));
            }
            outputClosed = last;
            outgoing.add(new Outgoing(frame, written));
            if (!writing) {
                writing = true;
                Thread.ofVirtual().name("ws-write").start(this::drain);
            }
        }
        return written;
    }

    private void drain() {
        while (true) {
            Outgoing next;
            synchronized (writeLock) {
                next = outgoing.poll();
                if (next == null) {
                    writing = false;
                    return;
                }
            }
            try {
                out.write(next.frame());
                out.flush();
                next.written().complete(null);
            } catch (IOException e) {
                writeFailure.compareAndSet(null, e);
                next.written().completeExceptionally(e);
                shutDown(e); // wakes the reader, which reports the failure
            }
        }
    }

    /** Closes the socket and fails what was not written; idempotent. */
    private void shutDown(IOException why) {
        ArrayDeque<Outgoing> unsent;
        synchronized (writeLock) {
            outputClosed = true;
            unsent = new ArrayDeque<>(outgoing);
            outgoing.clear();
        }
        closeQuietly(socket);
        for (Outgoing o : unsent) {
            o.written().completeExceptionally(why);
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the server closed the connection inside a WebSocket frame");
        }
        return b;
    }

    private byte[] readFully(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("the server closed the connection inside a WebSocket frame");
        }
        return bytes;
    }

    private static byte[] closeFrame(int statusCode, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (statusCode >> 8);
        payload[1] = (byte) statusCode;
        System.arraycopy(text, 0, payload, 2, text.length);
        return frame(OP_CLOSE, payload);
    }

    /** One final client frame, masked as §5.3 requires, header and payload in one array (one write). */
    static byte[] frame(int opcode, byte[] payload) {
        int length = payload.length;
        int lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
        byte[] frame = new byte[2 + lengthBytes + 4 + length];
        frame[0] = (byte) (0x80 | opcode);
        int at = 2;
        if (lengthBytes == 0) {
            frame[1] = (byte) (0x80 | length);
        } else if (lengthBytes == 2) {
            frame[1] = (byte) (0x80 | 126);
            frame[at++] = (byte) (length >> 8);
            frame[at++] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[at++] = (byte) ((long) length >> shift);
            }
        }
        byte[] mask = new byte[4];
        MASKS.nextBytes(mask);
        System.arraycopy(mask, 0, frame, at, 4);
        at += 4;
        for (int i = 0; i < length; i++) {
            frame[at + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return frame;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private record Outgoing(byte[] frame, CompletableFuture<Void> written) {
    }
}
