package com.wagateway.worker.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code data} of {@code GET /health}.
 *
 * @param sessionCount   sessions this worker holds a connection for (initializing, qr_required, connected), what
 *                       MAX_SESSIONS limits; other workers' sessions are not counted
 * @param cpuUsage       this process's CPU load, percent of all cores, 1 decimal
 * @param memoryUsage    heap used / heap max, percent, 1 decimal
 * @param uptime         seconds since the JVM started
 * @param availableSlots {@code max(0, maxSessions - sessionCount)}
 */
public record HealthReport(
        @Schema(example = "online") String status,
        @Schema(example = "25") long sessionCount,
        @Schema(example = "45.5") double cpuUsage,
        @Schema(example = "67.8") double memoryUsage,
        @Schema(example = "3600") long uptime,
        @Schema(example = "50") int maxSessions,
        @Schema(example = "25") long availableSlots) {}
