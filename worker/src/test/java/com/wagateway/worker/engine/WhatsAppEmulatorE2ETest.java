package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.emulator.Emulator;
import com.wagateway.emulator.EmulatorConfig;
import com.wagateway.whatsapp.client.ClientConfig;
import com.wagateway.whatsapp.client.CloseReason;
import com.wagateway.whatsapp.client.CredentialStore;
import com.wagateway.whatsapp.client.SessionListener;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.worker.avro.SessionEvent;
import com.wagateway.worker.avro.SessionStatusChanged;
import com.wagateway.worker.engine.EmulatorAdmin.Answer;
import com.wagateway.worker.engine.RestCalls.Reply;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.session.SessionView;
import com.wagateway.worker.store.SessionStore;
import com.wagateway.worker.waclient.ClientRuntimeResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The worker with its real WhatsApp connector against the emulator started in-process: pairing, reconnects,
 * unlinking, logout, restarts, many sessions, a hostile server. The emulator is driven only through its admin HTTP
 * API and reached only through {@code WA_SERVER_URL} and {@code WA_SERVER_ROOT_KEY}, as an operator would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhatsAppEmulatorE2ETest {

    private static final AtomicLong NUMBERS = new AtomicLong(6281100000000L + (System.nanoTime() % 1_000_000) * 100);

    private static Emulator emulator;
    private static EmulatorAdmin admin;
    private static Map<String, String> settings;
    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults(Path.of(SharedKafka.tempDir("wa-emulator"))).withPort(0));
        admin = new EmulatorAdmin(emulator.adminUrl());
        settings = RunningWorker.settingsFor(emulator, "e", 4);
        settings.put("worker.max-sessions", "1000");
        settings.put("worker.whatsapp.reconnect-initial-delay", "200ms");
        settings.put("worker.whatsapp.reconnect-max-delay", "2s");
        settings.put("worker.whatsapp.request-timeout", "15s");
        settings.put("worker.whatsapp.outdated-retry-delay", "1s");
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
    @Order(1)
    void aQrScannedByTheVirtualPhoneConnectsTheSession() throws Exception {
        Linked linked = pairByQr("emu-qr");
        Reply status = worker.rest.get("/api/session/emu-qr/status");
        assertThat(status.data("status")).isEqualTo("connected");
        assertThat(status.data("phoneNumber")).isEqualTo("+" + linked.number());
        assertThat(status.data("qrString")).isNull();
        assertThat(Files.list(worker.sessionDir("emu-qr")).toList()).as("credentials stored").isNotEmpty();
        JsonNode devices = admin.phone(linked.number()).body().path("devices");
        assertThat(devices.size()).isEqualTo(1);
        assertThat(devices.get(0).path("jid").asString()).isEqualTo(linked.deviceJid());
        List<String> statuses = statuses(events("emu-qr", seen -> statuses(seen).contains("connected")));
        assertThat(statuses).containsSubsequence("initializing", "qr_required", "connected");
    }

    @Test
    @Order(2)
    void aPairingCodeTypedOnThePhoneConnectsTheSession() {
        assertThat(worker.rest.createSession("emu-code").status()).isEqualTo(201);
        awaitStatus("emu-code", SessionStatus.QR_REQUIRED, Duration.ofSeconds(30));
        String number = newPhone();
        Reply code = worker.rest.post("/api/session/emu-code/pairing-code", "{\"phoneNumber\":\"" + number + "\"}");
        assertThat(code.status()).as(code.body().toString()).isEqualTo(200);
        String pairingCode = code.data("pairingCode");
        assertThat(pairingCode).matches("[0-9A-Z]{4}-[0-9A-Z]{4}");
        Answer linked = admin.linkCode(number, pairingCode);
        assertThat(linked.status()).as(linked.body().toString()).isEqualTo(200);
        SessionView view = awaitStatus("emu-code", SessionStatus.CONNECTED, Duration.ofSeconds(30));
        assertThat(view.phoneNumber()).isEqualTo("+" + number);
        List<SessionEvent> events = events("emu-code", seen -> seen.stream().anyMatch(e ->
                e.getPayload() instanceof SessionStatusChanged s && pairingCode.equals(s.getPairingCode())));
        assertThat(events).anySatisfy(e -> assertThat(((SessionStatusChanged) e.getPayload()).getPairingCode())
                .isEqualTo(pairingCode));
    }

    @Test
    @Order(3)
    void aDroppedConnectionShowsDisconnectedAndComesBackConnectedByItself() {
        pairByQr("emu-drop");
        Answer fault = admin.faults("{\"dropConnections\":true,\"refuseForSeconds\":2}");
        assertThat(fault.status()).as(fault.body().toString()).isEqualTo(200);
        SessionView down = awaitStatus("emu-drop", SessionStatus.DISCONNECTED, Duration.ofSeconds(15));
        assertThat(down.error()).as("the reason is shown").isNotBlank();
        SessionView back = awaitStatus("emu-drop", SessionStatus.CONNECTED, Duration.ofSeconds(30));
        assertThat(back.phoneNumber()).isNotNull();
        List<String> statuses = statuses(events("emu-drop",
                seen -> statuses(seen).lastIndexOf("connected") > statuses(seen).indexOf("disconnected")
                        && statuses(seen).contains("disconnected")));
        assertThat(statuses).containsSubsequence("connected", "disconnected", "connected");
        assertThat(statuses.subList(statuses.indexOf("disconnected"), statuses.size()))
                .as("a dropped connection never goes back to QR").doesNotContain("qr_required", "logged_out");
    }

    @Test
    @Order(4)
    void unlinkedOnThePhoneTheSessionIsLoggedOutAndItsFilesAreGone() {
        Linked linked = pairByQr("emu-unlink");
        Answer removed = admin.unlink(linked.number(), linked.deviceJid());
        assertThat(removed.status()).as(removed.body().toString()).isEqualTo(200);
        awaitStatus("emu-unlink", SessionStatus.LOGGED_OUT, Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(worker.sessionDir("emu-unlink")));
    }

    @Test
    @Order(5)
    void logoutOverRestRemovesTheDeviceFromThePhoneAndTheFiles() {
        Linked linked = pairByQr("emu-logout");
        assertThat(worker.rest.post("/api/session/emu-logout/logout", null).status()).isEqualTo(200);
        SessionView view = awaitStatus("emu-logout", SessionStatus.LOGGED_OUT, Duration.ofSeconds(20));
        assertThat(view.error()).as("the server confirmed the removal").isNull();
        assertThat(worker.sessionDir("emu-logout")).doesNotExist();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.phone(linked.number()).body().path("devices").isEmpty());
    }

    @Test
    @Order(5)
    void logoutOfADisconnectedSessionStillRemovesTheDeviceFromThePhone() {
        Linked linked = pairByQr("emu-logout-off");
        assertThat(worker.rest.post("/api/session/emu-logout-off/disconnect", null).status()).isEqualTo(200);
        awaitStatus("emu-logout-off", SessionStatus.DISCONNECTED, Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode devices = admin.phone(linked.number()).body().path("devices");
            return devices.size() == 1 && !devices.get(0).path("connected").asBoolean(true);
        });

        assertThat(worker.rest.post("/api/session/emu-logout-off/logout", null).status()).isEqualTo(200);
        SessionView view = awaitStatus("emu-logout-off", SessionStatus.LOGGED_OUT, Duration.ofSeconds(30));
        assertThat(view.error()).as("the server confirmed the removal").isNull();
        assertThat(worker.sessionDir("emu-logout-off")).doesNotExist();
        assertThat(admin.phone(linked.number()).body().path("devices").isEmpty())
                .as("the device is unlinked on the phone, not only forgotten by the worker").isTrue();
        List<SessionEvent> after = settledEvents("emu-logout-off");
        assertThat(statuses(after)).endsWith("disconnected", "logged_out");
    }

    @Test
    @Order(6)
    void disconnectKeepsTheCredentialsAndRestartConnectsWithoutAQr() {
        pairByQr("emu-disc");
        assertThat(worker.rest.post("/api/session/emu-disc/disconnect", null).status()).isEqualTo(200);
        awaitStatus("emu-disc", SessionStatus.DISCONNECTED, Duration.ofSeconds(20));
        assertThat(worker.sessionDir("emu-disc")).isDirectory();
        int before = events("emu-disc", seen -> statuses(seen).contains("disconnected")).size();

        assertThat(worker.rest.post("/api/session/emu-disc/restart", null).status()).isEqualTo(200);
        List<SessionEvent> events = events("emu-disc", seen -> seen.size() > before
                && statuses(seen.subList(before, seen.size())).contains("connected"));
        assertThat(statuses(events.subList(before, events.size())))
                .containsExactly("initializing", "connected");

        // a later create of the disconnected session (REST) logs in from the same credentials too, no QR
        assertThat(worker.rest.post("/api/session/emu-disc/disconnect", null).status()).isEqualTo(200);
        awaitStatus("emu-disc", SessionStatus.DISCONNECTED, Duration.ofSeconds(20));
        int beforeCreate = settledEvents("emu-disc").size();
        assertThat(worker.rest.post("/api/session/create",
                "{\"sessionId\":\"emu-disc\",\"userId\":\"user-emu-disc\",\"sessionName\":\"again\"}").status())
                .isEqualTo(201);
        List<SessionEvent> again = events("emu-disc", seen -> seen.size() > beforeCreate
                && statuses(seen.subList(beforeCreate, seen.size())).contains("connected"));
        assertThat(statuses(again.subList(beforeCreate, again.size()))).containsExactly("initializing", "connected");
    }

    @Test
    @Order(7)
    void deleteClosesAndRemovesEveryFileAndTheSessionAnswers404() throws Exception {
        Linked linked = pairByQr("emu-del");
        Path media = Path.of(settings.get("worker.media-storage-path")).resolve("emu-del");
        Files.createDirectories(media);
        Files.writeString(media.resolve("photo.jpg"), "x");
        assertThat(worker.rest.delete("/api/session/emu-del").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> worker.rest.get("/api/session/emu-del/status").status() == 404);
        assertThat(worker.sessionDir("emu-del")).doesNotExist();
        assertThat(media).doesNotExist();
        // delete is not logout (spec matrix): the device stays linked on the phone, only its connection is gone
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode devices = admin.phone(linked.number()).body().path("devices");
            return devices.size() == 1 && !devices.get(0).path("connected").asBoolean(true);
        });
    }

    @Test
    @Order(8)
    void twoHundredSessionsPairAtOnce() throws Exception {
        int n = 200;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("emu-many-" + i);
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> created = new ArrayList<>();
            for (String id : ids) {
                created.add(pool.submit(() -> worker.rest.createSession(id).status()));
            }
            for (Future<Integer> f : created) {
                assertThat(f.get()).isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    ids.stream().allMatch(id -> worker.directory().find(id)
                            .map(v -> v.status() == SessionStatus.QR_REQUIRED && v.qrString() != null).orElse(false)));
            List<Future<Answer>> links = new ArrayList<>();
            for (String id : ids) {
                String qr = worker.directory().find(id).orElseThrow().qrString();
                String number = newPhone();
                links.add(pool.submit(() -> admin.linkQr(number, qr)));
            }
            for (Future<Answer> f : links) {
                Answer a = f.get();
                assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
            }
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                ids.stream().allMatch(id -> worker.directory().find(id)
                        .map(v -> v.status() == SessionStatus.CONNECTED).orElse(false)));
        assertThat(ids).allSatisfy(id -> assertThat(worker.directory().find(id).orElseThrow().phoneNumber())
                .startsWith("+628"));
        for (String id : ids) {
            assertThat(worker.rest.delete("/api/session/" + id).status()).isEqualTo(200);
        }
    }

    @Test
    @Order(9)
    void aHostileServerHurtsOnlyTheSessionItTargets() {
        Linked garbage = pairByQr("emu-hostile-garbage");
        Linked oversized = pairByQr("emu-hostile-big");
        Linked stanza = pairByQr("emu-hostile-stanza");
        pairByQr("emu-bystander");
        int bystanderEvents = settledEvents("emu-bystander").size();

        attack("garbage-frame", garbage, "emu-hostile-garbage", true);
        attack("oversized-node", oversized, "emu-hostile-big", true);
        attack("unexpected-stanza", stanza, "emu-hostile-stanza", false);
        assertThat(worker.directory().find("emu-hostile-stanza").orElseThrow().status())
                .as("a well-formed stanza nobody expects is ignored").isEqualTo(SessionStatus.CONNECTED);

        assertThat(worker.directory().find("emu-bystander").orElseThrow().status()).isEqualTo(SessionStatus.CONNECTED);
        assertThat(settledEvents("emu-bystander")).as("the bystander saw nothing").hasSize(bystanderEvents);
    }

    /**
     * Sends one hostile frame to the session's device. A frame that breaks the transport or the decoder must cost
     * that session its connection (it reconnects, or ends in error); nothing may log it out or send it back to QR.
     */
    private static void attack(String kind, Linked target, String sessionId, boolean mustDrop) {
        int before = settledEvents(sessionId).size();
        Answer sent = admin.faults("{\"hostile\":\"" + kind + "\",\"deviceJid\":\"" + target.deviceJid() + "\"}");
        assertThat(sent.status()).as(kind + ": " + sent.body()).isEqualTo(200);
        if (mustDrop) {
            List<SessionEvent> hit = events(sessionId, seen -> seen.size() > before && statuses(seen.subList(before,
                    seen.size())).stream().anyMatch(st -> st.equals("disconnected") || st.equals("error")));
            assertThat(statuses(hit.subList(before, hit.size()))).as(kind + " dropped the connection")
                    .containsAnyOf("disconnected", "error");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> worker.directory().find(sessionId)
                .map(v -> v.status() == SessionStatus.CONNECTED || v.status() == SessionStatus.ERROR).orElse(false));
        List<SessionEvent> after = settledEvents(sessionId);
        assertThat(statuses(after.subList(before, after.size()))).as(kind + " on " + sessionId)
                .doesNotContain("qr_required", "logged_out");
    }

    @Test
    @Order(10)
    void aServerRefusingTheClientVersionShowsErrorKeepsCredentialsAndRecoversWithoutAQr() {
        pairByQr("emu-outdated");
        int before = settledEvents("emu-outdated").size();
        try {
            assertThat(admin.settings("{\"minClientVersion\":\"2.3000.1043857761\"}").status()).isEqualTo(200);
            assertThat(admin.faults("{\"dropConnections\":true}").status()).isEqualTo(200);
            SessionView refused = awaitStatus("emu-outdated", SessionStatus.ERROR, Duration.ofSeconds(20));
            assertThat(refused.error()).isNotBlank();
            assertThat(refused.reconnecting()).as("still retrying, slowly").isTrue();
            assertThat(worker.sessionDir("emu-outdated")).as("credentials kept").isDirectory();
        } finally {
            admin.settings("{\"minClientVersion\":null}");
        }
        awaitStatus("emu-outdated", SessionStatus.CONNECTED, Duration.ofSeconds(20));
        List<SessionEvent> after = settledEvents("emu-outdated");
        assertThat(statuses(after.subList(before, after.size()))).contains("error")
                .doesNotContain("qr_required", "logged_out").endsWith("connected");
    }

    @Test
    @Order(11)
    void aWorkerConfiguredWithTheWrongServerRootKeyShowsErrorAndNeverAQr() {
        byte[] wrong = new byte[32];
        new java.security.SecureRandom().nextBytes(wrong);
        Map<String, String> wrongKey = new LinkedHashMap<>(settings); // same timings, a worker of its own
        wrongKey.putAll(RunningWorker.settingsFor(emulator, "w", 4));
        wrongKey.put("worker.whatsapp.server-root-key", java.util.Base64.getEncoder().encodeToString(wrong));
        try (RunningWorker misconfigured = RunningWorker.start(wrongKey)) {
            Reply created = misconfigured.rest.createSession("emu-wrong-key");
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> misconfigured
                    .directory().find("emu-wrong-key").map(v -> v.status() == SessionStatus.ERROR).orElse(false));
            Reply status = misconfigured.rest.get("/api/session/emu-wrong-key/status");
            assertThat(status.data("status")).isEqualTo("error");
            assertThat(status.data("error")).contains("server certificate did not verify");
            assertThat(status.data("qrString")).isNull();
            long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            List<SessionEvent> events = EventsProbe.sessionEvents(misconfigured.clients(),
                    misconfigured.topics().sessionEvents(), "emu-wrong-key", seen -> System.nanoTime() > until);
            assertThat(statuses(events)).as("an unverified server is never offered a pairing")
                    .containsExactly("initializing", "error");
            assertThat(misconfigured.directory().find("emu-wrong-key").orElseThrow().status())
                    .as("no retry loop brings it anywhere else").isEqualTo(SessionStatus.ERROR);
        }
    }

    @Test
    @Order(12)
    void aSecondConnectionFromTheSameCredentialsReplacesTheSessionWhichStaysDisconnected() throws Exception {
        pairByQr("emu-conflict");
        int before = settledEvents("emu-conflict").size();
        // a copy of the worker's stored credentials, as a second client holding the same device would have them
        SessionStore store = worker.bean(SessionStore.class);
        Map<String, byte[]> copy = new ConcurrentHashMap<>();
        for (String name : List.of("creds", "prekeys")) {
            store.read("emu-conflict", name).ifPresent(bytes -> copy.put(name, bytes));
        }
        assertThat(copy).containsKey("creds");
        CredentialStore copied = new CredentialStore() {
            @Override
            public Optional<byte[]> read(String name) {
                return Optional.ofNullable(copy.get(name));
            }

            @Override
            public void write(String name, byte[] content) {
                copy.put(name, content);
            }

            @Override
            public void delete(String name) {
                copy.remove(name);
            }
        };
        List<String> intruderReports = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> intruderConnected = new CompletableFuture<>();
        WhatsAppClient intruder = WhatsAppClient.start("emu-conflict-intruder", worker.bean(ClientConfig.class),
                worker.bean(ClientRuntimeResources.class).runtime(), copied, new SessionListener() {
                    @Override
                    public void qr(String qrString) {
                        intruderReports.add("qr");
                    }

                    @Override
                    public void connected(Jid me, Jid lid) {
                        intruderConnected.complete(null);
                    }

                    @Override
                    public void reconnecting(CloseReason reason, int attempt, Duration delay) {
                        intruderReports.add("reconnecting: " + reason.description());
                    }

                    @Override
                    public void closed(CloseReason reason) {
                        intruderReports.add("closed: " + reason.description());
                    }
                });
        try {
            intruderConnected.get(20, TimeUnit.SECONDS);
            SessionView replaced = awaitStatus("emu-conflict", SessionStatus.DISCONNECTED, Duration.ofSeconds(20));
            assertThat(replaced.error()).as("the reason names the replacement").containsIgnoringCase("replaced");
            // reconnects start after 200 ms here: a loop would have fought back within these seconds
            Thread.sleep(3000);
            assertThat(worker.directory().find("emu-conflict").orElseThrow().status())
                    .as("a replaced session does not take the device back by itself")
                    .isEqualTo(SessionStatus.DISCONNECTED);
            assertThat(intruderReports).as("the second connection kept the device").isEmpty();
            List<SessionEvent> after = settledEvents("emu-conflict");
            assertThat(statuses(after.subList(before, after.size()))).containsExactly("disconnected");
            assertThat(worker.sessionDir("emu-conflict")).as("credentials kept").isDirectory();
        } finally {
            intruder.close();
        }
    }

    @Test
    @Order(100)
    void aRestartedWorkerRestoresItsSessionsWithoutAQr() {
        pairByQr("emu-restore");
        int before = events("emu-restore", seen -> statuses(seen).contains("connected")).size();
        worker.close();
        worker = RunningWorker.start(settings);
        awaitStatus("emu-restore", SessionStatus.CONNECTED, Duration.ofSeconds(30));
        List<SessionEvent> events = events("emu-restore", seen -> seen.size() > before
                && statuses(seen.subList(before, seen.size())).contains("connected"));
        assertThat(statuses(events.subList(before, events.size()))).containsExactly("initializing", "connected");
        assertThat(Files.exists(worker.sessionDir("emu-restore"))).isTrue();
    }

    // ---- helpers ----

    record Linked(String number, String deviceJid) {}

    /** Creates the session over REST, lets a new virtual phone scan its QR, waits for connected. */
    private static Linked pairByQr(String sessionId) {
        Reply created = worker.rest.createSession(sessionId);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String qr = awaitStatus(sessionId, SessionStatus.QR_REQUIRED, Duration.ofSeconds(30)).qrString();
        Reply status = worker.rest.get("/api/session/" + sessionId + "/status");
        assertThat(status.data("qrString")).isEqualTo(qr);
        assertThat(status.data("qrCode")).startsWith("data:image/png;base64,");
        String number = newPhone();
        Answer linked = admin.linkQr(number, qr);
        assertThat(linked.status()).as(linked.body().toString()).isEqualTo(200);
        SessionView view = awaitStatus(sessionId, SessionStatus.CONNECTED, Duration.ofSeconds(30));
        assertThat(view.phoneNumber()).isEqualTo("+" + number);
        return new Linked(number, linked.text("deviceJid"));
    }

    private static String newPhone() {
        String number = Long.toString(NUMBERS.incrementAndGet());
        Answer phone = admin.createPhone(number);
        assertThat(phone.status()).as(phone.body().toString()).isEqualTo(201);
        return number;
    }

    private static SessionView awaitStatus(String sessionId, SessionStatus status, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> worker.directory().find(sessionId).map(v -> v.status() == status).orElse(false));
        return worker.directory().find(sessionId).orElseThrow();
    }

    private static List<SessionEvent> events(String sessionId, Predicate<List<SessionEvent>> enough) {
        return EventsProbe.sessionEvents(worker.clients(), worker.topics().sessionEvents(), sessionId, enough);
    }

    /** Every event of the session so far: reads for a while, so that late ones are in too. */
    private static List<SessionEvent> settledEvents(String sessionId) {
        long until = System.nanoTime() + Duration.ofMillis(1000).toNanos();
        return events(sessionId, seen -> System.nanoTime() > until);
    }

    private static List<String> statuses(List<SessionEvent> events) {
        return events.stream().filter(e -> e.getPayload() instanceof SessionStatusChanged s && s.getPairingCode() == null)
                .map(e -> ((SessionStatusChanged) e.getPayload()).getStatus()).toList();
    }
}
