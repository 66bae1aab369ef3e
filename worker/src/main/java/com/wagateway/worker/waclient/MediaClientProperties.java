package com.wagateway.worker.waclient;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the WhatsApp client reaches media hosts ({@code application.yml} maps the environment variables; README,
 * "Configuration").
 *
 * @param trustCert      {@code WA_MEDIA_TRUST_CERT}: a PEM file whose certificates are the only ones trusted for
 *                       media hosts (the emulator's own certificate); blank = the JDK's public CAs, as for WhatsApp.
 *                       TLS and hostname checks stay on either way
 * @param connectTimeout {@code WA_MEDIA_CONNECT_TIMEOUT}: TCP + TLS connect to one media host; default 10 s
 * @param requestTimeout {@code WA_MEDIA_REQUEST_TIMEOUT}: one whole upload or download; default 2 min
 * @param retryTimeout   {@code WA_MEDIA_RETRY_TIMEOUT}: how long a download whose file is gone waits for the
 *                       sender's phone to upload it again (media retry); default 30 s
 */
@ConfigurationProperties("worker.whatsapp.media")
public record MediaClientProperties(String trustCert, Duration connectTimeout, Duration requestTimeout,
                                    Duration retryTimeout) {

    public MediaClientProperties {
        trustCert = trustCert == null || trustCert.isBlank() ? null : trustCert.strip();
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofMinutes(2) : requestTimeout;
        retryTimeout = retryTimeout == null ? Duration.ofSeconds(30) : retryTimeout;
    }

    public static MediaClientProperties defaults() {
        return new MediaClientProperties(null, null, null, null);
    }
}
