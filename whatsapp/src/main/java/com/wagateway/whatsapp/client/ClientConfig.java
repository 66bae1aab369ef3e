package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.media.MediaSettings;
import com.wagateway.whatsapp.noise.TrustRoot;
import com.wagateway.whatsapp.signal.SessionCipher;
import com.wagateway.whatsapp.transport.ClientOptions;
import com.wagateway.whatsapp.transport.FrameEncoder;
import java.net.URI;
import java.time.Duration;

/**
 * Settings of a {@link WhatsAppClient}. Defaults are the reference client's (Baileys 7.0.0-rc14) values and
 * WhatsApp's real endpoint and root key; an emulator is reached by changing {@code serverUrl} and
 * {@code trustRoot} only.
 *
 * @param serverUrl          WebSocket URL
 * @param trustRoot          key that must sign the server's certificate chain
 * @param version            announced WhatsApp Web version
 * @param browser            announced OS and browser
 * @param pushName           display name announced after login, or null
 * @param handshakeTimeout   socket open to the end of the Noise handshake
 * @param keepAliveInterval  ping interval (§8.3: 30 s); nothing received for interval + 5 s means a dead peer
 * @param firstQrTimeout     lifetime of the first pairing ref (§6: 60 s)
 * @param nextQrTimeout      lifetime of each following ref (§6: 20 s)
 * @param iqTimeout          how long an IQ waits for its answer
 * @param initialPreKeys     one-time prekeys uploaded when the server holds none (§8.1: 812)
 * @param reconnect          backoff and give-up for dropped connections
 * @param maxFrameLength     largest frame accepted from the server
 * @param messageAckTimeout  how long a sent message waits for the server's ack before it fails
 * @param maxSkippedKeys     Signal message keys skipped in one chain (and kept in one session record) at most
 * @param retryCacheMessages sent messages kept for answering retry receipts, at most this many…
 * @param retryCacheBytes    …and at most this many bytes of serialized messages, whichever bound comes first
 * @param media              media host trust and timeouts (uploads, downloads, media retry)
 * @param inboundKeepTimeout how long a received message waits for the application to keep it
 *                           ({@link SessionListener#messageReceived}'s stage) before it is left unacked for the server
 *                           to deliver again on the next login. It bounds the application's whole stage, which for a
 *                           media message may include downloading the media, so it is longer than
 *                           {@code messageAckTimeout}: an application that downloads before it keeps sets it to its
 *                           download deadline plus a margin
 */
