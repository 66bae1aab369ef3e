package com.wagateway.whatsapp.media;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * The HttpClient media transfers use, one per trust and connect timeout (an HttpClient owns a selector thread and
 * buffers, so sessions sharing a configuration share one). Redirects are not followed: the reference's media hosts
 * answer directly, and a redirect would lead somewhere the download URL rule did not choose.
 */
final class MediaHttpClients {

    private record Key(SSLContext ssl, Duration connectTimeout) {}

    private static final Map<Key, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private MediaHttpClients() {
    }

    /**
     * The HttpClient keeps its own executor: media threads block reading response bodies, and the client delivers
     * those bodies on its executor, so sharing the bounded media pool could starve the deliveries they wait for.
     */
    static HttpClient forSettings(MediaSettings settings) {
        return CLIENTS.computeIfAbsent(new Key(settings.sslContext(), settings.connectTimeout()),
                k -> HttpClient.newBuilder()
                        .sslContext(k.ssl())
                        .connectTimeout(k.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build());
    }
}
