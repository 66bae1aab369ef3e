package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.pairing.PairingQr;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many sessions pair at once on one shared runtime (one HttpClient, a two-thread scheduler). */
@Timeout(60)
class ManyClientsTest {

    @Test
    void fortySessionsPairConcurrentlyOnASharedRuntime() throws Exception {
        int n = 40;
        ScriptedServer server = new ScriptedServer(new FixedRandom("server")).startAndWait();
        HttpClient http = HttpClient.newHttpClient();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        ClientRuntime runtime = new ClientRuntime(http, scheduler, RandomSource.secure(), Clock.systemUTC());
        TestPhone phone = new TestPhone("15550000000", new FixedRandom("phone"));
        server.onNode = (conn, node) -> {
            if (node.child("pair-device-sign") != null) {
                conn.send(Node.of("stream:error", Attributes.of("code", "515")));
            } else {
                ScriptedServer.answerDefault(conn, node);
            }
        };
        server.onLogin = conn -> conn.send(Node.of("success", Attributes.of("lid", "1" + conn.payload.getUsername()
                + ":" + conn.payload.getDevice() + "@lid")));
        ClientConfig config = new ClientConfig(server.uri(), server.trustRoot(), AppVersion.DEFAULT, Browser.DEFAULT,
                null, Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(20),
                Duration.ofSeconds(20), 5, ClientHarness.reconnect(3), 1 << 20);
        CountDownLatch connected = new CountDownLatch(n);
        Set<Jid> mes = ConcurrentHashMap.newKeySet();
        List<WhatsAppClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                int device = i + 1;
                clients.add(WhatsAppClient.start("many-" + i, config, runtime, new MemoryStore(), new SessionListener() {
                    @Override
                    public void qr(String text) {
                        try { // the phone scans: answer on the connection that showed this QR
                            PairingQr qr = PairingQr.parse(text);
                            ScriptedServer.Conn conn = server.connections.stream()
                                    .filter(c -> Arrays.equals(c.clientNoiseKey, qr.noiseKey())).findFirst()
                                    .orElseThrow();
                            conn.send(phone.pairSuccess("ps-" + device, qr.identityKey(), qr.advSecret(), device,
                                    device, false, TestPhone.Tamper.NONE));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    public void connected(Jid me, Jid lid) {
                        mes.add(me);
                        connected.countDown();
                    }

                    @Override
                    public void reconnecting(CloseReason reason, int attempt, Duration delay) {
                    }

                    @Override
                    public void closed(CloseReason reason) {
                    }
                }));
            }
            assertThat(connected.await(45, TimeUnit.SECONDS)).isTrue();
            assertThat(mes).hasSize(n);
            assertThat(server.logins.get()).isEqualTo(n);
        } finally {
            clients.forEach(WhatsAppClient::close);
            server.stop(1000);
            scheduler.shutdownNow();
            http.shutdownNow();
        }
    }
}
