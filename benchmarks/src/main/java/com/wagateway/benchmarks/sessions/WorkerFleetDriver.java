package com.wagateway.benchmarks.sessions;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sessions connected on one running WORKER (the whole path: REST, Kafka, engine, store, client) against the
 * emulator: creates N sessions over the worker's REST API, reads each QR from the status endpoint, links it with a
 * virtual phone through the emulator's admin API and waits until every session is {@code connected}. Then reports
 * the worker's live heap per session, measured with {@code jcmd <pid> GC.class_histogram} (which runs a full GC
 * first). {@code --phase restore}: start after restarting the worker; times until every session is connected again
 * from its stored credentials.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.wagateway.benchmarks.sessions.WorkerFleetDriver \
 *      --worker http://127.0.0.1:8080 --token &lt;BACKEND_AUTH_TOKEN&gt; --admin http://127.0.0.1:8090 \
 *      --sessions 1000 --pid &lt;worker pid&gt; [--phase pair|restore] [--first-phone 62700000000]
 * </pre>
 */
public final class WorkerFleetDriver {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

    private WorkerFleetDriver() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = SessionFleetDriver.parse(args);
        int sessions = Integer.parseInt(opts.getOrDefault("sessions", "1000"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "64"));
        long firstPhone = Long.parseLong(opts.getOrDefault("first-phone", "62700000000"));
        boolean restore = opts.getOrDefault("phase", "pair").equals("restore");
        long pid = Long.parseLong(opts.getOrDefault("pid", "-1"));
        WorkerApi driver = new WorkerApi(URI.create(opts.getOrDefault("worker", "http://127.0.0.1:8080")),
                opts.get("token"), new EmulatorAdmin(URI.create(opts.getOrDefault("admin", "http://127.0.0.1:8090"))));

        long before = pid > 0 && !restore ? liveHeap(pid) : -1;
        long start = System.nanoTime();
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger connected = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            String sessionId = "fleet-" + i;
            String phone = Long.toString(firstPhone + i);
            slots.acquire();
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    driver.bringUp(sessionId, phone, restore);
                    connected.incrementAndGet();
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(sessionId + ": " + e.getMessage());
                    }
                } finally {
                    slots.release();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d/%d sessions connected in %.1f s (%.0f sessions/s)%n", restore ? "restore" : "pair",
                connected.get(), sessions, seconds, connected.get() / seconds);
        failures.stream().limit(20).forEach(f -> System.out.println("  failed " + f));
        if (pid > 0) {
            long after = liveHeap(pid);
            System.out.printf("worker live heap %.1f MiB%s%n", after / 1048576.0, before < 0 ? ""
                    : String.format(", %.1f KiB per connected session above the empty worker",
                    (after - before) / 1024.0 / Math.max(1, connected.get())));
        }
    }

    /** Live bytes of the worker: a class histogram runs a full GC first and totals what survived. */
    static long liveHeap(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = TOTAL.matcher(out);
        if (!m.find()) {
            throw new IOException("jcmd gave no histogram total: " + out.lines().limit(3).toList());
        }
        return Long.parseLong(m.group(1));
    }
}
