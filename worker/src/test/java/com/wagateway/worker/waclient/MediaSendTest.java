package com.wagateway.worker.waclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.wagateway.whatsapp.client.SentMessage;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.media.MediaHashes;
import com.wagateway.whatsapp.media.MediaTransferException;
import com.wagateway.whatsapp.media.UploadedMedia;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.worker.connector.OutboundMessage;
import com.wagateway.worker.connector.SendResult;
import com.wagateway.worker.media.MediaObserver;
import com.wagateway.worker.media.MediaPreparation;
import com.wagateway.worker.media.MediaRefusedException;
import com.wagateway.worker.media.MediaSizeLimits;
import com.wagateway.worker.media.PreparedMedia;
import com.wagateway.worker.message.MessageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/**
 * A media send: prepared (fetch + inspect, a test double here) and uploaded off the caller's thread, then sent;
 * every refusal or failure on the way is {@code failed} with its reason, and the temporary file is always deleted.
 *
 * <p>Extra unit tests, beside the real path: {@code WorkerMediaE2ETest} drives a whole worker, the real client and
 * the emulator through each failure class (too large, lying content, fetch failure, refused after DNS, failed upload,
 * the preparation time limit) and checks the messages on the phone. What only this class reaches: which thread
 * uploads, that the temporary file is gone in every outcome, the full media queue refusing at once, the metrics
 * observer's calls, and the caption falling back to the command's text.
 */
class MediaSendTest {

    @TempDir
    Path dir;

    private final WhatsAppClient client = mock(WhatsAppClient.class);
    private final MediaTaskPool pool = new MediaTaskPool("test-media", 2, 4);
    private final List<String> observed = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    @AfterEach
    void stop() {
        pool.close();
    }

    private ClientConnection connection(MediaPreparation preparation, Duration prepareTimeout) {
        MediaSender sender = new MediaSender(preparation, MediaSizeLimits.defaults(), pool, prepareTimeout);
        return new ClientConnection("s1", client, Duration.ofSeconds(5), Duration.ofSeconds(2), Clock.systemUTC(),
                sender, new MediaObserver() {
                    @Override
                    public void sent(String type, long bytes) {
                        observed.add("sent " + type + " " + bytes);
                    }

                    @Override
                    public void sendFailed(String type, boolean refused) {
                        observed.add("failed " + type + " refused=" + refused);
                    }
                });
    }

    /** A JPEG preparation that first waits (at most {@code wait}) until the test opens {@code gate}. */
    private MediaPreparation jpegAfter(CountDownLatch gate, Duration wait) {
        return m -> {
            try {
                gate.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return preparing("image/jpeg", false).prepare(m);
        };
    }

    /** The client takes every image upload and media message at once. */
    private void imagesUploadAndSend() {
        when(client.uploadMedia(any(), any(), anyLong()))
                .thenReturn(CompletableFuture.completedFuture(uploaded(MediaType.IMAGE)));
        when(client.sendMessage(anyString(), any(Jid.class), any(Message.class)))
                .thenReturn(CompletableFuture.completedFuture(new SentMessage("x", Instant.EPOCH)));
    }

    private MediaPreparation preparing(String mimetype, boolean voiceNote) {
        return m -> {
            Path f = Files.write(dir.resolve("fetched-" + files.size()), new byte[] {1, 2, 3, 4});
            files.add(f);
            return new PreparedMedia(f, 4, mimetype, "doc.pdf", 640, 480, new byte[] {(byte) 0xff, (byte) 0xd8}, 7,
                    voiceNote);
        };
    }

    private static UploadedMedia uploaded(MediaType type) {
        return new UploadedMedia(type, "https://mmg.example/x", "/v/t62/x", new byte[32],
                new MediaHashes(new byte[32], new byte[32], 4, 36), 1_700_000_000L);
    }

    @Test
    void anImageIsUploadedThenSentWithCaptionDimensionsAndThumbnail() throws Exception {
        when(client.uploadMedia(any(), eq(MediaType.IMAGE), eq(5L << 20)))
                .thenAnswer(call -> {
                    assertThat(Thread.currentThread().getName()).startsWith("test-media");
                    assertThat((Path) call.getArgument(0)).exists();
                    return CompletableFuture.completedFuture(uploaded(MediaType.IMAGE));
                });
        when(client.sendMessage(anyString(), any(Jid.class), any(Message.class)))
                .thenReturn(CompletableFuture.completedFuture(new SentMessage("3EB0M1", Instant.EPOCH)));

        SendResult r = connection(preparing("image/jpeg", false), Duration.ofSeconds(5))
                .send(media("3EB0M1", MessageType.IMAGE, "fallback text", null)).get(5, TimeUnit.SECONDS);

        assertThat(r.sent()).as(String.valueOf(r.error())).isTrue();
        ArgumentCaptor<Message> sent = ArgumentCaptor.forClass(Message.class);
        verify(client).sendMessage(eq("3EB0M1"), eq(Jid.parse("6289876543210@s.whatsapp.net")), sent.capture());
        Message.ImageMessage image = sent.getValue().getImageMessage();
        assertThat(image.getCaption()).as("no media.caption: the message text").isEqualTo("fallback text");
        assertThat(image.getMimetype()).isEqualTo("image/jpeg");
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getJpegThumbnail().size()).isEqualTo(2);
        assertThat(image.getDirectPath()).isEqualTo("/v/t62/x");
        assertThat(files.getFirst()).as("temporary file deleted").doesNotExist();
        assertThat(observed).containsExactly("sent image 4");
    }

