package com.wagateway.worker.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits and switches of the REST facade.
 *
 * @param maxBodySize largest request body accepted (env {@code API_MAX_BODY_SIZE}, default 64KB); bigger is a 413,
 *                    decided from {@code Content-Length} before reading, or while reading a chunked body
 * @param docsPublic  serve {@code /v3/api-docs} and Swagger UI without the Bearer token (env {@code API_DOCS_PUBLIC},
 *                    default false: the document describes the API but nothing requires it to be public)
 */
@ConfigurationProperties("worker.api")
public record ApiProperties(DataSize maxBodySize, boolean docsPublic) {

    public ApiProperties {
        if (maxBodySize == null) {
            maxBodySize = DataSize.ofKilobytes(64);
        }
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("worker.api.max-body-size (API_MAX_BODY_SIZE) must be positive");
        }
    }
}
