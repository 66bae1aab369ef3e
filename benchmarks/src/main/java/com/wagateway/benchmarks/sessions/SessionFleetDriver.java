package com.wagateway.benchmarks.sessions;

import com.wagateway.whatsapp.client.ClientConfig;
import com.wagateway.whatsapp.client.ClientRuntime;
import com.wagateway.whatsapp.client.CloseReason;
import com.wagateway.whatsapp.client.DirectoryCredentialStore;
import com.wagateway.whatsapp.client.SessionListener;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.noise.TrustRoot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sessions connected on one JVM against an emulator running in another process (so its heap is not counted):
 * pairs N sessions through the emulator's admin API (a virtual phone per session scans the QR), measures the
 * time until all are connected and the live heap per idle connected session, then closes them all and restores
 * them from their stored credentials (no QR), measuring the restore time and the heap again.
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar com.wagateway.benchmarks.sessions.SessionFleetDriver \
 *      --admin http://127.0.0.1:8090 --root-key &lt;WA_SERVER_ROOT_KEY&gt; --sessions 1000 --store /tmp/fleet
 * </pre>
 * Options: {@code --concurrency} sessions starting at once (default 64), {@code --phase pair|restore|both}
 * (restore alone reuses the store of an earlier pair run), {@code --first-phone} (default 62800000000),
 * {@code --hold} seconds to keep the sessions before closing (for a heap histogram).
 */
public final class SessionFleetDriver {

    private SessionFleetDriver() {
    }

    public static void main(String[] args) throws Exception {
        // the client logs each session's steps at INFO; at fleet scale that measures the console
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Map<String, String> opts = parse(args);
        URI admin = URI.create(opts.getOrDefault("admin", "http://127.0.0.1:8090"));
        TrustRoot root = TrustRoot.of(Base64.getDecoder().decode(required(opts, "root-key")));
        int sessions = Integer.parseInt(opts.getOrDefault("sessions", "1000"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "64"));
        String phase = opts.getOrDefault("phase", "both");
        long firstPhone = Long.parseLong(opts.getOrDefault("first-phone", "62800000000"));
        long holdSeconds = Long.parseLong(opts.getOrDefault("hold", "0"));
        Path store = Path.of(opts.getOrDefault("store", "/tmp/wa-fleet"));
        Files.createDirectories(store);

        URI ws = URI.create("ws://" + admin.getHost() + ":" + admin.getPort() + "/ws/chat");
        ClientConfig config = ClientConfig.defaults().withServer(ws, root);
        // cancelled timers (keep-alive, QR, IQ timeouts of closed sessions) must leave the queue at once, or they
        // keep closed sessions reachable until their delay passes
        java.util.concurrent.ScheduledThreadPoolExecutor scheduler = new java.util.concurrent.ScheduledThreadPoolExecutor(2);
        scheduler.setRemoveOnCancelPolicy(true);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        ClientRuntime runtime = new ClientRuntime(http, scheduler, RandomSource.secure(), Clock.systemUTC());
        EmulatorAdmin emulator = new EmulatorAdmin(admin);
        Fleet fleet = new Fleet(config, runtime, emulator, store, firstPhone, sessions, concurrency);
        fleet.timeoutSeconds = Long.parseLong(opts.getOrDefault("timeout", "600"));

        System.out.printf("sessions=%d concurrency=%d maxHeap=%d MiB cores=%d java=%s%n", sessions, concurrency,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        long baseline = liveHeap();
        if (!phase.equals("restore")) {
            fleet.run(true);
            report("pair", sessions, fleet, baseline);
            fleet.closeAll();
            // closing ends each WebSocket with a close handshake; a client whose reply never comes aborts after 5 s
            Thread.sleep(6000);
            long afterClose = liveHeap();
            System.out.printf("closed: live heap %.1f MiB (%.1f KiB per closed session above the start)%n",
                    afterClose / 1048576.0, (afterClose - baseline) / 1024.0 / sessions);
        }
        if (!phase.equals("pair")) {
            fleet.run(false);
            report("restore", sessions, fleet, baseline);
            if (holdSeconds > 0) {
                System.out.println("holding for " + holdSeconds + " s, pid " + ProcessHandle.current().pid());
                Thread.sleep(holdSeconds * 1000);
            }
            fleet.closeAll();
        }
        scheduler.shutdownNow();
        http.close();
    }

    private static void report(String phase, int sessions, Fleet fleet, long baseline) throws InterruptedException {
        long heap = liveHeap();
        double seconds = fleet.lastRunNanos / 1e9;
        System.out.printf("%s: %d/%d connected in %.1f s (%.0f sessions/s), failures=%d, live heap %.1f MiB, "
                        + "%.1f KiB per idle connected session%n",
                phase, fleet.connected.get(), sessions, seconds, fleet.connected.get() / seconds,
                fleet.failures.get(), heap / 1048576.0, (heap - baseline) / 1024.0 / Math.max(1, fleet.connected.get()));
    }

    /** Used heap after full collections (the live set), in bytes. */
    static long liveHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** {@code --name value} pairs, as both fleet drivers take them. */
    public static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new ConcurrentHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }

