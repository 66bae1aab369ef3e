package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.emulator.Emulator;
import com.wagateway.emulator.EmulatorConfig;
import com.wagateway.worker.avro.SessionEvent;
import com.wagateway.worker.avro.SessionStatusChanged;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.session.SessionView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * QR rotation and expiry with short ref lifetimes on both sides (the emulator's refs, the worker's QR timeouts):
 * each rotation is a new {@code qr_required} event with a new QR; when the refs run out unscanned the session ends
 * {@code disconnected} saying so, and a restart starts over with fresh QRs.
 */
class WhatsAppQrExpiryE2ETest {

    private static Emulator emulator;
    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults(Path.of(SharedKafka.tempDir("wa-emulator-qr"))).withPort(0)
                .withRefCount(3).withRefLifetimes(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        Map<String, String> settings = RunningWorker.settingsFor(emulator, "q", 2);
        settings.put("worker.whatsapp.qr-first-timeout", "2s");
        settings.put("worker.whatsapp.qr-next-timeout", "1s");
        worker = RunningWorker.start(settings);
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void everyRotationIsANewQrAndUnscannedQrsEndTheSessionDisconnected() {
        assertThat(worker.rest.createSession("qr-exp").status()).isEqualTo(201);
        SessionView ended = awaitEnded("qr-exp");
        assertThat(ended.error()).contains("not scanned in time");
        List<String> first = qrs(events("qr-exp", 1));
        assertThat(first).as("one qr_required event per ref, each with its own QR").hasSizeGreaterThanOrEqualTo(3)
                .doesNotHaveDuplicates();

        assertThat(worker.rest.post("/api/session/qr-exp/restart", null).status()).isEqualTo(200);
        awaitEnded("qr-exp");
        List<String> all = qrs(events("qr-exp", 2));
        List<String> second = all.subList(first.size(), all.size());
        assertThat(second).as("a restart shows fresh QRs").isNotEmpty().doesNotContainAnyElementsOf(first);
    }

    private static SessionView awaitEnded(String sessionId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                worker.directory().find(sessionId).map(v -> v.status() == SessionStatus.DISCONNECTED).orElse(false));
        return worker.directory().find(sessionId).orElseThrow();
    }

    /** Events up to the {@code disconnects}-th disconnected. */
    private static List<SessionEvent> events(String sessionId, int disconnects) {
        return EventsProbe.sessionEvents(worker.clients(), worker.topics().sessionEvents(), sessionId,
                seen -> seen.stream().filter(e -> e.getPayload() instanceof SessionStatusChanged s
                        && s.getStatus().equals("disconnected")).count() >= disconnects);
    }

    private static List<String> qrs(List<SessionEvent> events) {
        return events.stream().filter(e -> e.getPayload() instanceof SessionStatusChanged s
                        && s.getStatus().equals("qr_required"))
                .map(e -> ((SessionStatusChanged) e.getPayload()).getQrString()).toList();
    }
}