    @Test
    void aVoiceNoteIsSentAsPttAndADocumentWithItsName() throws Exception {
        when(client.uploadMedia(any(), any(), anyLong())).thenAnswer(call -> CompletableFuture.completedFuture(
                uploaded(call.getArgument(1))));
        when(client.sendMessage(anyString(), any(Jid.class), any(Message.class)))
                .thenReturn(CompletableFuture.completedFuture(new SentMessage("x", Instant.EPOCH)));
        ClientConnection voice = connection(preparing("audio/ogg; codecs=opus", true), Duration.ofSeconds(5));
        assertThat(voice.send(media("3EB0M2", MessageType.AUDIO, null, null)).get(5, TimeUnit.SECONDS).sent())
                .isTrue();
        ClientConnection doc = connection(preparing("application/pdf", false), Duration.ofSeconds(5));
        assertThat(doc.send(media("3EB0M3", MessageType.DOCUMENT, "text", "the caption")).get(5, TimeUnit.SECONDS)
                .sent()).isTrue();

        ArgumentCaptor<Message> sent = ArgumentCaptor.forClass(Message.class);
        verify(client, org.mockito.Mockito.times(2)).sendMessage(anyString(), any(Jid.class), sent.capture());
        Message.AudioMessage audio = sent.getAllValues().get(0).getAudioMessage();
        assertThat(audio.getPtt()).isTrue();
        assertThat(audio.getSeconds()).isEqualTo(7);
        Message.DocumentMessage document = sent.getAllValues().get(1).getDocumentMessage();
        assertThat(document.getFileName()).isEqualTo("doc.pdf");
        assertThat(document.getCaption()).as("media.caption wins over the text").isEqualTo("the caption");
    }

    @Test
    void aRefusedUrlIsFailedWithTheReasonAndNothingIsUploaded() throws Exception {
        MediaPreparation refusing = m -> {
            throw new MediaRefusedException("media refused: address 10.0.0.1 is private");
        };
        SendResult r = connection(refusing, Duration.ofSeconds(5))
                .send(media("3EB0M4", MessageType.IMAGE, null, null)).get(5, TimeUnit.SECONDS);

        assertThat(r.sent()).isFalse();
        assertThat(r.error()).isEqualTo("media refused: address 10.0.0.1 is private");
        verify(client, never()).uploadMedia(any(), any(), anyLong());
        verify(client, never()).sendMessage(anyString(), any(Jid.class), any(Message.class));
        assertThat(observed).containsExactly("failed image refused=true");
    }

    @Test
    void aFailedUploadIsFailedAndTheFileIsDeleted() throws Exception {
        when(client.uploadMedia(any(), any(), anyLong())).thenReturn(CompletableFuture.failedFuture(
                new MediaTransferException(MediaTransferException.Reason.HOST_ERROR, "no media host took the upload")));
        SendResult r = connection(preparing("video/mp4", false), Duration.ofSeconds(5))
                .send(media("3EB0M5", MessageType.VIDEO, null, null)).get(5, TimeUnit.SECONDS);

        assertThat(r.error()).isEqualTo("media upload failed: no media host took the upload");
        assertThat(files.getFirst()).doesNotExist();
        verify(client, never()).sendMessage(anyString(), any(Jid.class), any(Message.class));
    }

