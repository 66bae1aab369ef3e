package com.wagateway.worker.backend;

import java.util.Map;

/**
 * Body of {@code PUT /api/v1/admin/workers/{workerId}/heartbeat}: {@code status} ({@code online}, or {@code offline}
 * on shutdown) and the spec's metrics.
 */
public record Heartbeat(String status, Metrics metrics) {

    /**
     * @param sessionCount      sessions this worker owns that are not logged out
     * @param cpuUsage          process CPU, percent of all cores
     * @param memoryUsage       heap used / max, percent
     * @param uptime            seconds since start
     * @param activeConnections owned sessions whose WhatsApp connection is open ({@code connected})
     * @param sessionBreakdown  owned sessions by status; the spec's four are always present
     */
    public record Metrics(long sessionCount, double cpuUsage, double memoryUsage, long uptime, long activeConnections,
                          Map<String, Long> sessionBreakdown) {}
}
