package com.wagateway.whatsapp.transport;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket server on 127.0.0.1 written on a plain {@link ServerSocket}, so a test decides exactly what
 * reaches the TCP connection: frames (also ones a library server would never send), a FIN with or without
 * a close frame before it, a half-close, or a reset. Each accepted connection is handed to the test as a
 * {@link Peer}; client frames arrive unmasked on {@link Peer#received}.
 */
final class RawWebSocketServer implements AutoCloseable {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket listening;
    private final BlockingQueue<Peer> accepted = new LinkedBlockingQueue<>();
    private volatile int refuseWithStatus;

    private final boolean secure;

    RawWebSocketServer() throws IOException {
        this(null, InetAddress.getLoopbackAddress());
    }

    /** A {@code wss} server when {@code tls} is given (its key manager holds the server certificate). */
    RawWebSocketServer(javax.net.ssl.SSLContext tls, InetAddress loopback) throws IOException {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException("tests listen on loopback only: " + loopback);
        }
        secure = tls != null;
        listening = secure ? tls.getServerSocketFactory().createServerSocket(0, 50, loopback)
                : new ServerSocket(0, 50, loopback);
        Thread.ofPlatform().daemon().name("raw-ws-accept").start(this::acceptLoop);
    }

    URI uri() {
        return uri("127.0.0.1");
    }

    /** The chat URL with this host name (it must resolve to the address the server listens on). */
    URI uri(String host) {
        return URI.create((secure ? "wss://" : "ws://") + host + ":" + listening.getLocalPort() + "/ws/chat");
    }

    /** Answers the next upgrades with this HTTP status instead of 101 (0: accept again). */
    void refuseWith(int status) {
        refuseWithStatus = status;
    }

    Peer nextPeer() throws InterruptedException {
        Peer peer = accepted.poll(10, TimeUnit.SECONDS);
        if (peer == null) {
            throw new AssertionError("no WebSocket connection within 10 s");
        }
        return peer;
    }

    @Override
    public void close() throws IOException {
        listening.close();
    }

    private void acceptLoop() {
        while (!listening.isClosed()) {
            try {
                Socket socket = listening.accept();
                socket.setTcpNoDelay(true);
                Thread.ofPlatform().daemon().name("raw-ws-peer").start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            String request = readHead(in);
            String key = null;
            String origin = null;
            for (String line : request.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                } else if (lower.startsWith("origin:")) {
                    origin = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            OutputStream out = socket.getOutputStream();
            int refuse = refuseWithStatus;
            if (refuse != 0) {
                out.write(("HTTP/1.1 " + refuse + " Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                socket.close();
                return;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Peer peer = new Peer(socket, request.split("\r\n")[0], origin);
            accepted.add(peer);
            peer.readFrames(in);
        } catch (IOException e) {
            // the test dropped or reset this connection
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("client left during the upgrade");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One frame from the client, unmasked. */
    record ClientFrame(int opcode, boolean fin, byte[] payload) {
    }

    /** The server end of one accepted WebSocket. */
    static final class Peer {
        final Socket socket;
        final String requestLine;
        final String origin;
        final BlockingQueue<ClientFrame> received = new LinkedBlockingQueue<>();

        Peer(Socket socket, String requestLine, String origin) {
            this.socket = socket;
            this.requestLine = requestLine;
            this.origin = origin;
        }

        synchronized void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
            sendRaw(header(opcode, fin, payload.length, false), payload);
        }

        void sendBinary(byte[] payload) throws IOException {
            sendFrame(0x2, true, payload);
        }

        synchronized void sendRaw(byte[]... parts) throws IOException {
            OutputStream out = socket.getOutputStream();
            for (byte[] part : parts) {
                out.write(part);
            }
            out.flush();
        }

        void sendClose(int status) throws IOException {
            sendFrame(0x8, true, new byte[] {(byte) (status >> 8), (byte) status});
        }

        /** FIN only: the client can still send, as Java-WebSocket's half-close before it closes. */
        void halfClose() throws IOException {
            socket.shutdownOutput();
        }

        /** FIN and gone, without a close frame (Jetty's {@code Session.disconnect()}). */
        void drop() throws IOException {
            socket.close();
        }

        /** RST instead of FIN. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        ClientFrame nextFrame() throws InterruptedException {
            ClientFrame frame = received.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame from the client within 10 s");
            }
            return frame;
        }

        static byte[] header(int opcode, boolean fin, long length, boolean masked) {
            ByteBuffer h = ByteBuffer.allocate(14);
            h.put((byte) ((fin ? 0x80 : 0) | opcode));
            int mask = masked ? 0x80 : 0;
            if (length < 126) {
                h.put((byte) (mask | length));
            } else if (length <= 0xFFFF) {
                h.put((byte) (mask | 126)).putShort((short) length);
            } else {
                h.put((byte) (mask | 127)).putLong(length);
            }
            if (masked) {
                h.putInt(0);
            }
            byte[] out = new byte[h.position()];
            h.flip().get(out);
            return out;
        }

        private void readFrames(InputStream in) throws IOException {
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return;
                }
                int b1 = readByte(in);
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = (readByte(in) << 8) | readByte(in);
                } else if (length == 127) {
                    length = ByteBuffer.wrap(in.readNBytes(8)).getLong();
                }
                byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
                byte[] payload = in.readNBytes((int) length);
                if (payload.length != length) {
                    return;
                }
                if (mask != null) {
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i & 3];
                    }
                }
                received.add(new ClientFrame(b0 & 0x0F, (b0 & 0x80) != 0, payload));
                if (mask == null) {
                    received.add(new ClientFrame(-1, true, new byte[0])); // marks an unmasked client frame
                }
            }
        }

        private static int readByte(InputStream in) throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            return b;
        }
    }
}
