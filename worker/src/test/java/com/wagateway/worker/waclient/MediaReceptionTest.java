package com.wagateway.worker.waclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.media.MediaHashes;
import com.wagateway.whatsapp.media.MediaInfo;
import com.wagateway.whatsapp.media.MediaTransferException;
import com.wagateway.worker.connector.ConnectionListener;
import com.wagateway.worker.connector.ConnectionListener.InboundMedia;
import com.wagateway.worker.connector.ConnectionListener.InboundMessage;
import com.wagateway.worker.media.MediaObserver;
import com.wagateway.worker.media.MediaSizeLimits;
import com.wagateway.worker.media.store.MediaStore;
import com.wagateway.worker.message.MessageStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.springframework.util.unit.DataSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener's stage for a media message: the file is stored before the event is published, and a failure is
 * an event with the error, never a failed stage (the client acks either way). The client is a test double here, to
 * reach corners the emulator cannot (a client that throws, a download finishing at an exact moment); the same
 * behaviour through the real client and the emulator: {@code WorkerMediaE2ETest} (stored, served, tampered,
 * expired) and {@code InboundMediaTimingE2ETest} (slow download still acked once, timeout leaves no file, too busy).
 */
class MediaReceptionTest {

    @TempDir
    Path root;

    private final WhatsAppClient client = mock(WhatsAppClient.class);
    private final List<InboundMessage> published = new ArrayList<>();
    private final List<String> observed = new ArrayList<>();

    private DownloadSlots slots = new DownloadSlots(4);
    private Duration slotWait = Duration.ofSeconds(5);

    private ListenerBridge bridge(Duration timeout, MediaSizeLimits limits) {
        return bridge(new MediaStore(root, Clock.systemUTC()), timeout, limits);
    }

    private ListenerBridge bridge(MediaStore store, Duration timeout, MediaSizeLimits limits) {
        MediaReception reception = new MediaReception(store, limits, timeout, slots, slotWait, Runnable::run,
                new MediaObserver() {
            @Override
            public void received(String type, long bytes) {
                observed.add("received " + type + " " + bytes);
            }

            @Override
            public void receiveFailed(String type) {
                observed.add("failed " + type);
            }
        });
        ListenerBridge bridge = new ListenerBridge("s1", new Publishing(), UndecryptableCounter.NONE, reception);
        bridge.attach(client);
        return bridge;
    }