    @Test
    void aPreparationPastItsTimeLimitIsFailedAndNeverSentLater() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MediaPreparation slow = m -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Path f = Files.write(dir.resolve("late"), new byte[] {1});
            files.add(f);
            return new PreparedMedia(f, 1, "image/jpeg", null, null, null, null, null, false);
        };
        when(client.uploadMedia(any(), any(), anyLong()))
                .thenReturn(CompletableFuture.completedFuture(uploaded(MediaType.IMAGE)));
        ClientConnection connection = connection(slow, Duration.ofMillis(300));
        assertThat(connection.sendOutcomeBound()).isEqualTo(Duration.ofSeconds(2)
                .plus(ClientConnection.CLIENT_ANSWER_MARGIN).plusMillis(300));

        SendResult r = connection.send(media("3EB0M6", MessageType.IMAGE, null, null)).get(5, TimeUnit.SECONDS);
        release.countDown();

        assertThat(r.error()).isEqualTo("media not ready within 0s (fetch and upload)");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> !files.isEmpty() && !Files.exists(files.getFirst()));
        verify(client, never()).uploadMedia(any(), any(), anyLong());
        verify(client, never()).sendMessage(anyString(), any(Jid.class), any(Message.class));
    }

    @Test
    void aTextAfterAnImageIsHandedToTheClientOnlyAfterTheImage() throws Exception {
        CountDownLatch fetched = new CountDownLatch(1);
        MediaPreparation waiting = jpegAfter(fetched, Duration.ofSeconds(5));
        imagesUploadAndSend();
        when(client.sendText(anyString(), any(Jid.class), anyString()))
                .thenReturn(CompletableFuture.completedFuture(new SentMessage("y", Instant.EPOCH)));
        ClientConnection connection = connection(waiting, Duration.ofSeconds(5));

        CompletableFuture<SendResult> image = connection.send(media("3EB0O1", MessageType.IMAGE, null, null));
        CompletableFuture<SendResult> text = connection.send(new OutboundMessage("3EB0O2",
                "6289876543210@s.whatsapp.net", MessageType.TEXT, "after the image", null, null, null));
        Thread.sleep(200);
        verify(client, never()).sendText(anyString(), any(Jid.class), anyString());
        assertThat(text).isNotDone();
        fetched.countDown();

        assertThat(image.get(5, TimeUnit.SECONDS).sent()).isTrue();
        assertThat(text.get(5, TimeUnit.SECONDS).sent()).isTrue();
        var order = org.mockito.Mockito.inOrder(client);
        order.verify(client).sendMessage(eq("3EB0O1"), any(Jid.class), any(Message.class));
        order.verify(client).sendText(eq("3EB0O2"), any(Jid.class), eq("after the image"));
    }

    @Test
    void anUploadPastTheTimeLimitIsCancelledAndTheFileDeleted() throws Exception {
        CompletableFuture<UploadedMedia> hanging = new CompletableFuture<>();
        when(client.uploadMedia(any(), any(), anyLong())).thenReturn(hanging);
        SendResult r = connection(preparing("image/jpeg", false), Duration.ofMillis(400))
                .send(media("3EB0M9", MessageType.IMAGE, null, null)).get(5, TimeUnit.SECONDS);

        assertThat(r.sent()).isFalse();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(hanging::isCancelled);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(files.getFirst()));
        verify(client, never()).sendMessage(anyString(), any(Jid.class), any(Message.class));
    }

    @Test
    void aFullMediaQueueRefusesAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MediaPreparation blocking = m -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new MediaRefusedException("released");
        };
        ClientConnection connection = connection(blocking, Duration.ofSeconds(10));
        List<CompletableFuture<SendResult>> busy = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // 2 threads + 4 queued
            busy.add(connection.send(media("3EB0Q" + i, MessageType.IMAGE, null, null)));
        }
        SendResult refused = connection.send(media("3EB0Q9", MessageType.IMAGE, null, null)).get(1, TimeUnit.SECONDS);
        release.countDown();

        assertThat(refused.error()).startsWith("media send refused: too many media sends in progress");
        for (CompletableFuture<SendResult> f : busy) {
            assertThat(f.get(5, TimeUnit.SECONDS).error()).isEqualTo("released");
        }
    }

    @Test
    void aMediaSendWithoutUrlOrRecipientFailsAtOnce() throws Exception {
        ClientConnection connection = connection(preparing("image/jpeg", false), Duration.ofSeconds(5));
        assertThat(connection.send(new OutboundMessage("3EB0M7", "6289876543210@s.whatsapp.net", MessageType.IMAGE,
                null, null, null, null)).get(1, TimeUnit.SECONDS).error()).isEqualTo("media.url is required for type image");
        assertThat(connection.send(new OutboundMessage("3EB0M8", "not a jid", MessageType.IMAGE, null,
                "https://example.com/a.jpg", null, null)).get(1, TimeUnit.SECONDS).error())
                .isEqualTo("not a valid recipient: not a jid");
    }

    @Test
    void thousandsOfTextsQueuedBehindAStalledImageAreAllHandedOverInOrder() throws Exception {
        // each queued send used to be handed over inside the previous one's completion: one stack level per send
        CountDownLatch fetched = new CountDownLatch(1);
        MediaPreparation stalled = jpegAfter(fetched, Duration.ofSeconds(10));
        imagesUploadAndSend();
        List<String> handed = java.util.Collections.synchronizedList(new ArrayList<>());
        when(client.sendText(anyString(), any(Jid.class), anyString())).thenAnswer(call -> {
            handed.add(call.getArgument(0));
            return CompletableFuture.completedFuture(new SentMessage("y", Instant.EPOCH));
        });
        ClientConnection connection = connection(stalled, Duration.ofSeconds(10));

        CompletableFuture<SendResult> image = connection.send(media("3EB0S0", MessageType.IMAGE, null, null));
        int texts = 5_000;
        List<CompletableFuture<SendResult>> queued = new ArrayList<>();
        for (int i = 0; i < texts; i++) {
            queued.add(connection.send(new OutboundMessage("T" + i, "6289876543210@s.whatsapp.net",
                    MessageType.TEXT, "text " + i, null, null, null)));
        }
        assertThat(handed).isEmpty();
        fetched.countDown();

        assertThat(image.get(10, TimeUnit.SECONDS).sent()).isTrue();
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(queued).allSatisfy(f -> assertThat(f.join().sent()).isTrue());
        assertThat(handed).hasSize(texts);
        for (int i = 0; i < texts; i++) {
            assertThat(handed.get(i)).isEqualTo("T" + i);
        }
        // and the order still works afterwards
        assertThat(connection.send(new OutboundMessage("T-after", "6289876543210@s.whatsapp.net", MessageType.TEXT,
                "after", null, null, null)).get(5, TimeUnit.SECONDS).sent()).isTrue();
    }

    @Test
    void aPreparationThatThrowsAtOnceFailsItsSendAndPassesTheTurn() throws Exception {
        MediaSender broken = new MediaSender(preparing("image/jpeg", false), MediaSizeLimits.defaults(), r -> {
            throw new IllegalStateException("executor shut down");
        }, Duration.ofSeconds(5));
        ClientConnection connection = new ClientConnection("s1", client, Duration.ofSeconds(5), Duration.ofSeconds(2),
                Clock.systemUTC(), broken, MediaObserver.NONE);
        when(client.sendText(anyString(), any(Jid.class), anyString()))
                .thenReturn(CompletableFuture.completedFuture(new SentMessage("y", Instant.EPOCH)));

        SendResult image = connection.send(media("3EB0T1", MessageType.IMAGE, null, null)).get(5, TimeUnit.SECONDS);
        SendResult text = connection.send(new OutboundMessage("3EB0T2", "6289876543210@s.whatsapp.net",
                MessageType.TEXT, "after the broken image", null, null, null)).get(5, TimeUnit.SECONDS);

        assertThat(image.sent()).isFalse();
        assertThat(image.error()).isEqualTo("media send failed: executor shut down");
        assertThat(text.sent()).as("the turn passed on").isTrue();
    }

    private static OutboundMessage media(String id, MessageType type, String text, String caption) {
        return new OutboundMessage(id, "6289876543210@s.whatsapp.net", type, text, "https://example.com/file",
                "doc.pdf", caption);
    }
}
