package com.wagateway.worker.waclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.client.AppVersion;
import com.wagateway.whatsapp.client.ClientConfig;
import com.wagateway.whatsapp.noise.TrustRoot;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    @Test
    void defaultsAreWhatsAppsServerRootAndTheReferenceVersion() {
        ClientConfig c = ClientSettings.toConfig(WhatsAppClientProperties.defaults());
        assertThat(c.serverUrl()).isEqualTo(URI.create("wss://web.whatsapp.com/ws/chat"));
        assertThat(c.trustRoot()).isEqualTo(TrustRoot.WHATSAPP);
        assertThat(c.version()).isEqualTo(AppVersion.DEFAULT);
        assertThat(c.keepAliveInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.firstQrTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.nextQrTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.reconnect().maxAttempts()).isEqualTo(10);
    }

    @Test
    void anEmulatorIsReachedByUrlAndRootKeyOnly() {
        byte[] key = new byte[32];
        key[0] = 7;
        ClientConfig c = ClientSettings.toConfig(new WhatsAppClientProperties("ws://127.0.0.1:8090/ws/chat",
                Base64.getEncoder().encodeToString(key), "2.3000.1", Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(2), 3, Duration.ofSeconds(30),
                Duration.ofSeconds(5), 1.5, 0.0));
        assertThat(c.serverUrl()).isEqualTo(URI.create("ws://127.0.0.1:8090/ws/chat"));
        assertThat(c.trustRoot()).isEqualTo(TrustRoot.of(key));
        assertThat(c.version()).isEqualTo(new AppVersion(2, 3000, 1));
        assertThat(c.reconnect().initialDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.reconnect().maxAttempts()).isEqualTo(3);
        assertThat(c.reconnect().outdatedRetryDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.reconnect().multiplier()).isEqualTo(1.5);
        assertThat(c.reconnect().jitter()).isEqualTo(0.0);
    }

    @Test
    void theReconnectGrowthAndSpreadDefaultToDoublingAndTwentyPercent() {
        ClientConfig c = ClientSettings.toConfig(WhatsAppClientProperties.defaults());
        assertThat(c.reconnect().multiplier()).isEqualTo(2.0);
        assertThat(c.reconnect().jitter()).isEqualTo(0.2);
    }

    @Test
    void aReconnectMultiplierBelowOneOrAJitterOutsideZeroToOneRefusesToStartNamingTheSetting() {
        assertThatThrownBy(() -> ClientSettings.toConfig(withGrowth(0.5, 0.2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_RECONNECT_MULTIPLIER");
        assertThatThrownBy(() -> ClientSettings.toConfig(withGrowth(Double.NaN, 0.2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_RECONNECT_MULTIPLIER");
        assertThatThrownBy(() -> ClientSettings.toConfig(withGrowth(2.0, -0.1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_RECONNECT_JITTER");
        assertThatThrownBy(() -> ClientSettings.toConfig(withGrowth(2.0, 1.5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_RECONNECT_JITTER");
        ClientConfig edges = ClientSettings.toConfig(withGrowth(1.0, 1.0));
        assertThat(edges.reconnect().multiplier()).isEqualTo(1.0);
        assertThat(edges.reconnect().jitter()).isEqualTo(1.0);
    }

    private static WhatsAppClientProperties withGrowth(double multiplier, double jitter) {
        return new WhatsAppClientProperties(null, null, null, null, null, null, null, null, null, null, null,
                multiplier, jitter);
    }

    @Test
    void aRootKeyThatIsNotBase64Of32BytesRefusesToStartNamingTheSetting() {
        assertThatThrownBy(() -> ClientSettings.trustRoot("not base64 !"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_SERVER_ROOT_KEY")
                .hasMessageContaining("base64");
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> ClientSettings.trustRoot(short16))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_SERVER_ROOT_KEY")
                .hasMessageContaining("decodes to 16").hasMessageNotContaining(short16);
    }

    @Test
    void aServerUrlMustBeAWebSocketUrl() {
        assertThatThrownBy(() -> ClientSettings.serverUrl("http://127.0.0.1:8090/ws/chat"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_SERVER_URL");
        assertThatThrownBy(() -> ClientSettings.serverUrl("ws:// bad"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_SERVER_URL");
    }

    @Test
    void aBadVersionOrReconnectPolicyRefusesToStart() {
        WhatsAppClientProperties d = WhatsAppClientProperties.defaults();
        assertThatThrownBy(() -> ClientSettings.toConfig(new WhatsAppClientProperties(null, null, "2.3000",
                null, null, null, null, null, null, null, null, null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_VERSION");
        assertThatThrownBy(() -> ClientSettings.toConfig(new WhatsAppClientProperties(null, null, null,
                null, null, null, Duration.ofMinutes(5), Duration.ofSeconds(1), null, null, null, null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_RECONNECT_MAX_DELAY");
        assertThatThrownBy(() -> ClientSettings.toConfig(new WhatsAppClientProperties(null, null, null,
                Duration.ZERO, null, null, null, null, null, null, null, null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_KEEPALIVE_INTERVAL");
        assertThat(d.reconnectMaxAttempts()).isEqualTo(10);
    }

    @Test
    void theSendAckTimeoutIsTheClientsOwnAckTimeout() {
        ClientConfig c = ClientSettings.toConfig(new WhatsAppClientProperties(null, null, null, null, null, null,
                null, null, null, null, null, null, null, Duration.ofSeconds(7)));
        assertThat(c.messageAckTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> ClientSettings.toConfig(new WhatsAppClientProperties(null, null, null, null, null,
                null, null, null, null, null, null, null, null, Duration.ZERO)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_SEND_ACK_TIMEOUT");
    }

    @Test
    void aReceivedMessageIsKeptUnackedForTheDownloadDeadlinePlusAMarginAndBlobsGoUnderTheMediaFolder() {
        ClientConfig base = ClientSettings.toConfig(WhatsAppClientProperties.defaults());
        java.nio.file.Path tmp = java.nio.file.Path.of("/data/media/.tmp");
        MediaTransferProperties transfer = new MediaTransferProperties(null, null, null, Duration.ofMinutes(3), null,
                null);

        ClientConfig config = ClientSettings.forMediaReception(base, transfer, tmp);

        assertThat(config.inboundKeepTimeout()).isEqualTo(Duration.ofMinutes(3).plus(MediaTransferProperties.KEEP_MARGIN));
        assertThat(config.messageAckTimeout()).as("sends keep their own ack timeout").isEqualTo(base.messageAckTimeout());
        assertThat(config.media().tempDirectory()).isEqualTo(tmp);
        // never shorter than the ack timeout
        ClientConfig slowAcks = ClientSettings.forMediaReception(base.withMessageAckTimeout(Duration.ofMinutes(10)),
                new MediaTransferProperties(null, null, null, Duration.ofSeconds(5), null, null), tmp);
        assertThat(slowAcks.inboundKeepTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theSkippedKeyBoundDefaultsTo2000MustBeFrom1To100000AndReachesTheClient() {
        assertThat(WhatsAppClientProperties.defaults().maxSkippedKeys()).isEqualTo(2_000);
        for (int bad : new int[] {0, -1, 100_001}) {
            assertThatThrownBy(() -> ClientSettings.toConfig(skipped(bad)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_MAX_SKIPPED_KEYS")
                    .hasMessageContaining(String.valueOf(bad));
        }
        assertThat(ClientSettings.toConfig(WhatsAppClientProperties.defaults()).maxSkippedKeys()).isEqualTo(2_000);
        assertThat(ClientSettings.toConfig(skipped(1)).maxSkippedKeys()).isEqualTo(1);
        assertThat(ClientSettings.toConfig(skipped(100_000)).maxSkippedKeys()).isEqualTo(100_000);
    }

    private static WhatsAppClientProperties skipped(int max) {
        return new WhatsAppClientProperties(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, max);
    }

    @Test
    void mediaSettingsDefaultToTheJdksTrustAndTheClientsTimeouts() throws Exception {
        var media = ClientSettings.media(MediaClientProperties.defaults());
        assertThat(media.sslContext()).isSameAs(javax.net.ssl.SSLContext.getDefault());
        assertThat(media.connectTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(media.requestTimeout()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(media.retryTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
    }

    @Test
    void aMediaTrustCertThatIsNotAReadablePemRefusesToStartNamingTheSetting(@org.junit.jupiter.api.io.TempDir
                                                                                java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path notPem = java.nio.file.Files.writeString(dir.resolve("cert.pem"), "not a certificate");
        for (String path : new String[] {dir.resolve("missing.pem").toString(), notPem.toString()}) {
            assertThatThrownBy(() -> ClientSettings.media(new MediaClientProperties(path, null, null, null)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_MEDIA_TRUST_CERT");
        }
        assertThatThrownBy(() -> ClientSettings.media(new MediaClientProperties(null, java.time.Duration.ZERO, null,
                null))).isInstanceOf(IllegalStateException.class).hasMessageContaining("WA_MEDIA_CONNECT_TIMEOUT");
    }
}
