package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.noise.TrustRoot;
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
 */
public record ClientConfig(URI serverUrl, TrustRoot trustRoot, AppVersion version, Browser browser, String pushName,
                           Duration handshakeTimeout, Duration keepAliveInterval, Duration firstQrTimeout,
                           Duration nextQrTimeout, Duration iqTimeout, int initialPreKeys, ReconnectPolicy reconnect,
                           int maxFrameLength) {

    public static ClientConfig defaults() {
        return new ClientConfig(ClientOptions.DEFAULT_URL, TrustRoot.WHATSAPP, AppVersion.DEFAULT, Browser.DEFAULT,
                null, Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(20),
                Duration.ofSeconds(60), 812, ReconnectPolicy.DEFAULT, FrameEncoder.MAX_FRAME_LENGTH);
    }

    public ClientConfig withServer(URI url, TrustRoot root) {
        return new ClientConfig(url, root, version, browser, pushName, handshakeTimeout, keepAliveInterval,
                firstQrTimeout, nextQrTimeout, iqTimeout, initialPreKeys, reconnect, maxFrameLength);
    }
}
