package com.wagateway.benchmarks.messaging;

import com.wagateway.benchmarks.sessions.EmulatorAdmin;
import com.wagateway.benchmarks.sessions.SessionFleetDriver;
import com.wagateway.benchmarks.sessions.WorkerApi;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end outbound messaging on one machine (issue 7): starts the emulator and the worker as two child JVMs,
 * pairs N worker sessions (each with its own virtual phone), creates recipient phones, then sends text messages
 * from the sessions to the recipients at full speed with bounded concurrency — through REST and through the Kafka
 * command topic — and reports messages/s, p50/p99 to the server's ack and the CPU seconds of worker, emulator and
 * driver in each measured window. Correctness is checked while measuring: every send must end {@code sent}, and a
 * few recipient phones are asked what they received (every message sent to them, with its text).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.wagateway.benchmarks.messaging.MessageLoadDriver \
 *      --emulator-jar emulator/target/emulator-0.1.0.jar --worker-jar worker/target/worker-0.1.0.jar \
 *      --dir /tmp/msgbench --sessions 50 --recipients 100 --recipients-per-session 4 --concurrency 200 \
 *      --warmup 20 --seconds 45 --runs 2 \
 *      [--paths rest,kafka] [--worker-jvm "-Xmx1g"] [--emulator-jvm "-Xmx1g"] [--worker-env "K=V,K=V"] \
 *      [--profile true]
 * </pre>
 * {@code --paths} lists {@code rest}, {@code kafka} and {@code idle} (a window without traffic: the CPU the
 * processes use by themselves), run in that order.
 * <pre>
 * </pre>
 * The folder given by {@code --dir} is emptied first (the emulator's and the worker's data live there).
 */
public final class MessageLoadDriver {

    private static final String TOKEN = "bench-token-0123456789abcdef";

