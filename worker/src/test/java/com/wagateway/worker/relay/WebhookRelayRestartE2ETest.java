package com.wagateway.worker.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.relay.BackendStub.Request;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The relay is stopped mid-stream (its lanes interrupted mid-call, its consumer closed) and started again: every
 * event still reaches the Backend (at-least-once from the committed offsets), and within each run a session's events
 * arrive in order.
 */
class WebhookRelayRestartE2ETest extends RelayE2ESupport {

    static final int SESSIONS = 20;
    static final int EVENTS_PER_SESSION = 20;
    static final Pattern SEQ = Pattern.compile("\"messageId\":\"seq-(\\d+)\"");

    @Autowired
    WebhookRelay relay;

    @Test
    void nothingIsLostWhenTheRelayIsKilledAndRestarted() throws Exception {
        Set<String> produced = streamToSlowBackend("restart");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> ours(produced).size() >= produced.size() / 4);
        relay.stop();
        int beforeRestart = ours(produced).size();
        assertThat(beforeRestart).as("killed mid-stream").isLessThan(produced.size());

        relay.start();
        await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(100)).until(() -> ours(produced)
                .stream().map(r -> r.header("X-Event-Id")).collect(java.util.stream.Collectors.toSet())
                .containsAll(produced));

        List<Request> all = ours(produced);
        assertOrdered(all.subList(0, beforeRestart));
        assertOrdered(all.subList(beforeRestart, all.size()));
    }

    @Test
    void aFailedConsumerIsReplacedAndDeliveryGoesOn() throws Exception {
        BACKEND.respond(r -> 200);
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        relay.beforePoll = () -> {
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected relay consumer failure");
            }
        };
        try {
            await().atMost(Duration.ofSeconds(5)).untilTrue(failed);
            Set<String> produced = new HashSet<>();
            try (TestEvents events = new TestEvents(clients, topics)) {
                for (int s = 0; s < 5; s++) {
                    produced.add(events.messageStatus("failing-consumer-" + s, 0));
                }
                events.flush();
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> eventIds()
                    .containsAll(produced));
            assertThat(relay.isRunning()).isTrue();
        } finally {
            relay.beforePoll = null;
        }
    }

    /**
     * A crash rather than a clean stop: the lanes are interrupted, the settled events are not committed and the
     * consumer is closed at once; a new instance of the relay in the same group reads them again. Every event arrives at
     * least once, and a duplicate is the same call again: same event id, identical body.
     */
    @Test
    void nothingIsLostWhenTheRelayCrashes() throws Exception {
        Set<String> produced = streamToSlowBackend("crash");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> ours(produced).size() >= produced.size() / 4);
        relay.crashForTest();
        assertThat(ours(produced).size()).as("crashed mid-stream").isLessThan(produced.size());

        relay.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> ours(produced)
                .stream().map(r -> r.header("X-Event-Id")).collect(java.util.stream.Collectors.toSet())
                .containsAll(produced));

        Map<String, String> bodies = new HashMap<>();
        for (Request r : ours(produced)) {
            String before = bodies.putIfAbsent(r.header("X-Event-Id"), r.body());
            if (before != null) {
                assertThat(r.body()).as("duplicate of %s", r.header("X-Event-Id")).isEqualTo(before);
            }
        }
    }

    private static List<Request> ours(Set<String> eventIds) {
        return webhookCalls().stream().filter(r -> eventIds.contains(r.header("X-Event-Id"))).toList();
    }

    private static Set<String> eventIds() {
        return webhookCalls().stream().map(r -> r.header("X-Event-Id"))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The relay's calls only (the Backend link's registration and heartbeats go to the same stub). */
    private static List<Request> webhookCalls() {
        return BACKEND.requests("/api/v1/webhooks/message-status");
    }

    private static void assertOrdered(List<Request> calls) {
        Map<String, Integer> last = new HashMap<>();
        for (Request r : calls) {
            Matcher m = SEQ.matcher(r.body());
            assertThat(m.find()).isTrue();
            int seq = Integer.parseInt(m.group(1));
            String session = r.body().replaceAll(".*\"sessionId\":\"([^\"]+)\".*", "$1");
            Integer before = last.put(session, seq);
            if (before != null) {
                assertThat(seq).as("order of %s", session).isGreaterThanOrEqualTo(before);
            }
        }
    }

    /**
     * A slow Backend, so the stream is still running when the relay goes down, and {@code EVENTS_PER_SESSION} events
     * for each of {@code SESSIONS} sessions named {@code <prefix>-N}; returns their event ids.
     */
    private Set<String> streamToSlowBackend(String prefix) throws Exception {
        BACKEND.respond(r -> {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        });
        Set<String> produced = new HashSet<>();
        try (TestEvents events = new TestEvents(clients, topics)) {
            for (int seq = 0; seq < EVENTS_PER_SESSION; seq++) {
                for (int s = 0; s < SESSIONS; s++) {
                    produced.add(events.messageStatus(prefix + "-" + s, seq));
                }
            }
            events.flush();
        }
        return produced;
    }

}
