package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageReceived;
import com.wagateway.worker.engine.MessagingHarness.Linked;
import com.wagateway.worker.engine.RestCalls.Reply;
import com.wagateway.worker.media.content.MediaSamples;
import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.waclient.MediaDownload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Received media that takes its time, through the real client and the emulator. The emulator has no way to make a
 * media host slow (and answers media retries at once, also for an offline phone), so the worker's
 * {@link MediaDownload} seam holds a download back: the client's real download (HTTPS to the emulator's media
 * host, verification, decryption) starts only when the test opens the message's gate, and it runs to its end even
 * when the worker has given up on it, as the client's own transfer does.
 *
 * <p>The worker acks after {@code WA_SEND_ACK_TIMEOUT} = 2 s, but keeps a received message unacknowledged for
 * {@code MEDIA_DOWNLOAD_TIMEOUT} (20 s) + margin; one download at a time ({@code MEDIA_MAX_CONCURRENT_DOWNLOADS=1}),
 * a second waits at most 1 s ({@code MEDIA_DOWNLOAD_WAIT}).
 */
class InboundMediaTimingE2ETest {

    private static final byte[] JPEG = MediaSamples.jpeg(64, 48);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);

    /** Message ids whose download waits for its gate; other downloads start at once. */
    private static final Map<String, CompletableFuture<Void>> GATES = new ConcurrentHashMap<>();
    /** How each held-back real download ended (null: verified and in place), by message id. */
    private static final Map<String, CompletableFuture<Throwable>> ENDED = new ConcurrentHashMap<>();

    private static MessagingHarness h;

    @BeforeAll
    static void start() {
        MediaDownload heldBack = (client, message, target, maxBytes) -> {
            CompletableFuture<Void> gate = GATES.get(message.messageId());
            if (gate == null) {
                return client.downloadMedia(message, target, maxBytes);
            }
            CompletableFuture<com.wagateway.whatsapp.media.MediaHashes> reported = new CompletableFuture<>();
            CompletableFuture<Throwable> ended = ENDED.computeIfAbsent(message.messageId(),
                    id -> new CompletableFuture<>());
            gate.thenRun(() -> client.downloadMedia(message, target, maxBytes).whenComplete((hashes, error) -> {
                ended.complete(error);
                if (error == null) {
                    reported.complete(hashes);
                } else {
                    reported.completeExceptionally(error);
                }
            }));
            return reported;
        };
        h = new MessagingHarness("media-timing", Map.of(
                "worker.whatsapp.send-ack-timeout", ACK_TIMEOUT.toMillis() + "ms",
                "worker.media-transfer.download-timeout", "20s",
                "worker.media-transfer.max-concurrent-downloads", "1",
                "worker.media-transfer.download-wait", "1s"), Map.of(MediaDownload.class, heldBack));
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void aDownloadSlowerThanTheAckTimeoutIsStoredAckedAndPublishedOnceWhileAnotherFileFindsTheWorkerBusy()
            throws Exception {
        Linked s = h.pair("slow-in");
        String bob = h.newPhone();
        String carol = h.newPhone();
        String slow = whileSessionAway(s, () -> {
            String id = h.admin.phoneSendsMedia(bob, s.number(), "image", JPEG, "image/jpeg", null, "slow", false)
                    .text("id");
            GATES.put(id, new CompletableFuture<>());
            return id;
        });

        // the only download slot is held by the slow file: another file waits 1 s, then is published as too busy
        Thread.sleep(ACK_TIMEOUT.toMillis() + 500);
        String busy = h.admin.phoneSendsMedia(carol, s.number(), "image", JPEG, "image/jpeg", null, "busy", false)
                .text("id");
        MessageReceived tooBusy = received(s, busy);
        assertThat(tooBusy.getMedia().getError()).as(tooBusy.toString())
                .startsWith("media not stored: too busy, 1 downloads running");
        assertThat(tooBusy.getContent()).isEqualTo("busy");

        Thread.sleep(1_000);
        assertThat(events(s, slow)).as("nothing published while the file is being fetched").isEmpty();

        GATES.get(slow).complete(null);
        MessageReceived stored = received(s, slow);
        assertThat(stored.getMedia().getError()).as(stored.toString()).isNull();
        assertThat(stored.getMedia().getSha256()).isEqualTo(WorkerMediaE2ETest.sha256(JPEG));
        assertThat(ENDED.get(slow).get(5, java.util.concurrent.TimeUnit.SECONDS)).isNull();

        // a new login: the server delivers again what was not acked (and the worker would publish it again); the
        // slow message, kept past the 2 s ack timeout, was acked: each message was published once
        String after = whileSessionAway(s, () -> h.phoneSends(bob, s.number(), "after"));
        h.awaitEvent(s.sessionId(), e -> after.equals(e.getMessageId()));
        assertThat(events(s, slow)).hasSize(1);
        assertThat(events(s, busy)).hasSize(1);
    }

    @Test
    void aDownloadPastTheDeadlineIsPublishedWithTheErrorAckedAndItsLateFileNeverLands() throws Exception {
        Linked s = h.pair("late-in");
        String bob = h.newPhone();
        String late = whileSessionAway(s, () -> {
            String id = h.admin.phoneSendsMedia(bob, s.number(), "document", MediaSamples.pdf(), "application/pdf",
                    "late.pdf", null, false).text("id");
            GATES.put(id, new CompletableFuture<>());
            return id;
        });

        MessageReceived timedOut = received(s, late);
        assertThat(timedOut.getMedia().getError()).as(timedOut.toString())
                .isEqualTo("media download timed out after 20s");
        assertThat(timedOut.getMedia().getDownloadPath()).isNull();

        // the client's real transfer runs now, after the worker gave up: it ends, but its plaintext must not land
        GATES.get(late).complete(null);
        Throwable ended = ENDED.get(late).get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ended).as("the late download could not put its file in place").isNotNull();
        Path folder = h.worker.bean(com.wagateway.worker.media.store.MediaStore.class).sessionDir(s.sessionId());
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("no plaintext on disk").isEmpty();
        }
        // acked although it failed: a new login does not bring it again
        String after = whileSessionAway(s, () -> h.phoneSends(bob, s.number(), "after"));
        h.awaitEvent(s.sessionId(), e -> after.equals(e.getMessageId()));
        assertThat(events(s, late)).hasSize(1);
    }

    private static MessageReceived received(Linked s, String messageId) {
        return (MessageReceived) h.awaitEvent(s.sessionId(), e -> messageId.equals(e.getMessageId())).getPayload();
    }

    private static List<MessageEvent> events(Linked s, String messageId) {
        return h.messageEvents(s.sessionId(), seen -> false, Duration.ofSeconds(3)).stream()
                .filter(e -> messageId.equals(e.getMessageId()) && e.getPayload() instanceof MessageReceived)
                .toList();
    }

    /** The session's device goes offline, {@code meanwhile} runs (the server holds what comes), then it is back. */
    private static String whileSessionAway(Linked s, java.util.function.Supplier<String> meanwhile) {
        Reply off = h.worker.rest.post("/api/session/" + s.sessionId() + "/disconnect", "{}");
        assertThat(off.status()).as(off.body().toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> h.worker.directory().find(s.sessionId())
                .map(v -> v.status() == SessionStatus.DISCONNECTED).orElse(false));
        String result = meanwhile.get();
        Reply back = h.worker.rest.post("/api/session/" + s.sessionId() + "/restart", "{}");
        assertThat(back.status()).as(back.body().toString()).isEqualTo(200);
        h.awaitConnected(s.sessionId());
        return result;
    }
}
