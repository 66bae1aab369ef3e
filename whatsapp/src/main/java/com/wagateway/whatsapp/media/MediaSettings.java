package com.wagateway.whatsapp.media;

import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a client reaches media hosts (fact sheet §11.4).
 *
 * @param sslContext     whose trust decides which media host certificates are accepted: the JDK's default (public
 *                       CAs) for WhatsApp, or {@link MediaTrust#fromPem} for an emulator's own certificate. Hostnames
 *                       are always verified.
 * @param connectTimeout TCP and TLS connect to one host
 * @param requestTimeout one whole upload or download (sending the body, the answer, reading the body)
 * @param retryTimeout   how long a download waits for the phone's {@code mediaretry} answer
 */
public record MediaSettings(SSLContext sslContext, Duration connectTimeout, Duration requestTimeout,
                            Duration retryTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** WhatsApp's media limits reach 2 GB; two minutes suits the default 100 MB-class caps on a normal link. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_RETRY_TIMEOUT = Duration.ofSeconds(30);

    public MediaSettings {
        Objects.requireNonNull(sslContext, "sslContext");
        for (Duration d : new Duration[] {connectTimeout, requestTimeout, retryTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("media timeouts must be positive");
            }
        }
    }

    /** The JDK's default trust and the default timeouts. */
    public static MediaSettings defaults() {
        try {
            return new MediaSettings(SSLContext.getDefault(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                    DEFAULT_RETRY_TIMEOUT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default SSLContext", e);
        }
    }

    public MediaSettings withSslContext(SSLContext context) {
        return new MediaSettings(context, connectTimeout, requestTimeout, retryTimeout);
    }

    public MediaSettings withTimeouts(Duration connect, Duration request, Duration retry) {
        return new MediaSettings(sslContext, connect, request, retry);
    }
}
