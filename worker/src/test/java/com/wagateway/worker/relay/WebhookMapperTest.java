package com.wagateway.worker.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.worker.avro.CommandFailed;
import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.avro.MessageReceived;
import com.wagateway.worker.avro.MessageStatusChanged;
import com.wagateway.worker.avro.ReceivedMedia;
import com.wagateway.worker.avro.SessionDeleted;
import com.wagateway.worker.avro.SessionEvent;
import com.wagateway.worker.avro.SessionStatusChanged;
import com.wagateway.worker.kafka.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Events become the spec's webhook bodies, field for field; what has no webhook is skipped with a reason. */
class WebhookMapperTest {

    static final Instant AT = Instant.parse("2026-11-26T10:30:00Z");
    static final RelayProperties.Kind ON_S = new RelayProperties.Kind(true, "/api/v1/webhooks/session-status");
    static final RelayProperties.Kind ON_M = new RelayProperties.Kind(true, "/api/v1/webhooks/message-status");
    static final RelayProperties.Kind ON_IN = new RelayProperties.Kind(true, "/api/v1/webhooks/message");

    final WebhookMapper mapper = mapper(ON_S, ON_M, ON_IN);

    @Test
    void sessionStatusHasTheSpecFields() {
        MappedEvent e = mapper.map("se", session(SessionStatusChanged.newBuilder().setStatus("qr_required")
                .setPreviousStatus("initializing").setQrCode("data:image/png;base64,AA").setQrString("1@x").build()));
        assertThat(e.call().path()).isEqualTo("/api/v1/webhooks/session-status");
        assertThat(e.call().eventType()).isEqualTo("session.status_changed");
        assertThat(body(e)).isEqualTo("{\"sessionId\":\"s1\",\"status\":\"qr_required\",\"qrCode\":\"data:image/png;base64,AA\","
                + "\"qrString\":\"1@x\",\"timestamp\":\"2026-11-26T10:30:00Z\",\"previousStatus\":\"initializing\","
                + "\"eventId\":\"e1\",\"workerId\":\"w1\"}");
        MappedEvent connected = mapper.map("se", session(SessionStatusChanged.newBuilder().setStatus("connected")
                .setPhoneNumber("+6281234567890").build()));
        assertThat(body(connected)).contains("\"status\":\"connected\",\"phoneNumber\":\"+6281234567890\"");
        assertThat(body(connected)).doesNotContain("pairingCode");
        MappedEvent code = mapper.map("se", session(SessionStatusChanged.newBuilder().setStatus("qr_required")
                .setPreviousStatus("qr_required").setPairingCode("ABCD-1234").build()));
        assertThat(body(code)).contains("\"pairingCode\":\"ABCD-1234\"");
    }

    @Test
    void failedCreateIsAnErrorStatusOtherFailuresAndDeletionsAreSkipped() {
        MappedEvent failed = mapper.map("se", session(CommandFailed.newBuilder().setCommandType("create")
                .setReason("not acknowledged").build()));
        assertThat(body(failed)).isEqualTo("{\"sessionId\":\"s1\",\"status\":\"error\",\"timestamp\":\"2026-11-26T10:30:00Z\","
                + "\"error\":\"not acknowledged\",\"eventId\":\"e1\",\"workerId\":\"w1\"}");
        assertThat(mapper.map("se", session(CommandFailed.newBuilder().setCommandType("send").setReason("x").build()))
                .skipped()).isTrue();
        assertThat(mapper.map("se", session(new SessionDeleted())).skipped()).isTrue();
    }

    @Test
    void messageStatusAndInboundMessage() {
        MappedEvent status = mapper.map("me", message(MessageStatusChanged.newBuilder().setStatus("failed")
                .setError("Message failed to send").setTo("62@s.whatsapp.net").build()));
        assertThat(status.call().path()).isEqualTo("/api/v1/webhooks/message-status");
        assertThat(body(status)).isEqualTo("{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"status\":\"failed\","
                + "\"timestamp\":\"2026-11-26T10:30:00Z\",\"error\":\"Message failed to send\",\"eventId\":\"e1\",\"workerId\":\"w1\"}");
        assertThat(mapper.map("me", message(MessageStatusChanged.newBuilder().setStatus("pending").build())).skipped())
                .isTrue();
        MappedEvent in = mapper.map("me", message(MessageReceived.newBuilder().setFrom("62@s.whatsapp.net")
                .setType("text").setContent("hello").setSentAt(AT.minus(Duration.ofSeconds(2))).build()));
        assertThat(in.call().path()).isEqualTo("/api/v1/webhooks/message");
        assertThat(in.call().eventType()).isEqualTo("message.received");
        assertThat(body(in)).isEqualTo("{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"from\":\"62@s.whatsapp.net\","
                + "\"type\":\"text\",\"content\":\"hello\",\"timestamp\":\"2026-11-26T10:29:58Z\",\"eventId\":\"e1\",\"workerId\":\"w1\"}");
    }

