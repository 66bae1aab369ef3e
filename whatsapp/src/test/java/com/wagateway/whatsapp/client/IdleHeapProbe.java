package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Manual probe, not a test: logs N paired clients in against the scripted server in this JVM and waits, so a heap
 * histogram ({@code jcmd <pid> GC.class_histogram}) shows what idle sessions hold. Run with the test classpath:
 * {@code java -cp ... IdleHeapProbe 1 0 0} (server, prints its port), then
 * {@code java -cp ... IdleHeapProbe 500 60000 <port>} (500 clients for 60 s).
 */
public final class IdleHeapProbe {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int port = args.length > 2 ? Integer.parseInt(args[2]) : -1;
        ScriptedServer server = new ScriptedServer(new FixedRandom("server"));
        if (port == 0) { // server only, for measuring the clients in another JVM
            server.startAndWait();
            server.preKeyCount = 100;
            System.out.println("port=" + server.getPort());
            Thread.sleep(Long.MAX_VALUE);
        }
        if (port < 0) {
            server.startAndWait();
            server.preKeyCount = 100;
        }
        java.net.URI uri = port > 0 ? java.net.URI.create("ws://127.0.0.1:" + port + "/ws/chat") : server.uri();
        HttpClient http = HttpClient.newHttpClient();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        ClientRuntime runtime = new ClientRuntime(http, scheduler, RandomSource.secure(), Clock.systemUTC());
        ClientConfig config = ClientHarness.fastConfig(server, ReconnectPolicy.DEFAULT).withServer(uri,
                server.trustRoot());
        CountDownLatch connected = new CountDownLatch(n);
        List<WhatsAppClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MemoryStore store = new MemoryStore();
            Credentials creds = Credentials.generate(RandomSource.secure()).withPairing(
                    Jid.parse("1555" + (1000000 + i) + ":2@s.whatsapp.net"), Jid.parse((900000 + i) + ":2@lid"),
                    new byte[180], "android", new byte[32], null);
            store.write("creds", creds.encode());
            clients.add(WhatsAppClient.start("probe-" + i, config, runtime, store, new SessionListener() {
                public void qr(String q) { }
                public void connected(Jid me, Jid lid) { connected.countDown(); }
                public void reconnecting(CloseReason r, int a, java.time.Duration d) { }
                public void closed(CloseReason r) { }
            }));
        }
        System.out.println("connected=" + connected.await(120, TimeUnit.SECONDS) + " pid=" + ProcessHandle.current().pid());
        Thread.sleep(Long.parseLong(args.length > 1 ? args[1] : "60000"));
        clients.forEach(WhatsAppClient::close);
        System.exit(0);
    }
}
