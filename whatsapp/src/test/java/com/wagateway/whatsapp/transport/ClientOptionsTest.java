package com.wagateway.whatsapp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.noise.TrustRoot;
import java.net.URI;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Production defaults (fact sheet §2.1, §3.4) and overrides. */
class ClientOptionsTest {

    @Test
    void defaultsAreTheProductionEndpointAndRoot() {
        ClientOptions defaults = ClientOptions.defaults();
        assertThat(defaults.url()).isEqualTo(URI.create("wss://web.whatsapp.com/ws/chat"));
        assertThat(HexFormat.of().formatHex(defaults.trustRoot().publicKey()))
                .isEqualTo("142375574d0a587166aae71ebe516437c4a28b73e3695c6ce1f7f9545da8ee6b");
        assertThat(defaults.trustRoot().serial()).isZero();
        assertThat(defaults.routingInfo()).isNull();
        assertThat(NoiseWebSocketClient.ORIGIN).isEqualTo("https://web.whatsapp.com");
    }

    @Test
    void overridesReplaceOnlyTheirField() {
        TrustRoot testRoot = TrustRoot.of(new byte[32]);
        ClientOptions options = ClientOptions.defaults().withUrl(URI.create("ws://127.0.0.1:1/ws/chat")).withTrustRoot(testRoot);
        assertThat(options.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(options.trustRoot()).isEqualTo(testRoot);
        assertThat(options.handshakeTimeout()).isEqualTo(ClientOptions.defaults().handshakeTimeout());
    }

    @Test
    void routingInfoIsCopiedInAndOut() {
        byte[] info = {1, 2, 3};
        ClientOptions options = ClientOptions.defaults().withRoutingInfo(info);
        info[0] = 9;
        assertThat(options.routingInfo()).containsExactly(1, 2, 3);
        options.routingInfo()[1] = 9;
        assertThat(options.routingInfo()).containsExactly(1, 2, 3);
        assertThat(options).isEqualTo(ClientOptions.defaults().withRoutingInfo(new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(ClientOptions.defaults().withRoutingInfo(new byte[] {1, 2, 3}));
        assertThat(options.toString()).contains("routingInfo=3 bytes");
    }
}
