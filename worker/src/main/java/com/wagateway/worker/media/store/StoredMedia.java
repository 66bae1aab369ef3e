package com.wagateway.worker.media.store;

import java.time.Instant;

/**
 * What the sidecar ({@code <messageId>.json}) says about one stored file.
 *
 * @param type     {@code image}, {@code video}, {@code audio} or {@code document}
 * @param size     bytes of the stored (decrypted) file
 * @param sha256   hex SHA-256 of the stored file, as the message stated it and the download verified
 * @param fileName sanitized; what the download endpoint offers as the file's name
 */
public record StoredMedia(String sessionId, String messageId, String type, String mimetype, long size, String sha256,
                          String fileName, Instant storedAt) {}