public record ClientConfig(URI serverUrl, TrustRoot trustRoot, AppVersion version, Browser browser, String pushName,
                           Duration handshakeTimeout, Duration keepAliveInterval, Duration firstQrTimeout,
                           Duration nextQrTimeout, Duration iqTimeout, int initialPreKeys, ReconnectPolicy reconnect,
                           int maxFrameLength, Duration messageAckTimeout, int maxSkippedKeys,
                           int retryCacheMessages, int retryCacheBytes, MediaSettings media,
                           Duration inboundKeepTimeout) {

    /** Default for {@link #messageAckTimeout}: the server acks within milliseconds; 20 s means it never will. */
    public static final Duration DEFAULT_MESSAGE_ACK_TIMEOUT = Duration.ofSeconds(20);
    /** Default for {@link #maxSkippedKeys}: libsignal-node's bound. */
    public static final int DEFAULT_MAX_SKIPPED_KEYS = SessionCipher.DEFAULT_MAX_SKIPPED_KEYS;
    /**
     * Defaults for the retry cache: retry receipts come within seconds of a send, so a few hundred messages cover
     * a busy session, and 256 KiB bounds what a session with long texts holds (thousands share one heap).
     */
    public static final int DEFAULT_RETRY_CACHE_MESSAGES = 500;
    public static final int DEFAULT_RETRY_CACHE_BYTES = 256 * 1024;
    /**
     * Default for {@link #inboundKeepTimeout} (never below {@code messageAckTimeout}): five minutes covers a download
     * at the default {@link MediaSettings} (a two-minute request, the 30 s media retry, a second two-minute request).
     */
    public static final Duration DEFAULT_INBOUND_KEEP_TIMEOUT = Duration.ofMinutes(5);

    /** The settings without {@code messageAckTimeout} (source compatibility): it gets its default. */
    public ClientConfig(URI serverUrl, TrustRoot trustRoot, AppVersion version, Browser browser, String pushName,
                        Duration handshakeTimeout, Duration keepAliveInterval, Duration firstQrTimeout,
                        Duration nextQrTimeout, Duration iqTimeout, int initialPreKeys, ReconnectPolicy reconnect,
                        int maxFrameLength) {
        this(serverUrl, trustRoot, version, browser, pushName, handshakeTimeout, keepAliveInterval, firstQrTimeout,
                nextQrTimeout, iqTimeout, initialPreKeys, reconnect, maxFrameLength, DEFAULT_MESSAGE_ACK_TIMEOUT);
    }

    /** The settings without the Signal and retry-cache bounds (source compatibility): they get their defaults. */
    public ClientConfig(URI serverUrl, TrustRoot trustRoot, AppVersion version, Browser browser, String pushName,
                        Duration handshakeTimeout, Duration keepAliveInterval, Duration firstQrTimeout,
                        Duration nextQrTimeout, Duration iqTimeout, int initialPreKeys, ReconnectPolicy reconnect,
                        int maxFrameLength, Duration messageAckTimeout) {
        this(serverUrl, trustRoot, version, browser, pushName, handshakeTimeout, keepAliveInterval, firstQrTimeout,
                nextQrTimeout, iqTimeout, initialPreKeys, reconnect, maxFrameLength, messageAckTimeout,
                DEFAULT_MAX_SKIPPED_KEYS, DEFAULT_RETRY_CACHE_MESSAGES, DEFAULT_RETRY_CACHE_BYTES);
    }

    /** The settings without {@code media} (source compatibility): the JDK's default trust and default timeouts. */
    public ClientConfig(URI serverUrl, TrustRoot trustRoot, AppVersion version, Browser browser, String pushName,
                        Duration handshakeTimeout, Duration keepAliveInterval, Duration firstQrTimeout,
                        Duration nextQrTimeout, Duration iqTimeout, int initialPreKeys, ReconnectPolicy reconnect,
                        int maxFrameLength, Duration messageAckTimeout, int maxSkippedKeys, int retryCacheMessages,
                        int retryCacheBytes) {
        this(serverUrl, trustRoot, version, browser, pushName, handshakeTimeout, keepAliveInterval, firstQrTimeout,
                nextQrTimeout, iqTimeout, initialPreKeys, reconnect, maxFrameLength, messageAckTimeout,
                maxSkippedKeys, retryCacheMessages, retryCacheBytes, MediaSettings.defaults());
    }

    /** The settings without {@code inboundKeepTimeout} (source compatibility): see {@link #defaultKeepTimeout}. */
    public ClientConfig(URI serverUrl, TrustRoot trustRoot, AppVersion version, Browser browser, String pushName,
                        Duration handshakeTimeout, Duration keepAliveInterval, Duration firstQrTimeout,
                        Duration nextQrTimeout, Duration iqTimeout, int initialPreKeys, ReconnectPolicy reconnect,
                        int maxFrameLength, Duration messageAckTimeout, int maxSkippedKeys, int retryCacheMessages,
                        int retryCacheBytes, MediaSettings media) {
        this(serverUrl, trustRoot, version, browser, pushName, handshakeTimeout, keepAliveInterval, firstQrTimeout,
                nextQrTimeout, iqTimeout, initialPreKeys, reconnect, maxFrameLength, messageAckTimeout,
                maxSkippedKeys, retryCacheMessages, retryCacheBytes, media, defaultKeepTimeout(messageAckTimeout));
    }

    /** {@link #DEFAULT_INBOUND_KEEP_TIMEOUT}, or {@code messageAckTimeout} when that is longer. */
    public static Duration defaultKeepTimeout(Duration messageAckTimeout) {
        return messageAckTimeout != null && messageAckTimeout.compareTo(DEFAULT_INBOUND_KEEP_TIMEOUT) > 0
                ? messageAckTimeout : DEFAULT_INBOUND_KEEP_TIMEOUT;
    }

    public ClientConfig {
        java.util.Objects.requireNonNull(media, "media");
        java.util.Objects.requireNonNull(serverUrl, "serverUrl");
        java.util.Objects.requireNonNull(trustRoot, "trustRoot");
        java.util.Objects.requireNonNull(version, "version");
        java.util.Objects.requireNonNull(browser, "browser");
        java.util.Objects.requireNonNull(reconnect, "reconnect");
        for (Duration d : new Duration[] {handshakeTimeout, keepAliveInterval, firstQrTimeout, nextQrTimeout,
                iqTimeout, messageAckTimeout, inboundKeepTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("client timeouts and intervals must be positive");
            }
        }
        if (initialPreKeys < 1 || initialPreKeys > 0xFFFF || maxFrameLength < 1) {
            throw new IllegalArgumentException("initialPreKeys must be 1..65535 and maxFrameLength positive");
        }
        if (maxSkippedKeys < 1 || retryCacheMessages < 0 || retryCacheBytes < 0) {
            throw new IllegalArgumentException("maxSkippedKeys must be positive and the retry cache bounds >= 0");
        }
    }

    public static ClientConfig defaults() {
        return new ClientConfig(ClientOptions.DEFAULT_URL, TrustRoot.WHATSAPP, AppVersion.DEFAULT, Browser.DEFAULT,
                null, Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(20),
                Duration.ofSeconds(60), 812, ReconnectPolicy.DEFAULT, FrameEncoder.MAX_FRAME_LENGTH,
                DEFAULT_MESSAGE_ACK_TIMEOUT);
    }

    public ClientConfig withServer(URI url, TrustRoot root) {
        return new ClientConfig(url, root, version, browser, pushName, handshakeTimeout, keepAliveInterval,
                firstQrTimeout, nextQrTimeout, iqTimeout, initialPreKeys, reconnect,
                maxFrameLength, messageAckTimeout, maxSkippedKeys, retryCacheMessages, retryCacheBytes, media,
                inboundKeepTimeout);
    }

    public ClientConfig withVersion(AppVersion newVersion) {
        return new ClientConfig(serverUrl, trustRoot, newVersion, browser, pushName, handshakeTimeout,
                keepAliveInterval, firstQrTimeout, nextQrTimeout, iqTimeout, initialPreKeys, reconnect,
                maxFrameLength, messageAckTimeout, maxSkippedKeys, retryCacheMessages, retryCacheBytes, media,
                inboundKeepTimeout);
    }

    public ClientConfig withBrowser(Browser newBrowser) {
        return new ClientConfig(serverUrl, trustRoot, version, newBrowser, pushName, handshakeTimeout,
                keepAliveInterval, firstQrTimeout, nextQrTimeout, iqTimeout, initialPreKeys, reconnect,
                maxFrameLength, messageAckTimeout, maxSkippedKeys, retryCacheMessages, retryCacheBytes, media,
                inboundKeepTimeout);
    }

    public ClientConfig withPushName(String newPushName) {
        return new ClientConfig(serverUrl, trustRoot, version, browser, newPushName, handshakeTimeout,
                keepAliveInterval, firstQrTimeout, nextQrTimeout, iqTimeout, initialPreKeys, reconnect,
                maxFrameLength, messageAckTimeout, maxSkippedKeys, retryCacheMessages, retryCacheBytes, media,
                inboundKeepTimeout);
    }

    public ClientConfig withReconnect(ReconnectPolicy newPolicy) {
        return new ClientConfig(serverUrl, trustRoot, version, browser, pushName, handshakeTimeout,
                keepAliveInterval, firstQrTimeout, nextQrTimeout, iqTimeout, initialPreKeys, newPolicy,
                maxFrameLength, messageAckTimeout, maxSkippedKeys, retryCacheMessages, retryCacheBytes, media,
                inboundKeepTimeout);
    }

    /** Handshake, keep-alive, QR ref lifetimes and IQ timeout together (tests and tuning). */
    public ClientConfig withTimings(Duration newHandshakeTimeout, Duration newKeepAliveInterval,
                                    Duration newFirstQrTimeout, Duration newNextQrTimeout, Duration newIqTimeout) {
        return new ClientConfig(serverUrl, trustRoot, version, browser, pushName, newHandshakeTimeout,
                newKeepAliveInterval, newFirstQrTimeout, newNextQrTimeout, newIqTimeout, initialPreKeys, reconnect,
                maxFrameLength, messageAckTimeout, maxSkippedKeys, retryCacheMessages, retryCacheBytes, media,
                inboundKeepTimeout);
    }

    public ClientConfig withMessageAckTimeout(Duration newTimeout) {
        return new ClientConfig(serverUrl, trustRoot, version, browser, pushName, handshakeTimeout, keepAliveInterval,
                firstQrTimeout, nextQrTimeout, iqTimeout, initialPreKeys, reconnect, maxFrameLength, newTimeout,
                maxSkippedKeys, retryCacheMessages, retryCacheBytes, media, inboundKeepTimeout);
    }

    /** Signal's skipped-key bound (per chain and per session record); the worker's {@code WA_MAX_SKIPPED_KEYS}. */
    public ClientConfig withMaxSkippedKeys(int newMaxSkippedKeys) {
        return new ClientConfig(serverUrl, trustRoot, version, browser, pushName, handshakeTimeout, keepAliveInterval,
                firstQrTimeout, nextQrTimeout, iqTimeout, initialPreKeys, reconnect, maxFrameLength, messageAckTimeout,
                newMaxSkippedKeys, retryCacheMessages, retryCacheBytes, media, inboundKeepTimeout);
    }

    /** Sent messages kept for retry receipts: at most {@code messages} and at most {@code bytes}. */
    public ClientConfig withRetryCache(int messages, int bytes) {
        return new ClientConfig(serverUrl, trustRoot, version, browser, pushName, handshakeTimeout, keepAliveInterval,
                firstQrTimeout, nextQrTimeout, iqTimeout, initialPreKeys, reconnect, maxFrameLength, messageAckTimeout,
                maxSkippedKeys, messages, bytes, media, inboundKeepTimeout);
    }

    /** Media host trust and timeouts; the worker's {@code WA_MEDIA_TRUST_CERT} builds the SSLContext. */
    public ClientConfig withMedia(MediaSettings newMedia) {
        return new ClientConfig(serverUrl, trustRoot, version, browser, pushName, handshakeTimeout, keepAliveInterval,
                firstQrTimeout, nextQrTimeout, iqTimeout, initialPreKeys, reconnect, maxFrameLength, messageAckTimeout,
                maxSkippedKeys, retryCacheMessages, retryCacheBytes, newMedia, inboundKeepTimeout);
    }

    /**
     * How long a received message waits for the application's stage before it is left unacked (the worker: its
     * media download deadline plus a margin). Independent of {@link #withMessageAckTimeout}.
     */
    public ClientConfig withInboundKeepTimeout(Duration newTimeout) {
        return new ClientConfig(serverUrl, trustRoot, version, browser, pushName, handshakeTimeout, keepAliveInterval,
                firstQrTimeout, nextQrTimeout, iqTimeout, initialPreKeys, reconnect, maxFrameLength, messageAckTimeout,
                maxSkippedKeys, retryCacheMessages, retryCacheBytes, media, newTimeout);
    }
}