    private static String required(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    /** N sessions, started with bounded concurrency; a start slot is released when its session is connected. */
    private static final class Fleet {
        private final ClientConfig config;
        private final ClientRuntime runtime;
        private final EmulatorAdmin emulator;
        private final Path store;
        private final long firstPhone;
        private final int sessions;
        private final int concurrency;
        private final List<WhatsAppClient> clients = new ArrayList<>();
        final AtomicInteger connected = new AtomicInteger();
        /** Sessions not yet connected or closed, with the last thing each reported: what a stuck run shows. */
        final Map<String, String> pending = new ConcurrentHashMap<>();
        long timeoutSeconds = 600;
        final AtomicInteger failures = new AtomicInteger();
        long lastRunNanos;

        Fleet(ClientConfig config, ClientRuntime runtime, EmulatorAdmin emulator, Path store, long firstPhone,
              int sessions, int concurrency) {
            this.config = config;
            this.runtime = runtime;
            this.emulator = emulator;
            this.store = store;
            this.firstPhone = firstPhone;
            this.sessions = sessions;
            this.concurrency = concurrency;
        }

        void run(boolean pair) throws Exception {
            connected.set(0);
            failures.set(0);
            Semaphore slots = new Semaphore(concurrency);
            CountDownLatch done = new CountDownLatch(sessions);
            long start = System.nanoTime();
            for (int i = 0; i < sessions; i++) {
                String phone = Long.toString(firstPhone + i);
                if (pair) {
                    emulator.createPhone(phone);
                }
                slots.acquire();
                pending.put(phone, "started");
                clients.add(WhatsAppClient.start("fleet-" + i, config, runtime,
                        new DirectoryCredentialStore(store.resolve(phone)), new Listener(phone, pair, slots, done)));
            }
            while (!done.await(10, TimeUnit.SECONDS)) {
                System.out.printf("  %s: %d connected, %d failed, %d pending after %d s%n", pair ? "pair" : "restore",
                        connected.get(), failures.get(), done.getCount(), (System.nanoTime() - start) / 1_000_000_000L);
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(timeoutSeconds)) {
                    System.out.println("timed out: sessions still pending, last event of each:");
                    pending.forEach((phone, last) -> System.out.println("  " + phone + " " + last));
                    break;
                }
            }
            lastRunNanos = System.nanoTime() - start;
        }

        void closeAll() {
            clients.forEach(WhatsAppClient::close);
            clients.clear();
        }

        /** Links on the first QR, counts the first connected or final close, and frees the start slot once. */
        private final class Listener implements SessionListener {
            private final String phone;
            private final boolean pair;
            private final Semaphore slots;
            private final CountDownLatch done;
            private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
            private final java.util.concurrent.atomic.AtomicBoolean linked = new java.util.concurrent.atomic.AtomicBoolean();

            Listener(String phone, boolean pair, Semaphore slots, CountDownLatch done) {
                this.phone = phone;
                this.pair = pair;
                this.slots = slots;
                this.done = done;
            }

            @Override
            public void qr(String qrString) {
                if (!pair) {
                    System.out.println("session " + phone + " asked for a QR during restore");
                    finish(false);
                    return;
                }
                pending.computeIfPresent(phone, (k, v) -> "qr");
                if (linked.compareAndSet(false, true)) {
                    Thread.ofVirtual().start(() -> {
                        try {
                            emulator.link(phone, qrString);
                        } catch (Exception e) {
                            System.out.println("link failed for " + phone + ": " + e.getMessage());
                            finish(false);
                        }
                    });
                }
            }

            @Override
            public void connected(Jid me, Jid lid) {
                finish(true);
            }

            @Override
            public void reconnecting(CloseReason reason, int attempt, Duration delay) {
                pending.computeIfPresent(phone, (k, v) -> "reconnecting " + attempt + ": " + reason);
            }

            @Override
            public void closed(CloseReason reason) {
                if (!finished.get()) {
                    System.out.println("session " + phone + " closed: " + reason);
                }
                finish(false);
            }

            private void finish(boolean ok) {
                if (finished.compareAndSet(false, true)) {
                    pending.remove(phone);
                    (ok ? connected : failures).incrementAndGet();
                    slots.release();
                    done.countDown();
                }
            }
        }
    }
}
