package com.wagateway.whatsapp.transport;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The HTTP/1.1 opening handshake of RFC 6455 §4.1, client side, on an already connected socket. */
final class WebSocketUpgrade {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** A refusal or a 101 is a few hundred bytes; more is not an HTTP server we can talk to. */
    private static final int MAX_RESPONSE_HEAD = 16 * 1024;

    private WebSocketUpgrade() {
    }

    /**
     * Sends the upgrade request and reads the response head, leaving {@code in} at the first byte after it
     * (a server may send its first frame in the same segment).
     *
     * @param key sixteen random bytes (§4.1: a fresh nonce per connection)
     * @throws WebSocketHandshakeException the server answered, but not with a valid 101
     */
    static void perform(URI url, String origin, byte[] key, InputStream in, OutputStream out) throws IOException {
        String encodedKey = Base64.getEncoder().encodeToString(key);
        out.write(request(url, origin, encodedKey).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String[] lines = readHead(in).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new ProtocolException("not an HTTP response to the WebSocket upgrade");
        }
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad HTTP status in the WebSocket upgrade response");
        }
        HttpHeaders headers = headers(lines);
        UpgradeResponse response = new UpgradeResponse(code, headers, url);
        if (code != 101) {
            throw new WebSocketHandshakeException(response);
        }
        boolean upgraded = headers.firstValue("Upgrade").filter(v -> v.equalsIgnoreCase("websocket")).isPresent()
                && headers.allValues("Connection").stream()
                        .flatMap(v -> List.of(v.split(",")).stream())
                        .anyMatch(v -> v.trim().equalsIgnoreCase("upgrade"));
        boolean accepted = headers.firstValue("Sec-WebSocket-Accept").filter(expectedAccept(encodedKey)::equals)
                .isPresent();
        if (!upgraded || !accepted) {
            throw (WebSocketHandshakeException) new WebSocketHandshakeException(response).initCause(
                    new ProtocolException(upgraded ? "wrong Sec-WebSocket-Accept" : "101 without a WebSocket upgrade"));
        }
    }

    static String request(URI url, String origin, String encodedKey) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        boolean tls = "wss".equalsIgnoreCase(url.getScheme());
        boolean defaultPort = url.getPort() == -1 || url.getPort() == (tls ? 443 : 80);
        String host = url.getHost() + (defaultPort ? "" : ":" + url.getPort());
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + encodedKey + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Origin: " + origin + "\r\n"
                + "\r\n";
    }

    static String expectedAccept(String encodedKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((encodedKey + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }

    /** Up to and without the blank line; byte by byte so nothing after it is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0; // of "\r\n\r\n"
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection during the WebSocket upgrade");
            }
            if (head.size() >= MAX_RESPONSE_HEAD) {
                throw new ProtocolException("WebSocket upgrade response head over " + MAX_RESPONSE_HEAD + " bytes");
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static HttpHeaders headers(String[] lines) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                map.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }
}
