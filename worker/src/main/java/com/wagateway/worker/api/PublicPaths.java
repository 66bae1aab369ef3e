package com.wagateway.worker.api;

import java.util.Set;

/**
 * The only paths served without the Bearer token. Orchestrators probe {@code /actuator/health} (and its liveness
 * and readiness groups) without secrets; they show an UP/DOWN status and nothing else. The API document and Swagger
 * UI are public only when {@code worker.api.docs-public} is set. Everything else, including unknown paths (so a 404
 * tells a stranger nothing about which routes exist), needs the token. Matching is exact or on a whole segment.
 */
final class PublicPaths {

    private static final Set<String> PROBES =
            Set.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");
    private static final Set<String> DOCS = Set.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui");
    private static final Set<String> DOC_PREFIXES = Set.of("/v3/api-docs/", "/swagger-ui/");

    private final boolean docsPublic;

    PublicPaths(boolean docsPublic) {
        this.docsPublic = docsPublic;
    }

    boolean isPublic(String path) {
        if (PROBES.contains(path)) {
            return true;
        }
        if (!docsPublic || path.contains("..")) {
            return false;
        }
        return DOCS.contains(path) || DOC_PREFIXES.stream().anyMatch(path::startsWith);
    }
}
