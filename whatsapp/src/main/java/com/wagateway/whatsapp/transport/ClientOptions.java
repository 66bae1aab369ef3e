package com.wagateway.whatsapp.transport;

import com.wagateway.whatsapp.noise.TrustRoot;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Settings of a {@link NoiseWebSocketClient}. Defaults are the production values of fact sheet
 * §2.1 and §3.4; tests and the emulator override the URL and the trust root.
 *
 * @param url              WebSocket URL ({@code wss://web.whatsapp.com/ws/chat})
 * @param trustRoot        key that must sign the server's intermediate certificate
 * @param handshakeTimeout from opening the socket to the end of the Noise handshake (Baileys: 20 s)
 * @param routingInfo      edge routing info from an earlier session, or null (§2.2)
 * @param maxFrameLength   largest frame accepted from the server
 * @param clock            for certificate validity
 *
 * <p>Immutable: {@code routingInfo} is copied on the way in and out.
 */
public record ClientOptions(URI url, TrustRoot trustRoot, Duration handshakeTimeout, byte[] routingInfo,
                            int maxFrameLength, Clock clock) {

    public static final URI DEFAULT_URL = URI.create("wss://web.whatsapp.com/ws/chat");

    public ClientOptions {
        routingInfo = routingInfo == null ? null : routingInfo.clone();
    }

    /** A copy of the routing info, or null. */
    @Override
    public byte[] routingInfo() {
        return routingInfo == null ? null : routingInfo.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientOptions other && url.equals(other.url) && trustRoot.equals(other.trustRoot)
                && handshakeTimeout.equals(other.handshakeTimeout) && Arrays.equals(routingInfo, other.routingInfo)
                && maxFrameLength == other.maxFrameLength && clock.equals(other.clock);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, trustRoot, handshakeTimeout, Arrays.hashCode(routingInfo), maxFrameLength, clock);
    }

    @Override
    public String toString() {
        return "ClientOptions[url=" + url + ", trustRoot=" + trustRoot + ", handshakeTimeout=" + handshakeTimeout
                + ", routingInfo=" + (routingInfo == null ? "none" : routingInfo.length + " bytes")
                + ", maxFrameLength=" + maxFrameLength + ", clock=" + clock + "]";
    }

    public static ClientOptions defaults() {
        return new ClientOptions(DEFAULT_URL, TrustRoot.WHATSAPP, Duration.ofSeconds(20), null,
                FrameEncoder.MAX_FRAME_LENGTH, Clock.systemUTC());
    }

    public ClientOptions withUrl(URI newUrl) {
        return new ClientOptions(newUrl, trustRoot, handshakeTimeout, routingInfo, maxFrameLength, clock);
    }

    public ClientOptions withTrustRoot(TrustRoot newRoot) {
        return new ClientOptions(url, newRoot, handshakeTimeout, routingInfo, maxFrameLength, clock);
    }

    public ClientOptions withHandshakeTimeout(Duration timeout) {
        return new ClientOptions(url, trustRoot, timeout, routingInfo, maxFrameLength, clock);
    }

    public ClientOptions withRoutingInfo(byte[] info) {
        return new ClientOptions(url, trustRoot, handshakeTimeout, info, maxFrameLength, clock);
    }

    public ClientOptions withClock(Clock newClock) {
        return new ClientOptions(url, trustRoot, handshakeTimeout, routingInfo, maxFrameLength, newClock);
    }
}