    private MessageLoadDriver() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = SessionFleetDriver.parse(args);
        Path dir = Path.of(o.getOrDefault("dir", "/tmp/msgbench"));
        int sessions = Integer.parseInt(o.getOrDefault("sessions", "50"));
        int recipients = Integer.parseInt(o.getOrDefault("recipients", "100"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "200"));
        double warmup = Double.parseDouble(o.getOrDefault("warmup", "20"));
        double seconds = Double.parseDouble(o.getOrDefault("seconds", "45"));
        int runs = Integer.parseInt(o.getOrDefault("runs", "2"));
        int checked = Integer.parseInt(o.getOrDefault("checked-phones", "5"));
        int perSession = Integer.parseInt(o.getOrDefault("recipients-per-session", "4"));
        // JFR (settings=profile) of worker and emulator over each measured window, written next to their data
        boolean profile = Boolean.parseBoolean(o.getOrDefault("profile", "false"));
        List<String> paths = Arrays.asList(o.getOrDefault("paths", "rest,kafka").split(","));
        int emulatorPort = Integer.parseInt(o.getOrDefault("emulator-port", "18190"));
        int workerPort = Integer.parseInt(o.getOrDefault("worker-port", "18101"));
        int kafkaPort = Integer.parseInt(o.getOrDefault("kafka-port", "18192"));
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(seconds, warmup) * 50_000);

        deleteRecursively(dir);
        Map<String, String> emulatorEnv = Map.of("EMULATOR_PORT", Integer.toString(emulatorPort),
                "EMULATOR_DATA", dir.resolve("emulator/data").toString());
        try (ChildJvm emulator = ChildJvm.start("emulator", Path.of(o.getOrDefault("emulator-jar",
                "emulator/target/emulator-0.1.0.jar")), dir.resolve("emulator"), jvm(o.getOrDefault("emulator-jvm",
                "-Xmx1g")), emulatorEnv)) {
            String rootKey = emulator.awaitStdoutValue("WA_SERVER_ROOT_KEY", Duration.ofSeconds(60));
            Map<String, String> workerEnv = new HashMap<>();
            workerEnv.put("WA_SERVER_URL", "ws://127.0.0.1:" + emulatorPort + "/ws/chat");
            workerEnv.put("WA_SERVER_ROOT_KEY", rootKey);
            workerEnv.put("BACKEND_AUTH_TOKEN", TOKEN);
            workerEnv.put("PORT", Integer.toString(workerPort));
            workerEnv.put("KAFKA_EMBEDDED_PORT", Integer.toString(kafkaPort));
            workerEnv.put("MAX_SESSIONS", Integer.toString(Math.max(50, sessions)));
            for (String kv : o.getOrDefault("worker-env", "").split(",")) {
                if (kv.contains("=")) {
                    workerEnv.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
            }
            try (ChildJvm worker = ChildJvm.start("worker", Path.of(o.getOrDefault("worker-jar",
                    "worker/target/worker-0.1.0.jar")), dir.resolve("worker"), jvm(o.getOrDefault("worker-jvm",
                    "-Xmx1g")), workerEnv)) {
                EmulatorAdmin admin = new EmulatorAdmin(URI.create("http://127.0.0.1:" + emulatorPort + "/"));
                WorkerApi api = new WorkerApi(URI.create("http://127.0.0.1:" + workerPort + "/"), TOKEN, admin);
                awaitHealthy(api, worker);
                System.out.printf("emulator pid %d, worker pid %d, driver pid %d%n", emulator.pid(), worker.pid(),
                        ProcessHandle.current().pid());
                SendPlan plan = new SendPlan(pair(api, sessions), createRecipients(admin, recipients), perSession,
                        checked);

                RestLoad rest = new RestLoad(api.base(), TOKEN, concurrency);
                try (KafkaLoad kafka = paths.contains("kafka")
                        ? new KafkaLoad("127.0.0.1:" + kafkaPort, o.getOrDefault("topic-prefix", ""), concurrency)
                        : null) {
                    for (String path : paths) {
                        if (path.equals("idle")) { // no traffic: what the processes burn by themselves
                            double[] before = cpu(worker, emulator);
                            String loadBefore = CpuTime.loadAverage();
                            Thread.sleep((long) (seconds * 1000));
                            double[] after = cpu(worker, emulator);
                            System.out.printf("%n== idle %.0f s (load average before %s, after %s)%n", seconds,
                                    loadBefore, CpuTime.loadAverage());
                            report(new RunResult("idle", 0, 0, seconds, new Latencies(0), null, null, List.of()),
                                    before, after);
                            continue;
                        }
                        boolean viaRest = path.equals("rest");
                        System.out.printf("%n== %s: warm-up %.0f s%n", path, warmup);
                        report(viaRest ? rest.run(plan, warmup, capacity) : kafka.run(plan, warmup, capacity),
                                null, null);
                        for (int run = 1; run <= runs; run++) {
                            if (profile) {
                                for (ChildJvm jvm : List.of(worker, emulator)) {
                                    jvm.jcmd("JFR.start", "name=bench", "settings=profile");
                                }
                            }
                            String loadBefore = CpuTime.loadAverage();
                            double[] cpuBefore = cpu(worker, emulator);
                            RunResult r = viaRest ? rest.run(plan, seconds, capacity) : kafka.run(plan, seconds, capacity);
                            double[] cpuAfter = cpu(worker, emulator);
                            if (profile) {
                                for (ChildJvm jvm : List.of(worker, emulator)) {
                                    Path jfr = dir.resolve(jvm.name() + "-" + path + "-" + run + ".jfr").toAbsolutePath();
                                    jvm.jcmd("JFR.stop", "name=bench", "filename=" + jfr);
                                    System.out.println("   profile: " + jfr);
                                }
                            }
                            System.out.printf("-- %s run %d (load average before %s, after %s)%n", path, run, loadBefore,
                                    CpuTime.loadAverage());
                            report(r, cpuBefore, cpuAfter);
                            worker.requireAlive();
                            emulator.requireAlive();
                        }
                    }
                }
                verifyReceived(admin, plan);
            }
        }
    }

    /** Pairs the sessions (a virtual phone each), at most 16 at a time. */
    private static List<SendPlan.Session> pair(WorkerApi api, int n) throws Exception {
        long start = System.nanoTime();
        List<SendPlan.Session> sessions = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Semaphore slots = new Semaphore(16);
        for (int i = 0; i < n; i++) {
            SendPlan.Session s = new SendPlan.Session("msg-" + i, Long.toString(62710000000L + i));
            sessions.add(s);
            slots.acquire();
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    api.bringUp(s.id(), s.phone(), false);
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(s.id() + ": " + e.getMessage());
                    }
                } finally {
                    slots.release();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IOException("pairing failed: " + failures);
        }
        System.out.printf("paired %d sessions in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
        return sessions;
    }

    private static List<String> createRecipients(EmulatorAdmin admin, int n) throws Exception {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String phone = Long.toString(62790000000L + i);
            admin.createPhone(phone);
            phones.add(phone);
        }
        return phones;
    }

    private static final Pattern RECEIVED = Pattern.compile(
            "\\{\\s*\"id\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"from\"\\s*:\\s*\"([^\"]*)\"[^}]*?\"text\"\\s*:\\s*\"([^\"]*)\"");

    /** Asks the checked phones what they received: every message sent to them must be there, with its text. */
    private static void verifyReceived(EmulatorAdmin admin, SendPlan plan) throws Exception {
        System.out.println();
        int expectedTotal = 0;
        int foundTotal = 0;
        for (var e : plan.expected().entrySet()) {
            Map<String, String> received = new HashMap<>();
            String body = admin.messages(e.getKey());
            Matcher m = RECEIVED.matcher(body);
            while (m.find()) {
                received.put(m.group(1), m.group(3));
            }
            int found = 0;
            List<String> missing = new ArrayList<>();
            for (var x : e.getValue().entrySet()) {
                if (x.getValue().equals(received.get(x.getKey()))) {
                    found++;
                } else if (missing.size() < 3) {
                    missing.add(x.getKey());
                }
            }
            if (received.isEmpty()) {
                System.out.println("  (answer starts: " + body.substring(0, Math.min(300, body.length())) + ")");
            }
            expectedTotal += e.getValue().size();
            foundTotal += found;
            System.out.printf("phone %s received %d of the %d texts sent to it%s (it holds %d; keeps the last 10,000)%n",
                    e.getKey(), found, e.getValue().size(), missing.isEmpty() ? "" : ", missing e.g. " + missing,
                    received.size());
        }
        System.out.printf("received check: %d of %d texts found on %d phones: %s%n", foundTotal, expectedTotal,
                plan.expected().size(), foundTotal == expectedTotal ? "OK" : "MISSING");
    }

    private static void report(RunResult r, double[] cpuBefore, double[] cpuAfter) {
        double[] p = r.latency().percentilesMillis(50, 90, 99, 100);
        System.out.printf("%s: %d sent, %d failed in %.1f s = %.0f msg/s; request → sent: p50 %.1f ms, p90 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms%n", r.path(), r.sent(), r.failed(), r.seconds(), r.perSecond(), p[0], p[1],
                p[2], p[3]);
        if (r.secondLatency() != null) {
            double[] q = r.secondLatency().percentilesMillis(50, 99);
            System.out.printf("   %s: p50 %.1f ms, p99 %.1f ms%n", r.secondLatencyName(), q[0], q[1]);
        }
        r.firstErrors().forEach(e -> System.out.println("   error: " + e));
        if (cpuBefore != null) {
            double w = cpuAfter[0] - cpuBefore[0];
            double em = cpuAfter[1] - cpuBefore[1];
            double d = cpuAfter[2] - cpuBefore[2];
            double total = w + em + d;
            System.out.printf("   CPU s in %.1f s: worker %.1f (%.0f%%), emulator %.1f (%.0f%%), driver %.1f (%.0f%%); "
                    + "%.2f cores busy; per 1,000 msgs: worker %.2f s, emulator %.2f s%n", r.seconds(), w,
                    100 * w / total, em, 100 * em / total, d, 100 * d / total, total / r.seconds(),
                    1000 * w / Math.max(1, r.sent()), 1000 * em / Math.max(1, r.sent()));
        }
    }

    private static double[] cpu(ChildJvm worker, ChildJvm emulator) throws IOException {
        return new double[] {worker.cpuSeconds(), emulator.cpuSeconds(), CpuTime.ofThisProcess()};
    }

    private static void awaitHealthy(WorkerApi api, ChildJvm worker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!api.healthy()) {
            worker.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IOException("worker not healthy within 3 minutes");
            }
            Thread.sleep(250);
        }
    }

    private static List<String> jvm(String options) {
        return options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (java.nio.file.Files.exists(dir)) {
            try (var walk = java.nio.file.Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
    }
}
