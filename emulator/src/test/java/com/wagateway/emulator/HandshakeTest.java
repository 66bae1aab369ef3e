package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.noise.HandshakeException;
import com.wagateway.whatsapp.noise.TrustRoot;
import com.wagateway.whatsapp.transport.ClientOptions;
import com.wagateway.whatsapp.transport.NoiseWebSocketClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Noise responder presents a chain that verifies against the emulator's root, and only that root. */
class HandshakeTest {

    @TempDir
    static Path data;
    static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults(data).withPort(0));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void theChainVerifiesAgainstTheEmulatorRootWithAllOfWhatsmeowsChecks() {
        TestCompanion.Conn conn = new TestCompanion().register(emulator);
        assertThat(conn.client.serverCertificate()).isNotNull();
        conn.close();
    }

    @Test
    void aClientTrustingAnotherRootRefusesTheServer() {
        byte[] otherRoot = Curve25519.generateKeyPair(RandomSource.secure()).publicKey();
        CompletableFuture<NoiseWebSocketClient> connect = TestCompanion.Conn.tryOpen(emulator.wsUrl(), otherRoot,
                Curve25519.generateKeyPair(RandomSource.secure()), new TestCompanion().registrationPayload(TestCompanion.VERSION));
        assertThatThrownBy(connect::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(HandshakeException.class);
        assertThatThrownBy(() -> NoiseWebSocketClient.connect(TestCompanion.HTTP,
                ClientOptions.defaults().withUrl(emulator.wsUrl()).withTrustRoot(TrustRoot.WHATSAPP)
                        .withHandshakeTimeout(Duration.ofSeconds(5)),
                Curve25519.generateKeyPair(RandomSource.secure()), new byte[0], null, RandomSource.secure()).join())
                .hasCauseInstanceOf(HandshakeException.class);
    }

    @Test
    void garbageInsteadOfAHandshakeClosesTheSocket() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = TestCompanion.HTTP.newWebSocketBuilder().buildAsync(emulator.wsUrl(), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        }).join();
        ws.sendBinary(ByteBuffer.wrap(new byte[] {'X', 'Y', 1, 2, 0, 0, 3, 1, 2, 3}), true).join();
        assertThat(closed.get(10, TimeUnit.SECONDS)).isNotNull();
    }
}
