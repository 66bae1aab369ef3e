package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.pairing.PairingQr;
import com.wagateway.whatsapp.binary.Node;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A scripted server, a runtime, a store and a recording listener for one client under test. */
final class ClientHarness implements AutoCloseable {

    final ScriptedServer server;
    final HttpClient http = HttpClient.newHttpClient();
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    final ClientRuntime runtime = new ClientRuntime(http, scheduler, RandomSource.secure(), Clock.systemUTC());
    final MemoryStore store = new MemoryStore();
    final RecordingListener listener = new RecordingListener();
    final TestPhone phone = new TestPhone("15551234567", new FixedRandom("phone"));
    ClientConfig config;
    WhatsAppClient client;

    ClientHarness() throws InterruptedException {
        this(new ScriptedServer(new FixedRandom("server")));
    }

    ClientHarness(ScriptedServer server) throws InterruptedException {
        this.server = server.startAndWait();
        this.config = fastConfig(server, reconnect(3));
    }

    static ReconnectPolicy reconnect(int maxAttempts) {
        return new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.2, maxAttempts,
                Duration.ofMillis(100));
    }

    static ClientConfig fastConfig(ScriptedServer server, ReconnectPolicy reconnect) {
        return new ClientConfig(server.uri(), server.trustRoot(), AppVersion.DEFAULT, Browser.DEFAULT, null,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(3), 30, reconnect, 1 << 20);
    }

    WhatsAppClient start() throws Exception {
        client = WhatsAppClient.start("test-session", config, runtime, store, listener);
        return client;
    }

    Credentials storedCreds() throws Exception {
        byte[] bytes = store.entries.get("creds");
        return bytes == null ? null : Credentials.decode(bytes);
    }

    /**
     * Runs QR pairing to connected: the phone "scans" the first QR, the server sends pair-success, waits for the
     * pair-device-sign, then 515; the login that follows gets success.
     */
    void pairByQr() throws Exception {
        server.onNode = (conn, n) -> {
            if (n.tag().equals("iq") && n.child("pair-device-sign") != null) {
                conn.send(Node.of("stream:error", com.wagateway.whatsapp.binary.Attributes.of("code", "515")));
            } else {
                ScriptedServer.answerDefault(conn, n);
            }
        };
        start();
        PairingQr qr = PairingQr.parse(listener.next(RecordingListener.Qr.class, 5).text());
        server.last().send(phone.pairSuccess("ps-1", qr.identityKey(), qr.advSecret(), 3, 1, false,
                TestPhone.Tamper.NONE));
        listener.next(RecordingListener.Connected.class, 8);
        server.onNode = ScriptedServer::answerDefault;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        http.shutdownNow(); // close() would wait for WebSockets a broken test left open
    }
}
