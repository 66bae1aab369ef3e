package com.wagateway.worker.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param webVersion the WhatsApp Web version the in-house client announces (fact sheet §4.1/§12.2,
 *                   {@code 2.3000.1043857760} for the Baileys 7.x behaviour we follow); {@code GET /info} reports it
 */
@ConfigurationProperties("worker.whatsapp")
public record WhatsAppVersionProperties(String webVersion) {

    public static final String DEFAULT_WEB_VERSION = "2.3000.1043857760";

    public WhatsAppVersionProperties {
        if (webVersion == null || webVersion.isBlank()) {
            webVersion = DEFAULT_WEB_VERSION;
        }
    }
}
