package com.wagateway.benchmarks.messaging;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends through {@code POST /api/session/{id}/send} from {@code concurrency} virtual threads, each with its own
 * keep-alive connection, one request in flight per thread (closed loop, as fast as the worker answers). The reply
 * carries the outcome ({@code sent} once WhatsApp's server acked), so latency is request start → reply.
 */
final class RestLoad {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");
    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"([^\"]+)\"");

    private final URI worker;
    private final String authorization;
    private final int concurrency;

    RestLoad(URI worker, String token, int concurrency) {
        this.worker = worker;
        this.authorization = "Bearer " + token;
        this.concurrency = concurrency;
    }

    RunResult run(SendPlan plan, double seconds, int capacity) throws InterruptedException {
        Latencies latency = new Latencies(capacity);
        AtomicLong failed = new AtomicLong();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try (KeepAliveHttp http = new KeepAliveHttp(worker.getHost(), worker.getPort())) {
                    while (System.nanoTime() < deadline) {
                        SendPlan.Send send = plan.next();
                        String json = "{\"to\":\"" + send.to() + "\",\"type\":\"text\",\"message\":\"" + send.text() + "\"}";
                        long t0 = System.nanoTime();
                        try {
                            KeepAliveHttp.Response r = http.post("/api/session/" + send.from().id() + "/send",
                                    authorization, json);
                            long took = System.nanoTime() - t0;
                            String status = match(STATUS, r.body());
                            // the phone's delivery receipt may beat the reply: delivered/read also mean the server acked
                            if (r.status() == 200 && ("sent".equals(status) || "delivered".equals(status)
                                    || "read".equals(status))) {
                                latency.record(took);
                                plan.expect(send, match(MESSAGE_ID, r.body()));
                            } else {
                                fail(failed, errors, r.status() + " " + r.body());
                            }
                        } catch (Exception e) {
                            fail(failed, errors, e.toString());
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        return new RunResult("REST", latency.count(), failed.get(), took, latency, null, null, errors);
    }

    private static void fail(AtomicLong failed, List<String> errors, String what) {
        failed.incrementAndGet();
        if (errors.size() < 5) {
            errors.add(what);
        }
    }

    private static String match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }
}
