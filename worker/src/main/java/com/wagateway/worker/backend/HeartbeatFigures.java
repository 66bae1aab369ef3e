package com.wagateway.worker.backend;

import com.wagateway.worker.api.HealthReport;
import com.wagateway.worker.api.WorkerStatusService;
import com.wagateway.worker.session.SessionDirectory;
import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.session.SessionView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a heartbeat's metrics now: process figures from {@link WorkerStatusService} (the same as {@code /health}),
 * session figures from the session-state view, counting only the sessions this worker owns (in a cluster each
 * worker reports its own; the Backend sums them).
 */
public final class HeartbeatFigures {

    static final List<SessionStatus> SPEC_BREAKDOWN = List.of(SessionStatus.CONNECTED, SessionStatus.DISCONNECTED,
            SessionStatus.QR_REQUIRED, SessionStatus.ERROR);

    private final WorkerStatusService status;
    private final SessionDirectory directory;
    private final String workerId;

    public HeartbeatFigures(WorkerStatusService status, SessionDirectory directory, String workerId) {
        this.status = status;
        this.directory = directory;
        this.workerId = workerId;
    }

    public Heartbeat.Metrics measure() {
        HealthReport health = status.health();
        List<SessionView> owned = directory.all().stream().filter(s -> workerId.equals(s.ownerWorkerId())).toList();
        Map<String, Long> breakdown = new LinkedHashMap<>();
        SPEC_BREAKDOWN.forEach(s -> breakdown.put(s.wire(), 0L));
        owned.forEach(s -> breakdown.merge(s.status().wire(), 1L, Long::sum));
        long sessions = owned.stream().filter(s -> s.status() != SessionStatus.LOGGED_OUT).count();
        long connected = breakdown.getOrDefault(SessionStatus.CONNECTED.wire(), 0L);
        return new Heartbeat.Metrics(sessions, health.cpuUsage(), health.memoryUsage(), health.uptime(), connected,
                breakdown);
    }
}
