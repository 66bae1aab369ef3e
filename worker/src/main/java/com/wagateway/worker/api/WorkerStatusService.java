package com.wagateway.worker.api;

import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.session.SessionDirectory;
import com.wagateway.worker.session.SessionStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Service;

/** The figures of {@code /health} and {@code /info}, measured on each call (cheap: a few MXBean reads). */
@Service
public class WorkerStatusService {

    static final String UNKNOWN_VERSION = "unknown";
    /** The statuses in which the engine holds a connection, i.e. a MAX_SESSIONS slot. */
    static final java.util.Set<SessionStatus> HOLDS_SLOT = java.util.EnumSet.of(SessionStatus.INITIALIZING,
            SessionStatus.QR_REQUIRED, SessionStatus.CONNECTED);

    private final WorkerProperties properties;
    private final SessionDirectory directory;
    private final WorkerFeatures features;
    private final WhatsAppVersionProperties whatsapp;
    private final String version;

    WorkerStatusService(WorkerProperties properties, SessionDirectory directory, WorkerFeatures features,
                        WhatsAppVersionProperties whatsapp, ObjectProvider<BuildProperties> build) {
        this.properties = properties;
        this.directory = directory;
        this.features = features;
        this.whatsapp = whatsapp;
        BuildProperties info = build.getIfAvailable();
        // build-info.properties is written by spring-boot-maven-plugin; a run without it (an IDE that skipped the
        // Maven build) says "unknown" rather than inventing a number.
        this.version = info != null && info.getVersion() != null ? info.getVersion() : UNKNOWN_VERSION;
    }

    public HealthReport health() {
        // Per worker, counted as the engine enforces MAX_SESSIONS: sessions this worker's engine holds a connection
        // for (status initializing, qr_required or connected, or reconnecting by itself, published by this worker).
        // Other workers' sessions and sessions without a connection (disconnected, error, logged_out) take no slot.
        long active = directory.all().stream()
                .filter(s -> properties.id().equals(s.ownerWorkerId())
                        && (HOLDS_SLOT.contains(s.status()) || s.reconnecting())).count();
        int max = properties.maxSessions();
        return new HealthReport("online", active, cpuPercent(), heapPercent(), uptimeSeconds(), max,
                Math.max(0, max - active));
    }

    WorkerInfo info() {
        return new WorkerInfo(properties.id(), version, properties.environment(), features.capabilities(),
                whatsapp.webVersion(), whatsapp.webVersion());
    }

    /** Process CPU load over all cores in percent; 0 when the JVM cannot tell (it answers negative then). */
    static double cpuPercent() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getProcessCpuLoad();
            return load < 0 ? 0.0 : round1(Math.min(100.0, load * 100.0));
        }
        return 0.0;
    }

    /** Heap used over the heap's maximum (its committed size when no maximum is set), in percent. */
    static double heapPercent() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        return max <= 0 ? 0.0 : round1(Math.min(100.0, heap.getUsed() * 100.0 / max));
    }

    static long uptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
    }

    static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
