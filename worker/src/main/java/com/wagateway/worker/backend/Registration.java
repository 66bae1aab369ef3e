package com.wagateway.worker.backend;

/** Body of {@code POST /api/v1/admin/workers/register}, the spec's fields exactly. */
public record Registration(String workerId, String endpoint, int maxSessions, String version, String environment) {}
