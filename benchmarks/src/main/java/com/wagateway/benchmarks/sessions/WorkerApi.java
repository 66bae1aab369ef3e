package com.wagateway.benchmarks.sessions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's REST calls the load drivers share: create a session, link it through a virtual phone on its first
 * QR and wait until it is {@code connected} (or, when restoring, until it is connected again without a QR).
 */
public final class WorkerApi {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z_]+)\"");
    private static final Pattern QR = Pattern.compile("\"qrString\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI worker;
    private final String token;
    private final EmulatorAdmin emulator;

    public WorkerApi(URI worker, String token, EmulatorAdmin emulator) {
        this.worker = worker;
        this.token = token;
        this.emulator = emulator;
    }

    public URI base() {
        return worker;
    }

    public String token() {
        return token;
    }

    /** Create (unless restoring), link on the first QR, and wait for {@code connected}. */
    public void bringUp(String sessionId, String phone, boolean restore) throws Exception {
        if (!restore) {
            emulator.createPhone(phone);
            HttpResponse<String> created = call("POST", "/api/session/create",
                    "{\"sessionId\":\"" + sessionId + "\",\"userId\":\"bench\",\"sessionName\":\"fleet\"}");
            if (created.statusCode() != 200 && created.statusCode() != 201 && created.statusCode() != 202) {
                throw new IOException("create answered " + created.statusCode() + ": " + created.body());
            }
        }
        boolean linked = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = call("GET", "/api/session/" + sessionId + "/status", null);
            String status = r.statusCode() == 200 ? group(STATUS, r.body()) : null;
            if ("connected".equals(status)) {
                return;
            }
            if ("qr_required".equals(status)) {
                if (restore) {
                    throw new IOException("asked for a QR while restoring");
                }
                String qr = group(QR, r.body());
                if (!linked && qr != null) {
                    emulator.link(phone, qr);
                    linked = true;
                }
            }
            if ("error".equals(status) || "logged_out".equals(status)) {
                throw new IOException("status " + status + ": " + r.body());
            }
            Thread.sleep(100);
        }
        throw new IOException("not connected within 5 minutes");
    }

    /** True once {@code /health} answers 200 (the worker is up and its REST facade serves). */
    public boolean healthy() {
        try {
            return call("GET", "/health", null).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(worker.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
