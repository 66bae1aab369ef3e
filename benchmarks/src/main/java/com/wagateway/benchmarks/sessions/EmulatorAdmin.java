package com.wagateway.benchmarks.sessions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The emulator's admin HTTP API (docs/emulator.md), the calls the load drivers need. */
public final class EmulatorAdmin {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    public EmulatorAdmin(URI base) {
        this.base = base;
    }

    /** Creates the phone; an existing phone (409) is fine: restore runs reuse them. */
    public void createPhone(String number) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/phones", "{\"phoneNumber\":\"" + number + "\"}");
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IOException("POST /phones " + number + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The phone scans the QR text. */
    public void link(String number, String qr) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/phones/" + number + "/link", "{\"qr\":\"" + qr + "\"}");
        if (r.statusCode() != 200) {
            throw new IOException("POST /phones/" + number + "/link answered " + r.statusCode() + ": " + r.body());
        }
    }

    /**
     * What the phone received and sent, decrypted: the JSON of {@code GET /phones/{number}/messages} (the emulator
     * answers once the phone has processed everything handed to it; it keeps the last 10,000 of each list).
     */
    public String messages(String number) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/phones/" + number + "/messages"))
                .timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /phones/" + number + "/messages answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
