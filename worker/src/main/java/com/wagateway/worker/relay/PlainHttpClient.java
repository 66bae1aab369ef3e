package com.wagateway.worker.relay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A small blocking HTTP/1.1 client for plain {@code http://} Backends: one keep-alive socket per concurrent caller
 * (pooled), the request written in one go, the answer read on the calling (virtual) thread. It exists for speed:
 * the JDK {@code HttpClient} hands every exchange through its selector thread and a chain of futures, which on
 * 2 cores caps it at ~2,000–3,000 calls/s; this does the same calls at ~15,000–20,000/s (docs/performance.md).
 * {@code https://} stays on the JDK client. POST only, no redirects, no proxies, no {@code Expect: 100-continue}.
 * A pooled connection the Backend closed meanwhile (idle timeout) fails before any answer byte arrives: the call is
 * then made once more on a fresh connection (at most a duplicate, which the event id covers).
 */
final class PlainHttpClient implements AutoCloseable {

    /** What the Backend answered; {@code body} is its start (at most {@link #BODY_KEEP} bytes). */
    record Response(int status, byte[] body, String retryAfter) {}

    static final int BODY_KEEP = 64 * 1024;
    /** Idle connections older than this are not reused (servers commonly close after 30–60 s idle). */
    private static final long MAX_IDLE_NANOS = Duration.ofSeconds(20).toNanos();

    private final String host;
    private final int port;
    private final String hostHeader;
    private final String basePath;
    private final int timeoutMillis;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Map<String, String> targets = new ConcurrentHashMap<>();
    private volatile boolean closed;

    PlainHttpClient(URI base, Duration timeout) {
        if (!"http".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("not a plain http URL with a host: " + base);
        }
        String h = base.getHost();
        this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.hostHeader = base.getPort() < 0 ? h : h + ":" + base.getPort();
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /**
     * POSTs {@code body} to the base URL's path + {@code path}.
     *
     * @param headers name/value pairs; Host, Content-Length and Connection are set here
     * @throws InterruptedException when the calling thread was interrupted during the call (the socket is closed)
     */
    Response post(String path, List<Map.Entry<String, String>> headers, byte[] body)
            throws IOException, InterruptedException {
        byte[] head = head(path, headers, body.length);
        Connection c = pooled();
        if (c != null) {
            try {
                return exchange(c, head, body);
            } catch (StaleConnection e) {
                // closed by the Backend while idle: nothing was answered, go again on a fresh connection
            }
        }
        try {
            return exchange(open(), head, body);
        } catch (StaleConnection e) {
            throw (IOException) e.getCause();
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }

    private Response exchange(Connection c, byte[] head, byte[] body)
            throws IOException, InterruptedException, StaleConnection {
        boolean answered = false;
        try {
            c.out.write(head);
            c.out.write(body);
            c.out.flush();
            Response response;
            Parsed p;
            do {
                p = readHead(c.in, c.reused);
                answered = true;
                // a 1xx interim answer (we never ask for one) is followed by the real one
            } while (p.status >= 100 && p.status < 200 && p.status != 101);
            byte[] answer = readBody(c.in, p);
            response = new Response(p.status, answer, p.retryAfter);
            if (p.keepAlive && !closed) {
                c.lastUsed = System.nanoTime();
                c.reused = true;
                idle.offerFirst(c);
            } else {
                c.close();
            }
            return response;
        } catch (StaleConnection e) {
            c.close();
            interrupted();
            throw e;
        } catch (IOException | RuntimeException e) {
            c.close();
            interrupted();
            if (!answered && c.reused && !(e instanceof java.net.SocketTimeoutException)) {
                throw new StaleConnection(e);
            }
            throw e;
        }
    }

    /** A virtual thread interrupted in a socket call gets an IOException (socket closed) with the flag set. */
    private static void interrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted during the webhook call");
        }
    }

    private Connection pooled() {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            if (System.nanoTime() - c.lastUsed < MAX_IDLE_NANOS) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private Connection open() throws IOException, InterruptedException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            return new Connection(s);
        } catch (IOException | RuntimeException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            interrupted();
            throw e;
        }
    }

    private byte[] head(String path, List<Map.Entry<String, String>> headers, int length) {
        String target = targets.computeIfAbsent(path, p -> {
            String t = basePath + p;
            URI.create("http://" + hostHeader + t); // rejects what is not a valid request target
            return t;
        });
        StringBuilder b = new StringBuilder(256).append("POST ").append(target).append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader).append("\r\n");
        for (Map.Entry<String, String> h : headers) {
            b.append(token(h.getKey())).append(": ").append(value(h.getValue())).append("\r\n");
        }
        b.append("Content-Length: ").append(length).append("\r\n\r\n");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String token(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch <= ' ' || ch >= 127 || ch == ':') {
                throw new IllegalArgumentException("invalid header name: " + name);
            }
        }
        return name;
    }

    private static String value(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if ((ch < ' ' && ch != '\t') || ch >= 127) {
                throw new IllegalArgumentException("invalid header value (control or non-ASCII character)");
            }
        }
        return value;
    }

    private record Parsed(int status, long contentLength, boolean chunked, boolean keepAlive, String retryAfter) {}

    private Parsed readHead(InputStream in, boolean reused) throws IOException, StaleConnection {
        String statusLine = line(in, reused);
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x answer: " + statusLine);
        }
        boolean http11 = statusLine.charAt(7) != '0';
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + statusLine);
        }
        long length = -1;
        boolean chunked = false;
        Boolean keepAlive = null;
        String retryAfter = null;
        for (String h = line(in, false); !h.isEmpty(); h = line(in, false)) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String v = h.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> {
                    try {
                        length = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new IOException("bad Content-Length: " + v);
                    }
                }
                case "transfer-encoding" -> chunked = v.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> {
                    String l = v.toLowerCase(Locale.ROOT);
                    if (l.contains("close")) {
                        keepAlive = false;
                    } else if (l.contains("keep-alive") && keepAlive == null) {
                        keepAlive = true;
                    }
                }
                case "retry-after" -> retryAfter = v;
                default -> { }
            }
        }
        boolean noBody = status == 204 || status == 304 || (status >= 100 && status < 200);
        boolean keep = (keepAlive == null ? http11 : keepAlive) && (noBody || chunked || length >= 0);
        return new Parsed(status, noBody ? 0 : length, !noBody && chunked, keep, retryAfter);
    }

    private static byte[] readBody(InputStream in, Parsed p) throws IOException {
        ByteArrayOutputStream keep = new ByteArrayOutputStream(p.contentLength > 0 && p.contentLength < 1024
                ? (int) p.contentLength : 128);
        if (p.chunked) {
            while (true) {
                String size = line(in);
                int semi = size.indexOf(';');
                long n;
                try {
                    n = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: " + size);
                }
                if (n == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers: ignored
                    }
                    break;
                }
                copy(in, n, keep);
                line(in); // CRLF after the chunk
            }
        } else if (p.contentLength >= 0) {
            copy(in, p.contentLength, keep);
        } else {
            copy(in, Long.MAX_VALUE, keep); // until the Backend closes (not kept alive)
        }
        return keep.toByteArray();
    }

    private static void copy(InputStream in, long n, ByteArrayOutputStream keep) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("answer body cut short");
            }
            int room = BODY_KEEP - keep.size();
            if (room > 0) {
                keep.write(buf, 0, Math.min(r, room));
            }
            left -= r;
        }
    }

    private static String line(InputStream in) throws IOException {
        try {
            return line(in, false);
        } catch (StaleConnection e) {
            throw new IllegalStateException(e); // not thrown when not first
        }
    }

    /** One header line without its CRLF; {@code first}: an immediate EOF means a stale pooled connection. */
    private static String line(InputStream in, boolean first) throws IOException, StaleConnection {
        StringBuilder b = new StringBuilder(64);
        while (true) {
            int ch = in.read();
            if (ch < 0) {
                EOFException eof = new EOFException("connection closed by the Backend");
                if (first && b.isEmpty()) {
                    throw new StaleConnection(eof);
                }
                throw eof;
            }
            if (ch == '\n') {
                int len = b.length();
                if (len > 0 && b.charAt(len - 1) == '\r') {
                    b.setLength(len - 1);
                }
                return b.toString();
            }
            if (b.length() > 16 * 1024) {
                throw new IOException("answer header line too long");
            }
            b.append((char) ch);
        }
    }

    /** A reused connection failed before any answer byte: safe to make the call again on a fresh one. */
    private static final class StaleConnection extends Exception {
        StaleConnection(Throwable cause) {
            super(null, cause, false, false);
        }
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        volatile long lastUsed = System.nanoTime();
        volatile boolean reused;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
