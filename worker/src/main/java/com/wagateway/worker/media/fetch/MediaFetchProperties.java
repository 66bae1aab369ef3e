package com.wagateway.worker.media.fetch;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the worker fetches {@code media.url} (README, "Configuration"; risks in docs/operations.md).
 *
 * @param connectTimeout       {@code MEDIA_CONNECT_TIMEOUT}: one TCP connect (and TLS handshake)
 * @param readTimeout          {@code MEDIA_READ_TIMEOUT}: longest silence while waiting for bytes
 * @param totalTimeout         {@code MEDIA_FETCH_TIMEOUT}: the whole fetch, lookups and redirects included; a server
 *                             that trickles bytes to stay under the read timeout is cut off by this
 * @param allowedHosts         {@code MEDIA_ALLOWED_HOSTS}: host names, {@code *.domain} or IP literals exempt from the
 *                             private-address refusal
 * @param allowPrivateNetworks {@code MEDIA_ALLOW_PRIVATE_NETWORKS}: private, loopback, shared and unique-local
 *                             addresses allowed for every host (link-local, the cloud metadata range, stays refused)
 */
@ConfigurationProperties("worker.media.fetch")
public record MediaFetchProperties(Duration connectTimeout, Duration readTimeout, Duration totalTimeout,
                                   List<String> allowedHosts, boolean allowPrivateNetworks) {

    public MediaFetchProperties {
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(10), "MEDIA_CONNECT_TIMEOUT");
        readTimeout = positive(readTimeout, Duration.ofSeconds(30), "MEDIA_READ_TIMEOUT");
        totalTimeout = positive(totalTimeout, Duration.ofMinutes(2), "MEDIA_FETCH_TIMEOUT");
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        new HostAllowList(allowedHosts); // a bad entry stops the worker at start, naming the variable
    }

    /** The defaults: nothing private allowed. */
    public static MediaFetchProperties defaults() {
        return new MediaFetchProperties(null, null, null, List.of(), false);
    }

    private static Duration positive(Duration value, Duration fallback, String variable) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(variable + " must be positive, got " + value);
        }
        return value;
    }
}
