package com.wagateway.whatsapp.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * The server's answer to a WebSocket upgrade that did not switch protocols, carried by a
 * {@link java.net.http.WebSocketHandshakeException} as the JDK WebSocket did (callers read the status, e.g.
 * the emulator's 503 while it refuses connections). The body is not read.
 */
record UpgradeResponse(int statusCode, HttpHeaders headers, URI uri) implements HttpResponse<String> {

    @Override
    public HttpRequest request() {
        return HttpRequest.newBuilder(httpUri()).build();
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public String body() {
        return null;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }

    /** HttpRequest takes only http(s): the same address under the scheme the upgrade request used. */
    private URI httpUri() {
        String scheme = "wss".equalsIgnoreCase(uri.getScheme()) ? "https" : "http";
        return URI.create(scheme + uri.toString().substring(uri.getScheme().length()));
    }
}
