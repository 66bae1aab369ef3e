package com.wagateway.worker.waclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.emulator.Emulator;
import com.wagateway.emulator.EmulatorConfig;
import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.worker.connector.Connection;
import com.wagateway.worker.connector.ConnectionListener;
import com.wagateway.worker.connector.ConnectorException;
import com.wagateway.worker.connector.SessionSpec;
import com.wagateway.worker.engine.EmulatorAdmin;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.message.MessageStatus;
import com.wagateway.worker.message.MessageType;
import com.wagateway.worker.connector.OutboundMessage;
import com.wagateway.worker.store.FileSessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connector on the real client against the emulator, without the engine: what it reports, and when. */
class WhatsAppClientConnectorTest {

    private static Emulator emulator;
    private static ClientRuntimeResources runtime;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults(Path.of(SharedKafka.tempDir("wa-emulator-conn"))).withPort(0));
        runtime = new ClientRuntimeResources(2);
    }

    @AfterAll
    static void stop() {
        runtime.close();
        emulator.close();
    }

    @Test
    void aServerWhoseChainDoesNotVerifyFailsTheSessionSayingSo() throws Exception {
        byte[] wrong = emulator.rootPublicKey();
        wrong[0] ^= 1;
        Recording listener = new Recording();
        Path sessions = Path.of(SharedKafka.tempDir("wa-conn-sessions"));
        WhatsAppClientConnector connector = connector(Base64.getEncoder().encodeToString(wrong), sessions);
        Connection c = connector.connect(new SessionSpec("wrong-root", "u", "n"), listener);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.reports.stream()
                    .anyMatch(r -> r.startsWith("failed") || r.startsWith("disconnected") || r.startsWith("logged_out")));
            assertThat(listener.reports).as("no QR from a server we do not trust")
                    .noneMatch(r -> r.startsWith("qr") || r.startsWith("connected"));
            assertThat(listener.reports.getLast()).startsWith("failed").contains("server certificate did not verify");
        } finally {
            c.disconnect();
        }
    }

    /**
     * A send on a connection that is not logged in (here: waiting for a QR scan) fails with the client's reason,
     * through the real client; media on a connector built without media support fails at once. Neither is ever reported as sent.
     */
    @Test
    void aSendThatCannotGoOutFailsWithTheReason() throws Exception {
        Recording listener = new Recording();
        WhatsAppClientConnector connector = connector(emulator.rootPublicKeyBase64(),
                Path.of(SharedKafka.tempDir("wa-conn-sessions")));
        Connection c = connector.connect(new SessionSpec("send-later", "u", "n"), listener);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.reports.stream().anyMatch(r -> r.startsWith("qr")));
            var text = c.send(new OutboundMessage("3EB0AAAA", "6281234567890@s.whatsapp.net",
                    MessageType.TEXT, "hi", null, null, null)).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(text.sent()).isFalse();
            assertThat(text.error()).startsWith("send failed: ");
            var image = c.send(new OutboundMessage("3EB0BBBB", "6281234567890@s.whatsapp.net",
                    MessageType.IMAGE, null, "https://example.com/a.jpg", null, null)).get(1, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(image.sent()).isFalse();
            assertThat(image.error()).isEqualTo(ClientConnection.NO_MEDIA + " (type image)");
        } finally {
            c.disconnect();
        }
    }

    @Test
    void aConnectionThatCannotComeBackGivesUpAfterTheConfiguredAttemptsAndKeepsTheCredentials() throws Exception {
        EmulatorAdmin admin = new EmulatorAdmin(emulator.adminUrl());
        Recording listener = new Recording();
        Path sessions = Path.of(SharedKafka.tempDir("wa-conn-sessions"));
        Connection c = connector(emulator.rootPublicKeyBase64(), sessions)
                .connect(new SessionSpec("gives-up", "u", "n"), listener);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.reports.stream().anyMatch(r -> r.startsWith("qr")));
            String qr = listener.reports.stream().filter(r -> r.startsWith("qr ")).findFirst().orElseThrow().substring(3);
            String number = "62822" + (System.nanoTime() % 100_000_000L);
            assertThat(admin.createPhone(number).status()).isEqualTo(201);
            assertThat(admin.linkQr(number, qr).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.reports.contains("connected +" + number));

            assertThat(admin.faults("{\"dropConnections\":true,\"refuseForSeconds\":20}").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.reports.getLast().startsWith("failed"));
            assertThat(listener.reports.getLast()).startsWith("failed gave up reconnecting: ");
            assertThat(listener.reports).contains("reconnecting connection closed (WebSocket status 1006)")
                    .noneMatch(r -> r.startsWith("logged_out"));
            assertThat(Files.list(sessions.resolve("gives-up")).toList()).as("credentials kept").isNotEmpty();
        } finally {
            admin.faults("{\"refuseForSeconds\":0}");
            c.disconnect();
        }
    }

    @Test
    void loggingOutStoredCredentialsLogsInToRemoveTheDeviceAndReportsWhenItCannot() throws Exception {
        EmulatorAdmin admin = new EmulatorAdmin(emulator.adminUrl());
        Path sessions = Path.of(SharedKafka.tempDir("wa-conn-sessions"));
        WhatsAppClientConnector connector = connector(emulator.rootPublicKeyBase64(), sessions);
        SessionSpec spec = new SessionSpec("stored-logout", "u", "n");
        Recording listener = new Recording();
        Connection c = connector.connect(spec, listener);
        String number = "62833" + (System.nanoTime() % 100_000_000L);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.reports.stream().anyMatch(r -> r.startsWith("qr")));
            String qr = listener.reports.stream().filter(r -> r.startsWith("qr ")).findFirst().orElseThrow().substring(3);
            assertThat(admin.createPhone(number).status()).isEqualTo(201);
            assertThat(admin.linkQr(number, qr).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.reports.contains("connected +" + number));
        } finally {
            c.disconnect();
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !admin.phone(number).body().path("devices").get(0).path("connected").asBoolean(true));

        // a server that does not prove itself is never told anything: the failure names why, the device stays
        byte[] wrong = emulator.rootPublicKey();
        wrong[0] ^= 1;
        assertThatThrownBy(() -> connector(Base64.getEncoder().encodeToString(wrong), sessions).logoutStored(spec))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("server certificate did not verify");
        assertThat(admin.phone(number).body().path("devices").size()).isEqualTo(1);

        connector.logoutStored(spec);
        assertThat(admin.phone(number).body().path("devices").isEmpty()).as("device removed on the phone").isTrue();
        assertThat(listener.reports).as("the engine's listener hears nothing of it").last().asString()
                .startsWith("connected");
    }

    @Test
    void loggingOutStoredCredentialsOfADeviceAlreadyUnlinkedOnThePhoneHasNothingLeftToDo() throws Exception {
        EmulatorAdmin admin = new EmulatorAdmin(emulator.adminUrl());
        WhatsAppClientConnector connector = connector(emulator.rootPublicKeyBase64(),
                Path.of(SharedKafka.tempDir("wa-conn-sessions")));
        SessionSpec spec = new SessionSpec("unlinked-meanwhile", "u", "n");
        Recording listener = new Recording();
        Connection c = connector.connect(spec, listener);
        String number = "62844" + (System.nanoTime() % 100_000_000L);
        String deviceJid;
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.reports.stream().anyMatch(r -> r.startsWith("qr")));
            String qr = listener.reports.stream().filter(r -> r.startsWith("qr ")).findFirst().orElseThrow().substring(3);
            assertThat(admin.createPhone(number).status()).isEqualTo(201);
            EmulatorAdmin.Answer linked = admin.linkQr(number, qr);
            assertThat(linked.status()).isEqualTo(200);
            deviceJid = linked.text("deviceJid");
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.reports.contains("connected +" + number));
        } finally {
            c.disconnect();
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !admin.phone(number).body().path("devices").get(0).path("connected").asBoolean(true));
        assertThat(admin.unlink(number, deviceJid).status()).isEqualTo(200);

        connector.logoutStored(spec); // the server refuses the login as logged out: the goal is already reached
        assertThat(admin.phone(number).body().path("devices").isEmpty()).isTrue();
    }

    @Test
    void loggingOutCredentialsThatWereNeverPairedHasNoDeviceToRemove() throws Exception {
        Path sessions = Path.of(SharedKafka.tempDir("wa-conn-sessions"));
        WhatsAppClientConnector connector = connector(emulator.rootPublicKeyBase64(), sessions);
        // the client stores credentials only once paired; these stand for ones stored before a pairing finished
        new FileSessionStore(sessions, sessions.resolveSibling(sessions.getFileName() + "-media"))
                .write("never-paired", "creds", Credentials.generate(runtime.runtime().random()).encode());
        long started = System.nanoTime();
        connector.logoutStored(new SessionSpec("never-paired", "u", "n")); // no failure: nothing was linked
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the server's QR ends it, no wait for a scan")
                .isLessThan(Duration.ofSeconds(5));
    }

    private static WhatsAppClientConnector connector(String rootKey, Path sessions) throws Exception {
        Files.createDirectories(sessions);
        WhatsAppClientProperties p = new WhatsAppClientProperties(emulator.wsUrl().toString(), rootKey, null, null,
                null, null, Duration.ofMillis(100), Duration.ofMillis(500), 2, null, Duration.ofSeconds(10), null,
                null);
        return new WhatsAppClientConnector(ClientSettings.toConfig(p), runtime.runtime(),
                new FileSessionStore(sessions, sessions.resolveSibling(sessions.getFileName() + "-media")),
                p.requestTimeout());
    }

    private static final class Recording implements ConnectionListener {
        final List<String> reports = new CopyOnWriteArrayList<>();

        @Override public void qrCode(String qrString) { reports.add("qr " + qrString); }
        @Override public void connected(String phoneNumber) { reports.add("connected " + phoneNumber); }
        @Override public void reconnecting(String reason) { reports.add("reconnecting " + reason); }
        @Override public void retryingRefused(String reason) { reports.add("refused " + reason); }
        @Override public void disconnected(String reason) { reports.add("disconnected " + reason); }
        @Override public void loggedOut(String reason) { reports.add("logged_out " + reason); }
        @Override public void failed(String reason) { reports.add("failed " + reason); }
        @Override public void messageStatus(String messageId, MessageStatus status, String error) { }
        @Override public CompletionStage<Void> messageReceived(InboundMessage message) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
