package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.AppVersion;
import com.wagateway.whatsapp.client.ClientConfig;
import com.wagateway.whatsapp.client.ReconnectPolicy;
import com.wagateway.whatsapp.media.MediaSettings;
import com.wagateway.whatsapp.media.MediaTrust;
import com.wagateway.whatsapp.noise.TrustRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;

/**
 * Turns {@link WhatsAppClientProperties} into the client's {@link ClientConfig}, refusing at start-up what cannot
 * work: each message names the variable to fix and never echoes a key.
 */
public final class ClientSettings {

    private ClientSettings() {}

    /** @throws IllegalStateException naming the setting when one is invalid */
    public static ClientConfig toConfig(WhatsAppClientProperties p) {
        URI url = serverUrl(p.serverUrl());
        TrustRoot root = trustRoot(p.serverRootKey());
        AppVersion version;
        try {
            version = AppVersion.parse(p.webVersion());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("WA_VERSION is not a WhatsApp Web version like 2.3000.1043857760: "
                    + p.webVersion());
        }
        positive("WA_KEEPALIVE_INTERVAL", p.keepAliveInterval());
        positive("WA_QR_FIRST_TIMEOUT", p.qrFirstTimeout());
        positive("WA_QR_NEXT_TIMEOUT", p.qrNextTimeout());
        positive("WA_REQUEST_TIMEOUT", p.requestTimeout());
        positive("WA_SEND_ACK_TIMEOUT", p.sendAckTimeout());
        int maxSkippedKeys = maxSkippedKeys(p.maxSkippedKeys());
        // Checked here, not only by ReconnectPolicy, so that the message names the one variable to fix.
        if (!(p.reconnectMultiplier() >= 1.0) || p.reconnectMultiplier().isInfinite()) {
            throw new IllegalStateException("WA_RECONNECT_MULTIPLIER must be a number of at least 1 (1 = no "
                    + "growth, 2 = doubling), was " + p.reconnectMultiplier());
        }
        if (!(p.reconnectJitter() >= 0.0 && p.reconnectJitter() <= 1.0)) {
            throw new IllegalStateException("WA_RECONNECT_JITTER must be a fraction from 0 to 1 (0.2 = up to 20 % shorter), was "
                    + p.reconnectJitter());
        }
        ReconnectPolicy reconnect;
        try {
            reconnect = new ReconnectPolicy(p.reconnectInitialDelay(), p.reconnectMaxDelay(),
                    p.reconnectMultiplier(), p.reconnectJitter(), p.reconnectMaxAttempts(), p.outdatedRetryDelay());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid reconnect settings: WA_RECONNECT_INITIAL_DELAY must not be "
                    + "negative and not above WA_RECONNECT_MAX_DELAY, WA_RECONNECT_MAX_ATTEMPTS at least 1, "
                    + "WA_OUTDATED_RETRY_DELAY not negative");
        }
        ClientConfig d = ClientConfig.defaults();
        // the client's own ack timeout is the one that fails an unacknowledged message (ClientConnection)
        return new ClientConfig(url, root, version, d.browser(), d.pushName(), d.handshakeTimeout(),
                p.keepAliveInterval(), p.qrFirstTimeout(), p.qrNextTimeout(), d.iqTimeout(), d.initialPreKeys(),
                reconnect, d.maxFrameLength(), p.sendAckTimeout()).withMaxSkippedKeys(maxSkippedKeys);
    }

    /**
     * The client's media settings: the trust for media hosts ({@code WA_MEDIA_TRUST_CERT}: only the PEM's
     * certificates; unset: the JDK's CAs) and the media timeouts.
     *
     * @throws IllegalStateException naming the setting when the PEM cannot be read or a timeout is not positive
     */
    public static MediaSettings media(MediaClientProperties p) {
        positive("WA_MEDIA_CONNECT_TIMEOUT", p.connectTimeout());
        positive("WA_MEDIA_REQUEST_TIMEOUT", p.requestTimeout());
        positive("WA_MEDIA_RETRY_TIMEOUT", p.retryTimeout());
        MediaSettings settings = MediaSettings.defaults().withTimeouts(p.connectTimeout(), p.requestTimeout(),
                p.retryTimeout());
        if (p.trustCert() == null) {
            return settings;
        }
        try {
            return settings.withSslContext(MediaTrust.fromPem(Path.of(p.trustCert())));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("WA_MEDIA_TRUST_CERT must be a readable PEM file with the media hosts' "
                    + "certificate(s) (" + p.trustCert() + "): " + e.getMessage());
        }
    }

    /**
     * The client as the worker's media reception needs it: a received message stays unacknowledged while its file
     * is fetched and stored, so the client waits for that stage {@code MEDIA_DOWNLOAD_TIMEOUT} plus a margin (never
     * less than its ack timeout) instead of giving up after {@code WA_SEND_ACK_TIMEOUT}; and the client's encrypted
     * blobs go to {@code tempDirectory} ({@code MEDIA_STORAGE_PATH/.tmp}, swept by the media sweeper), not
     * {@code java.io.tmpdir}.
     */
    public static ClientConfig forMediaReception(ClientConfig config, MediaTransferProperties transfer,
                                                 Path tempDirectory) {
        Duration keep = transfer.inboundKeepTimeout();
        if (keep.compareTo(config.messageAckTimeout()) < 0) {
            keep = config.messageAckTimeout();
        }
        return config.withMedia(config.media().withTempDirectory(tempDirectory)).withInboundKeepTimeout(keep);
    }

    /** Upper bound of {@code WA_MAX_SKIPPED_KEYS}: each kept key is ~80 bytes per chain, per peer device. */
    static final int MAX_SKIPPED_KEYS_LIMIT = 100_000;

    /** {@code WA_MAX_SKIPPED_KEYS}: at least 1 (a chain must survive one reordered message), at most 100,000. */
    static int maxSkippedKeys(Integer value) {
        if (value == null || value < 1 || value > MAX_SKIPPED_KEYS_LIMIT) {
            throw new IllegalStateException("WA_MAX_SKIPPED_KEYS must be a whole number from 1 to "
                    + MAX_SKIPPED_KEYS_LIMIT + " (message keys kept per Signal chain for messages arriving out of "
                    + "order; default " + WhatsAppClientProperties.DEFAULT_MAX_SKIPPED_KEYS + "), was " + value);
        }
        return value;
    }

    static URI serverUrl(String text) {
        URI url;
        try {
            url = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("WA_SERVER_URL is not a URL: " + text);
        }
        if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalStateException("WA_SERVER_URL must be a ws:// or wss:// URL with a host, e.g. "
                    + WhatsAppClientProperties.DEFAULT_SERVER_URL + ": " + text);
        }
        return url;
    }

    /** Blank: WhatsApp's root. Otherwise base64 of exactly 32 bytes. */
    static TrustRoot trustRoot(String base64) {
        if (base64 == null || base64.isBlank()) {
            return TrustRoot.WHATSAPP;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("WA_SERVER_ROOT_KEY is not valid base64; it must be the base64 of the "
                    + "server's 32-byte root public key (the emulator prints it at start), or unset for WhatsApp's");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("WA_SERVER_ROOT_KEY must decode to 32 bytes (the server's root public "
                    + "key), it decodes to " + raw.length + "; leave it unset for WhatsApp's");
        }
        return TrustRoot.of(raw);
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalStateException(name + " must be a positive duration, was " + d);
        }
    }
}