    /** A group message with the sender's LID and push name: the extra fields, in the order the docs list them. */
    @Test
    void anInboundMessageCarriesChatLidPushNameAndFromMeWhenSet() {
        MappedEvent in = mapper.map("me", message(MessageReceived.newBuilder().setFrom("62@s.whatsapp.net")
                .setTo("63@s.whatsapp.net").setType("text").setContent("hi").setSentAt(AT)
                .setChat("1203@g.us").setFromLid("9988@lid").setPushName("Budi").setFromMe(true).build()));
        assertThat(body(in)).isEqualTo("{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"from\":\"62@s.whatsapp.net\","
                + "\"to\":\"63@s.whatsapp.net\",\"type\":\"text\",\"content\":\"hi\",\"timestamp\":\"2026-11-26T10:30:00Z\","
                + "\"chat\":\"1203@g.us\",\"fromLid\":\"9988@lid\",\"pushName\":\"Budi\",\"fromMe\":true,"
                + "\"eventId\":\"e1\",\"workerId\":\"w1\"}");
    }

    @Test
    void anInboundMediaMessageCarriesTheStoredFileOrTheError() {
        MappedEvent stored = mapper.map("me", message(MessageReceived.newBuilder().setFrom("62@s.whatsapp.net")
                .setType("audio").setSentAt(AT).setMedia(ReceivedMedia.newBuilder().setMimetype("audio/ogg; codecs=opus")
                        .setSize(4321L).setFileName("m1.ogg").setSha256("ab01").setSeconds(4).setVoiceNote(true)
                        .setDownloadPath("/api/session/s1/media/m1").build()).build()));
        assertThat(body(stored)).isEqualTo("{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"from\":\"62@s.whatsapp.net\","
                + "\"type\":\"audio\",\"timestamp\":\"2026-11-26T10:30:00Z\",\"media\":{\"mimetype\":"
                + "\"audio/ogg; codecs=opus\",\"size\":4321,\"fileName\":\"m1.ogg\",\"sha256\":\"ab01\","
                + "\"url\":\"/api/session/s1/media/m1\",\"seconds\":4,\"voiceNote\":true},"
                + "\"eventId\":\"e1\",\"workerId\":\"w1\"}");

        MappedEvent failed = mapper.map("me", message(MessageReceived.newBuilder().setFrom("62@s.whatsapp.net")
                .setType("image").setContent("look").setSentAt(AT).setMedia(ReceivedMedia.newBuilder()
                        .setMimetype("image/jpeg").setSize(10L).setFileName("m1.jpg")
                        .setError("media verification failed: BAD_MAC").build()).build()));
        assertThat(body(failed)).contains("\"content\":\"look\"").contains("\"media\":{\"mimetype\":\"image/jpeg\","
                + "\"size\":10,\"fileName\":\"m1.jpg\",\"caption\":\"look\","
                + "\"error\":\"media verification failed: BAD_MAC\"}");
    }

    @Test
    void eachKindCanBeSwitchedOff() {
        RelayProperties.Kind off = new RelayProperties.Kind(false, "/x");
        WebhookMapper none = mapper(off, off, off);
        assertThat(none.map("se", session(SessionStatusChanged.newBuilder().setStatus("connected").build())).skipped()).isTrue();
        assertThat(none.map("me", message(MessageStatusChanged.newBuilder().setStatus("read").build())).skipped()).isTrue();
        WebhookMapper onlyInbound = mapper(off, off, ON_IN);
        assertThat(onlyInbound.map("me", message(MessageReceived.newBuilder().setFrom("f").setType("text")
                .setSentAt(AT).build())).skipped()).isFalse();
    }

    private static WebhookMapper mapper(RelayProperties.Kind s, RelayProperties.Kind m, RelayProperties.Kind in) {
        RelayProperties p = new RelayProperties(true, s, m, in, "", Duration.ofSeconds(1), Duration.ofMinutes(5), 2, 0.5,
                Duration.ofHours(24), 3, Duration.ofSeconds(10), Duration.ofSeconds(30), 20, 50, 1000);
        return new WebhookMapper(p, "se", "me");
    }

    private static byte[] session(Object payload) {
        return AvroCodec.of(SessionEvent.class).encode(SessionEvent.newBuilder().setEventId("e1").setSessionId("s1")
                .setWorkerId("w1").setOccurredAt(AT).setPayload(payload).build());
    }

    private static byte[] message(Object payload) {
        return AvroCodec.of(MessageEvent.class).encode(MessageEvent.newBuilder().setEventId("e1").setSessionId("s1")
                .setWorkerId("w1").setOccurredAt(AT).setMessageId("m1").setPayload(payload).build());
    }

    private static String body(MappedEvent e) {
        return new String(e.call().body(), StandardCharsets.UTF_8);
    }
}
