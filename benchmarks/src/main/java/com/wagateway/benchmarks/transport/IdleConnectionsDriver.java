package com.wagateway.benchmarks.transport;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.noise.CertChainBuilder;
import com.wagateway.whatsapp.noise.TrustRoot;
import com.wagateway.whatsapp.transport.ClientOptions;
import com.wagateway.whatsapp.transport.NoiseWebSocketClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heap per idle client connection: starts {@link LoopbackNoiseServer} in a child JVM (so its heap is
 * not counted), opens N {@link NoiseWebSocketClient}s over one shared {@link HttpClient}, completes
 * every handshake, exchanges one encrypted frame each way (so both transport ciphers exist, as on a
 * logged-in connection), forces GC and prints (heap after − heap before) / N. The noise key is
 * shared, so keys are excluded from the figure.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar com.wagateway.benchmarks.transport.IdleConnectionsDriver 500 [holdSeconds]</pre>
 */
public final class IdleConnectionsDriver {

    /** Both processes derive the same keys from this seed; the client trusts the server's root. */
    static final long SEED = 20261126L;

    private IdleConnectionsDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--serve")) {
            LoopbackNoiseServer.serve(Integer.parseInt(args[1]));
            return;
        }
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        long holdSeconds = args.length > 1 ? Long.parseLong(args[1]) : 0; // time to take a heap histogram
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), IdleConnectionsDriver.class.getName(), "--serve", "0")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            int port = -1;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    port = Integer.parseInt(line.substring(6).trim());
                    break;
                }
            }
            if (port < 0) {
                throw new IllegalStateException("server child did not start");
            }
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
            drain.setDaemon(true);
            drain.start();
            run(connections, URI.create("ws://127.0.0.1:" + port + "/ws/chat"), holdSeconds);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(int connections, URI uri, long holdSeconds) throws Exception {
        Keys keys = Keys.derive();
        ClientOptions options = ClientOptions.defaults().withUrl(uri)
                .withTrustRoot(TrustRoot.of(keys.root.publicKey())).withHandshakeTimeout(Duration.ofSeconds(60));
        Random random = new Random(1);
        RandomSource source = random::nextBytes;
        Curve25519KeyPair noiseKey = Curve25519.generateKeyPair(source); // shared: keys are excluded from the figure

        try (HttpClient http = HttpClient.newHttpClient()) {
            // warm up classes and the shared client so they are not billed to the connections
            NoiseWebSocketClient warm = connect(http, options, noiseKey, source).get(60, TimeUnit.SECONDS);
            warm.close().get(10, TimeUnit.SECONDS);
            long before = settledHeap();

            List<NoiseWebSocketClient> clients = new ArrayList<>(connections);
            long started = System.nanoTime();
            for (int batch = 0; batch < connections; batch += 50) {
                List<CompletableFuture<NoiseWebSocketClient>> pending = new ArrayList<>();
                for (int i = batch; i < Math.min(connections, batch + 50); i++) {
                    pending.add(connect(http, options, noiseKey, source));
                }
                for (CompletableFuture<NoiseWebSocketClient> f : pending) {
                    NoiseWebSocketClient client = f.get(60, TimeUnit.SECONDS);
                    client.send(new byte[32]).get(10, TimeUnit.SECONDS); // like a first iq: the write cipher gets used
                    clients.add(client);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long after = settledHeap();
            long threads = Thread.activeCount();

            System.out.printf("connections=%d handshakes/s=%.0f heapBefore=%d heapAfter=%d perConnectionBytes=%d (%.1f KiB) jvmThreads=%d%n",
                    clients.size(), clients.size() / seconds, before, after, (after - before) / clients.size(),
                    (after - before) / 1024.0 / clients.size(), threads);
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
            for (NoiseWebSocketClient client : clients) {
                client.close();
            }
            Thread.sleep(500);
        }
    }

    private static CompletableFuture<NoiseWebSocketClient> connect(HttpClient http, ClientOptions options,
                                                                   Curve25519KeyPair noiseKey, RandomSource random) {
        synchronized (IdleConnectionsDriver.class) {
            return NoiseWebSocketClient.connect(http, options, noiseKey, new byte[64], new NoiseWebSocketClient.Listener() {
                @Override
                public void onFrame(byte[] plaintext) {
                }

                @Override
                public void onClosed(int statusCode, String reason) {
                }

                @Override
                public void onFailure(Throwable error) {
                    System.err.println("connection failure: " + error);
                }
            }, random);
        }
    }

    private static long settledHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Root, intermediate and server static key, identical in both processes. */
    record Keys(Curve25519KeyPair root, Curve25519KeyPair intermediate, Curve25519KeyPair serverStatic, byte[] chain) {
        static Keys derive() {
            Random random = new Random(SEED);
            RandomSource source = random::nextBytes;
            Curve25519KeyPair root = Curve25519.generateKeyPair(source);
            Curve25519KeyPair intermediate = Curve25519.generateKeyPair(source);
            Curve25519KeyPair serverStatic = Curve25519.generateKeyPair(source);
            return new Keys(root, intermediate, serverStatic,
                    new CertChainBuilder(root, intermediate).build(serverStatic.publicKey()));
        }
    }
}
