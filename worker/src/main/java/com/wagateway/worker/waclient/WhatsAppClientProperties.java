package com.wagateway.worker.waclient;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How the worker's WhatsApp client reaches and talks to the server ({@code application.yml} maps the environment
 * variables onto these; README, "Configuration"). Defaults are WhatsApp's real endpoint and root key and the
 * reference client's timings; an emulator is reached by changing {@code serverUrl} and {@code serverRootKey} only.
 *
 * @param serverUrl              {@code WA_SERVER_URL}: the WebSocket URL
 * @param serverRootKey          {@code WA_SERVER_ROOT_KEY}: base64 of the 32-byte key that must sign the server's
 *                               certificate chain; blank means WhatsApp's own
 * @param webVersion             {@code WA_VERSION}: the announced WhatsApp Web version
 * @param keepAliveInterval      ping interval; nothing heard for this plus 5 s means a dead peer
 * @param qrFirstTimeout         lifetime of the first pairing QR
 * @param qrNextTimeout          lifetime of each following QR
 * @param reconnectInitialDelay  first reconnect delay after a drop (doubling, with jitter)
 * @param reconnectMaxDelay      cap of the reconnect delay
 * @param reconnectMaxAttempts   failed reconnects before the session gives up with {@code error}
 * @param outdatedRetryDelay     retry interval while the server refuses the announced version
 * @param requestTimeout         how long a logout or a pairing-code request waits for the server
 * @param reconnectMultiplier    factor between one reconnect delay and the next (at least 1)
 * @param reconnectJitter        fraction (0..1) of each reconnect delay randomly taken off, so that sessions
 *                               dropped together do not all come back in the same instant
 * @param sendAckTimeout         {@code WA_SEND_ACK_TIMEOUT}: how long a sent message waits for the server's ack
 *                               before it is {@code failed} ("no ack within …"); the client's own ack timeout
 * @param maxSkippedKeys         {@code WA_MAX_SKIPPED_KEYS}: message keys a Signal chain keeps for messages that
 *                               have not arrived yet (out of order), per chain; a message further ahead is refused
 */
@ConfigurationProperties("worker.whatsapp")
public record WhatsAppClientProperties(String serverUrl, String serverRootKey, String webVersion,
                                       Duration keepAliveInterval, Duration qrFirstTimeout, Duration qrNextTimeout,
                                       Duration reconnectInitialDelay, Duration reconnectMaxDelay,
                                       Integer reconnectMaxAttempts, Duration outdatedRetryDelay,
                                       Duration requestTimeout, Double reconnectMultiplier,
                                       Double reconnectJitter, Duration sendAckTimeout, Integer maxSkippedKeys) {

    public static final String DEFAULT_SERVER_URL = "wss://web.whatsapp.com/ws/chat";
    /** The default: 2,000 skipped message keys per chain (libsignal-node keeps the same order of magnitude). */
    public static final int DEFAULT_MAX_SKIPPED_KEYS = 2_000;

    @ConstructorBinding
    public WhatsAppClientProperties {
        serverUrl = blank(serverUrl) ? DEFAULT_SERVER_URL : serverUrl.strip();
        webVersion = blank(webVersion) ? "2.3000.1043857760" : webVersion.strip();
        keepAliveInterval = orDefault(keepAliveInterval, Duration.ofSeconds(30));
        qrFirstTimeout = orDefault(qrFirstTimeout, Duration.ofSeconds(60));
        qrNextTimeout = orDefault(qrNextTimeout, Duration.ofSeconds(20));
        reconnectInitialDelay = orDefault(reconnectInitialDelay, Duration.ofSeconds(1));
        reconnectMaxDelay = orDefault(reconnectMaxDelay, Duration.ofMinutes(1));
        reconnectMaxAttempts = reconnectMaxAttempts == null ? 10 : reconnectMaxAttempts;
        outdatedRetryDelay = orDefault(outdatedRetryDelay, Duration.ofMinutes(10));
        requestTimeout = orDefault(requestTimeout, Duration.ofSeconds(20));
        reconnectMultiplier = reconnectMultiplier == null ? 2.0 : reconnectMultiplier;
        reconnectJitter = reconnectJitter == null ? 0.2 : reconnectJitter;
        sendAckTimeout = orDefault(sendAckTimeout, Duration.ofSeconds(20));
        maxSkippedKeys = maxSkippedKeys == null ? DEFAULT_MAX_SKIPPED_KEYS : maxSkippedKeys;
    }

    /** The settings before the skipped-key bound existed (it then takes its default). */
    public WhatsAppClientProperties(String serverUrl, String serverRootKey, String webVersion,
                                    Duration keepAliveInterval, Duration qrFirstTimeout, Duration qrNextTimeout,
                                    Duration reconnectInitialDelay, Duration reconnectMaxDelay,
                                    Integer reconnectMaxAttempts, Duration outdatedRetryDelay,
                                    Duration requestTimeout, Double reconnectMultiplier, Double reconnectJitter,
                                    Duration sendAckTimeout) {
        this(serverUrl, serverRootKey, webVersion, keepAliveInterval, qrFirstTimeout, qrNextTimeout,
                reconnectInitialDelay, reconnectMaxDelay, reconnectMaxAttempts, outdatedRetryDelay, requestTimeout,
                reconnectMultiplier, reconnectJitter, sendAckTimeout, null);
    }

    /** The settings before the send ack timeout existed (it then takes its default). */
    public WhatsAppClientProperties(String serverUrl, String serverRootKey, String webVersion,
                                    Duration keepAliveInterval, Duration qrFirstTimeout, Duration qrNextTimeout,
                                    Duration reconnectInitialDelay, Duration reconnectMaxDelay,
                                    Integer reconnectMaxAttempts, Duration outdatedRetryDelay,
                                    Duration requestTimeout, Double reconnectMultiplier, Double reconnectJitter) {
        this(serverUrl, serverRootKey, webVersion, keepAliveInterval, qrFirstTimeout, qrNextTimeout,
                reconnectInitialDelay, reconnectMaxDelay, reconnectMaxAttempts, outdatedRetryDelay, requestTimeout,
                reconnectMultiplier, reconnectJitter, null, null);
    }

    /** Every default: WhatsApp's server, the reference client's timings. */
    public static WhatsAppClientProperties defaults() {
        return new WhatsAppClientProperties(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Duration orDefault(Duration d, Duration fallback) {
        return d == null ? fallback : d;
    }
}
