package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.noise.TrustRoot;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

    @Test
    void defaultsAreTheReferenceValuesAndWithersChangeOneThing() {
        ClientConfig d = ClientConfig.defaults();
        assertThat(d.keepAliveInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.firstQrTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.nextQrTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.initialPreKeys()).isEqualTo(812);
        assertThat(d.trustRoot()).isEqualTo(TrustRoot.WHATSAPP);
        ClientConfig c = d.withVersion(AppVersion.parse("2.3000.1"))
                .withPushName("Gateway").withBrowser(new Browser("Windows", "Desktop", "10"))
                .withServer(URI.create("ws://127.0.0.1:1/ws/chat"), TrustRoot.of(new byte[32]))
                .withTimings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4),
                        Duration.ofSeconds(5))
                .withReconnect(ReconnectPolicy.DEFAULT);
        assertThat(c.version().toString()).isEqualTo("2.3000.1");
        assertThat(c.pushName()).isEqualTo("Gateway");
        assertThat(c.iqTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.initialPreKeys()).isEqualTo(812);
        assertThatThrownBy(() -> d.withTimings(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signalAndRetryCacheBoundsDefaultAndAreSetOnTheirOwn() {
        ClientConfig d = ClientConfig.defaults();
        assertThat(d.maxSkippedKeys()).isEqualTo(2000);
        assertThat(d.retryCacheMessages()).isEqualTo(ClientConfig.DEFAULT_RETRY_CACHE_MESSAGES);
        assertThat(d.retryCacheBytes()).isEqualTo(ClientConfig.DEFAULT_RETRY_CACHE_BYTES);
        ClientConfig c = d.withMaxSkippedKeys(50).withRetryCache(10, 4096)
                .withMessageAckTimeout(Duration.ofSeconds(3)).withPushName("x");
        assertThat(c.maxSkippedKeys()).isEqualTo(50);
        assertThat(c.retryCacheMessages()).isEqualTo(10);
        assertThat(c.retryCacheBytes()).isEqualTo(4096);
        assertThat(c.messageAckTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.withMaxSkippedKeys(60).retryCacheBytes()).isEqualTo(4096);
        assertThatThrownBy(() -> d.withMaxSkippedKeys(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withRetryCache(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInboundKeepTimeoutDefaultsToFiveMinutesOrTheAckTimeoutAndIsSetOnItsOwn() {
        ClientConfig d = ClientConfig.defaults();
        assertThat(d.inboundKeepTimeout()).isEqualTo(Duration.ofMinutes(5));
        ClientConfig longAck = new ClientConfig(d.serverUrl(), d.trustRoot(), d.version(), d.browser(), null,
                d.handshakeTimeout(), d.keepAliveInterval(), d.firstQrTimeout(), d.nextQrTimeout(), d.iqTimeout(),
                d.initialPreKeys(), d.reconnect(), d.maxFrameLength(), Duration.ofMinutes(7));
        assertThat(longAck.inboundKeepTimeout()).as("never below the ack timeout by default")
                .isEqualTo(Duration.ofMinutes(7));
        ClientConfig c = d.withInboundKeepTimeout(Duration.ofSeconds(150)).withMessageAckTimeout(Duration.ofSeconds(3))
                .withMedia(d.media()).withRetryCache(1, 1);
        assertThat(c.inboundKeepTimeout()).isEqualTo(Duration.ofSeconds(150));
        assertThat(c.messageAckTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> d.withInboundKeepTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withInboundKeepTimeout(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
