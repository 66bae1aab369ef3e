package com.wagateway.emulator.http;

import com.wagateway.emulator.media.MediaCertificate;
import com.wagateway.emulator.media.MediaFaults;
import com.wagateway.emulator.media.MediaStore;
import com.wagateway.emulator.phone.VirtualPhones;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The admin API's media part (docs/emulator.md): the media hosts' certificate and addresses, and the media faults
 * of {@code POST /faults} ({@code mediaExpire}, {@code mediaTamper}, {@code mediaUploadFailure}).
 */
public final class MediaAdmin {

    private final MediaCertificate certificate;
    private final MediaFaults faults;
    private final MediaStore store;
    private final VirtualPhones phones;
    private final Supplier<List<String>> hosts;

    public MediaAdmin(MediaCertificate certificate, MediaFaults faults, MediaStore store, VirtualPhones phones,
                      Supplier<List<String>> hosts) {
        this.certificate = certificate;
        this.faults = faults;
        this.store = store;
        this.phones = phones;
        this.hosts = hosts;
    }

    /** {@code GET /media/certificate}: the PEM clients trust. */
    ApiResponse certificate() {
        return ApiResponse.raw("application/x-pem-file", certificate.pem());
    }

    /** {@code GET /media}: hosts, certificate path and PEM, armed faults. */
    ApiResponse info() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hosts", hosts.get());
        out.put("certificatePath", certificate.certificatePath().toString());
        out.put("certificatePem", certificate.pem());
        out.put("faults", faults.state());
        return ApiResponse.ok(out);
    }

    Map<String, Object> faultState() {
        return faults.state();
    }

    /** {@code mediaExpire: {messageId | directPath, status}}: the blob answers 403, 404 or 410 from now on. */
    Optional<ApiResponse> expire(JsonNode spec, Map<String, Object> out) {
        JsonNode status = spec.get("status");
        int code = status == null || status.isNull() ? 410 : status.isInt() ? status.asInt() : -1;
        if (code != 403 && code != 404 && code != 410) {
            return Optional.of(ApiResponse.error(400, "mediaExpire status must be 403, 404 or 410"));
        }
        Resolved blob = resolve(spec, "mediaExpire");
        if (blob.error() != null) {
            return Optional.of(blob.error());
        }
        faults.expire(blob.path(), code);
        out.put("mediaExpire", Map.of("directPath", blob.path(), "status", code));
        return Optional.empty();
    }

    /** {@code mediaTamper: {messageId | directPath}}: the blob is served with one byte flipped from now on. */
    Optional<ApiResponse> tamper(JsonNode spec, Map<String, Object> out) {
        Resolved blob = resolve(spec, "mediaTamper");
        if (blob.error() != null) {
            return Optional.of(blob.error());
        }
        faults.tamper(blob.path());
        out.put("mediaTamper", Map.of("directPath", blob.path()));
        return Optional.empty();
    }

    /** {@code mediaUploadFailure: {host, status, count}}: the host's next uploads fail with a 5xx. */
    Optional<ApiResponse> uploadFailure(JsonNode spec, Map<String, Object> out) {
        JsonNode host = spec.get("host");
        JsonNode status = spec.get("status");
        JsonNode count = spec.get("count");
        String name = host != null && host.isString() ? host.asString() : null;
        int code = status == null || status.isNull() ? 503 : status.isInt() ? status.asInt() : -1;
        int n = count == null || count.isNull() ? 1 : count.isInt() ? count.asInt() : -1;
        if (!"127.0.0.1".equals(name) && !"localhost".equals(name)) {
            return Optional.of(ApiResponse.error(400, "mediaUploadFailure host must be 127.0.0.1 or localhost"));
        }
        if (code < 500 || code > 599 || n < 1 || n > 10_000) {
            return Optional.of(ApiResponse.error(400, "mediaUploadFailure needs status 500..599 and count 1..10000"));
        }
        faults.failUploads(name, code, n);
        out.put("mediaUploadFailure", Map.of("host", name, "status", code, "count", n));
        return Optional.empty();
    }

    private Resolved resolve(JsonNode spec, String field) {
        JsonNode id = spec.get("messageId");
        JsonNode path = spec.get("directPath");
        String pathOnly;
        if (path != null && path.isString()) {
            pathOnly = MediaStore.pathOnly(path.asString().replaceFirst("^https://[^/]+", ""));
            if (pathOnly == null) {
                return new Resolved(null, ApiResponse.error(400, field + " directPath is not a media path"));
            }
        } else if (id != null && id.isString()) {
            Optional<String> found = phones.mediaPath(id.asString());
            if (found.isEmpty()) {
                return new Resolved(null, ApiResponse.error(404,
                        "no phone sent or received media in message " + id.asString()));
            }
            pathOnly = MediaStore.pathOnly(found.get());
        } else {
            return new Resolved(null, ApiResponse.error(400, field + " needs messageId or directPath"));
        }
        if (store.file(pathOnly).isEmpty()) {
            return new Resolved(null, ApiResponse.error(404, "no media stored at " + pathOnly));
        }
        return new Resolved(pathOnly, null);
    }

    private record Resolved(String path, ApiResponse error) {
    }
}