    @Test
    void theFileIsStoredBeforeTheEventWhichPointsAtIt() throws Exception {
        byte[] plain = "%PDF-1.4 a document".getBytes();
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(plain);
        when(client.downloadMedia(any(), any(), anyLong())).thenAnswer(call -> {
            Path target = call.getArgument(1);
            assertThat(call.<Long>getArgument(2)).isEqualTo(100L << 20);
            assertThat(published).as("nothing published before the file is there").isEmpty();
            Files.write(target, plain);
            return CompletableFuture.completedFuture(new MediaHashes(sha, new byte[32], plain.length, 0));
        });
        IncomingMessage m = message("3EB0D1", MediaType.DOCUMENT, "application/pdf", plain.length, "../Q3 report.pdf",
                "see attached");

        bridge(Duration.ofSeconds(5), MediaSizeLimits.defaults()).messageReceived(m).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        InboundMessage event = published.getFirst();
        assertThat(event.type()).isEqualTo("document");
        assertThat(event.content()).isEqualTo("see attached");
        assertThat(event.media()).isEqualTo(new InboundMedia("application/pdf", (long) plain.length, "Q3 report.pdf",
                HexFormat.of().formatHex(sha), "/api/session/s1/media/3EB0D1", null, null, null, false, null));
        assertThat(Files.readAllBytes(root.resolve("s1/3EB0D1"))).isEqualTo(plain);
        assertThat(observed).containsExactly("received document " + plain.length);
        try (var files = Files.list(root.resolve("s1"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("3EB0D1", "3EB0D1.json");
        }
    }

    @Test
    void aFailedVerificationIsAnEventWithTheErrorAndNoFile() throws Exception {
        when(client.downloadMedia(any(), any(), anyLong())).thenReturn(CompletableFuture.failedFuture(
                new MediaTransferException(MediaTransferException.Reason.VERIFICATION, "media MAC does not match")));
        IncomingMessage m = message("3EB0D2", MediaType.IMAGE, "image/jpeg", 1234, null, "pic");

        bridge(Duration.ofSeconds(5), MediaSizeLimits.defaults()).messageReceived(m).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        InboundMedia media = published.getFirst().media();
        assertThat(media.error()).isEqualTo("media verification failed: media MAC does not match");
        assertThat(media.downloadPath()).isNull();
        assertThat(media.size()).isEqualTo(1234L);
        assertThat(media.fileName()).isEqualTo("3EB0D2.jpg");
        assertThat(observed).containsExactly("failed image");
        try (var files = Files.list(root.resolve("s1"))) {
            assertThat(files).as("the temporary file is gone").isEmpty();
        }
    }

    @Test
    void aDownloadThatHangsEndsAtTheTimeoutAndTheMessageIsStillPublished() throws Exception {
        when(client.downloadMedia(any(), any(), anyLong())).thenReturn(new CompletableFuture<>());
        IncomingMessage m = message("3EB0D3", MediaType.VIDEO, "video/mp4", 10, null, null);

        bridge(Duration.ofMillis(200), MediaSizeLimits.defaults()).messageReceived(m).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertThat(published.getFirst().media().error()).isEqualTo("media download timed out after 0s");
        try (var files = Files.walk(root.resolve("s1"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aDownloadPastTheDeadlineIsCancelledAndItsLateFileNeverAppears() throws Exception {
        CompletableFuture<MediaHashes> original = new CompletableFuture<>();
        Path[] target = new Path[1];
        when(client.downloadMedia(any(), any(), anyLong())).thenAnswer(call -> {
            target[0] = call.getArgument(1);
            return original;
        });
        IncomingMessage m = message("3EB0D7", MediaType.IMAGE, "image/jpeg", 10, null, null);

        bridge(Duration.ofMillis(300), MediaSizeLimits.defaults()).messageReceived(m).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertThat(published.getFirst().media().error()).startsWith("media download timed out");
        assertThat(original).as("the client's own future is cancelled").isCancelled();
        // the client's transfer ends anyway and moves its plaintext onto the target, as MediaTransfers does
        Path partial = Files.createTempFile(target[0].getParent(), "." + target[0].getFileName() + "-", ".part");
        Files.writeString(partial, "late plaintext");
        try {
            Files.move(partial, target[0], java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException refused) {
            Files.delete(partial);
        }
        try (var files = Files.walk(root.resolve("s1"))) {
            assertThat(files.filter(Files::isRegularFile)).as("no plaintext left").isEmpty();
        }
        assertThat(slots.inUse()).as("the slot is free again").isZero();
    }

    @Test
    void whenEveryDownloadSlotIsTakenTheMessageWaitsThenIsPublishedAsTooBusy() throws Exception {
        slots = new DownloadSlots(1);
        slotWait = Duration.ofMillis(200);
        CompletableFuture<MediaHashes> first = new CompletableFuture<>();
        when(client.downloadMedia(any(), any(), anyLong())).thenReturn(first);
        ListenerBridge bridge = bridge(Duration.ofSeconds(30), MediaSizeLimits.defaults());
        CompletableFuture<Void> holding = bridge.messageReceived(message("3EB0D8", MediaType.IMAGE, "image/jpeg", 10,
                null, null)).toCompletableFuture();

        bridge.messageReceived(message("3EB0D9", MediaType.IMAGE, "image/jpeg", 10, null, null))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(published).hasSize(1);
        assertThat(published.getFirst().messageId()).isEqualTo("3EB0D9");
        assertThat(published.getFirst().media().error()).startsWith("media not stored: too busy, 1 downloads running");
        assertThat(holding).isNotDone();
        verify(client, org.mockito.Mockito.times(1)).downloadMedia(any(), any(), anyLong());

        // a freed slot goes to the next message at once
        first.completeExceptionally(new MediaTransferException(MediaTransferException.Reason.GONE, "410"));
        holding.get(5, TimeUnit.SECONDS);
        CompletableFuture<MediaHashes> third = new CompletableFuture<>();
        when(client.downloadMedia(any(), any(), anyLong())).thenReturn(third);
        CompletableFuture<Void> next = bridge.messageReceived(message("3EB0DA", MediaType.IMAGE, "image/jpeg", 10,
                null, null)).toCompletableFuture();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slots.inUse() == 1);
        third.completeExceptionally(new MediaTransferException(MediaTransferException.Reason.GONE, "410"));
        next.get(5, TimeUnit.SECONDS);
        assertThat(slots.inUse()).isZero();
    }

    @Test
    void aDownloadEndingAfterItsSessionWasDeletedIsPublishedWithoutRecreatingTheFolder() throws Exception {
        com.wagateway.worker.store.FileSessionStore sessions = new com.wagateway.worker.store.FileSessionStore(
                root.resolve("../sessions-" + root.getFileName()), root);
        when(client.downloadMedia(any(), any(), anyLong())).thenAnswer(call -> {
            Path target = call.getArgument(1);
            sessions.deleteAll("s1"); // the session is deleted while the download runs
            try {
                Files.writeString(target, "plaintext");
            } catch (java.nio.file.NoSuchFileException gone) {
                // the client's move into a deleted folder fails; its result is still reported below
            }
            return CompletableFuture.completedFuture(new MediaHashes(new byte[32], new byte[32], 9, 0));
        });

        bridge(Duration.ofSeconds(5), MediaSizeLimits.defaults()).messageReceived(message("3EB0DB", MediaType.IMAGE,
                "image/jpeg", 9, null, null)).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(published.getFirst().media().error()).isEqualTo("media not stored: the session was deleted");
        assertThat(root.resolve("s1")).doesNotExist();
    }

    @Test
    void aFileStatedLargerThanTheCapIsNotDownloaded() throws Exception {
        IncomingMessage m = message("3EB0D4", MediaType.AUDIO, "audio/ogg; codecs=opus", 2_000, null, null);

        bridge(Duration.ofSeconds(5), new MediaSizeLimits(DataSize.ofBytes(1_000), DataSize.ofBytes(1_000), DataSize.ofBytes(1_000), DataSize.ofBytes(1_000))).messageReceived(m)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(published.getFirst().media().error())
                .isEqualTo("media too large: 2000 bytes, the limit for audio is 1000");
        verify(client, never()).downloadMedia(any(), any(), anyLong());
    }

    @Test
    void aClientThatThrowsDoesNotFailTheStage() throws Exception {
        when(client.downloadMedia(any(), any(), anyLong())).thenThrow(new IllegalStateException("boom"));
        IncomingMessage m = message("3EB0D5", MediaType.IMAGE, "image/jpeg", 10, null, null);

        bridge(Duration.ofSeconds(5), MediaSizeLimits.defaults()).messageReceived(m).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertThat(published.getFirst().media().error()).isEqualTo("media download failed: boom");
    }

    @Test
    void aReceptionThatThrowsAtOnceStillPublishesTheMessageWithTheError() throws Exception {
        slots = mock(DownloadSlots.class);
        when(slots.acquire(any())).thenThrow(new IllegalStateException("slots closed at " + root));
        IncomingMessage m = message("3EB0DC", MediaType.IMAGE, "image/jpeg", 10, null, "pic");

        bridge(Duration.ofSeconds(5), MediaSizeLimits.defaults()).messageReceived(m).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        InboundMessage event = published.getFirst();
        assertThat(event.content()).isEqualTo("pic");
        assertThat(event.media().error()).isEqualTo("media not stored: IllegalStateException");
    }

    @Test
    void aStoreFailureNamesTheErrorButNoPath() throws Exception {
        Path notAFolder = Files.writeString(root.resolve("media-root-is-a-file"), "x");
        when(client.downloadMedia(any(), any(), anyLong())).thenReturn(new CompletableFuture<>());
        IncomingMessage m = message("3EB0DD", MediaType.IMAGE, "image/jpeg", 10, null, null);

        bridge(new MediaStore(notAFolder, Clock.systemUTC()), Duration.ofSeconds(5), MediaSizeLimits.defaults())
                .messageReceived(m).toCompletableFuture().get(5, TimeUnit.SECONDS);

        String error = published.getFirst().media().error();
        assertThat(error).startsWith("media not stored: ").doesNotContain("/").doesNotContain(root.toString());
        verify(client, never()).downloadMedia(any(), any(), anyLong());
    }

    @Test
    void aMessageIdThatIsNotAFileNameIsPublishedWithoutStoring() throws Exception {
        IncomingMessage m = message("../../x", MediaType.IMAGE, "image/jpeg", 10, null, null);

        bridge(Duration.ofSeconds(5), MediaSizeLimits.defaults()).messageReceived(m).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertThat(published.getFirst().media().error()).startsWith("media not stored");
        verify(client, never()).downloadMedia(any(), any(), anyLong());
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void aTextMessageIsPublishedWithoutMedia() throws Exception {
        IncomingMessage m = new IncomingMessage("3EB0D6", Jid.parse("6289876543210@s.whatsapp.net"),
                Jid.parse("6289876543210:5@s.whatsapp.net"), null, Jid.parse("6281234567890@s.whatsapp.net"), "text",
                "hi", Instant.now(), null, false, null);
        bridge(Duration.ofSeconds(5), MediaSizeLimits.defaults()).messageReceived(m).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertThat(published.getFirst().media()).isNull();
    }

    private static IncomingMessage message(String id, MediaType type, String mimetype, long length, String fileName,
                                           String caption) {
        MediaInfo info = new MediaInfo(type, mimetype, "https://mmg.whatsapp.net/x", "/v/t62/x", new byte[32],
                new byte[32], new byte[32], length, fileName, caption, null, false, null, null);
        String wire = switch (type) {
            case IMAGE -> "image";
            case VIDEO -> "video";
            case AUDIO -> "audio";
            default -> "document";
        };
        return new IncomingMessage(id, Jid.parse("6289876543210@s.whatsapp.net"),
                Jid.parse("6289876543210:5@s.whatsapp.net"), null, Jid.parse("6281234567890@s.whatsapp.net"), wire,
                caption, Instant.now(), null, false, info);
    }

    private final class Publishing implements ConnectionListener {
        @Override public void qrCode(String qrString) { }
        @Override public void connected(String phoneNumber) { }
        @Override public void reconnecting(String reason) { }
        @Override public void retryingRefused(String reason) { }
        @Override public void disconnected(String reason) { }
        @Override public void loggedOut(String reason) { }
        @Override public void failed(String reason) { }
        @Override public void messageStatus(String messageId, MessageStatus status, String error) { }
        @Override public CompletionStage<Void> messageReceived(InboundMessage m) {
            published.add(m);
            return CompletableFuture.completedFuture(null);
        }
    }
}
