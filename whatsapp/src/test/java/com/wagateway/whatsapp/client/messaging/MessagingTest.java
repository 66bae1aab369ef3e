package com.wagateway.whatsapp.client.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.auth.PreKey;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BigEndian;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import com.wagateway.whatsapp.client.CloseReason;
import com.wagateway.whatsapp.client.CredentialStore;
import com.wagateway.whatsapp.client.DeliveryStatus;
import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.client.MessageStatusUpdate;
import com.wagateway.whatsapp.client.SentMessage;
import com.wagateway.whatsapp.client.SessionListener;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import com.wagateway.whatsapp.signal.InMemorySignalStore;
import com.wagateway.whatsapp.signal.MessageKind;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignedPreKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messaging against a scripted connection and Signal-speaking peers: the stanzas of §10 and what comes of them. */
class MessagingTest {

    static final Jid ME = Jid.parse("15550000001:3@s.whatsapp.net");
    static final Jid ME_LID = Jid.parse("900000001:3@lid");
    static final Jid ALICE = Jid.parse("15550000002@s.whatsapp.net");
    static final Jid ALICE_LID = Jid.parse("900000002@lid");
    static final Jid BOB = Jid.parse("15550000004@s.whatsapp.net");
    static final Jid BOB_LID = Jid.parse("900000004@lid");
    static final Jid GROUP = Jid.parse("120363000000000001@g.us");
    static final byte[] ACCOUNT = {10, 3, 1, 2, 3};

    final Peer alicePhone = new Peer(ALICE, ALICE_LID);
    final Peer aliceCompanion = new Peer(ALICE.withDevice(5), ALICE_LID.withDevice(5));
    final Peer myPhone = new Peer(ME.withDevice(0), ME_LID.withDevice(0));
    final Peer bobPhone = new Peer(BOB, BOB_LID);
    final Map<Jid, Peer> peersByLid = new HashMap<>();

    final FakeStanzas stanzas = new FakeStanzas();
    final MapLidMappings mappings = new MapLidMappings();
    final Map<String, byte[]> entries = new HashMap<>();
    final List<MessageStatusUpdate> statuses = new ArrayList<>();
    final List<IncomingMessage> received = new ArrayList<>();
    final List<String> undecryptable = new ArrayList<>();
    final AtomicInteger nextPreKey = new AtomicInteger(50);
    ScheduledThreadPoolExecutor scheduler;
    Credentials creds;
    InMemorySignalStore signal;
    Messaging messaging;
    Duration ackTimeout = Duration.ofSeconds(20);
    Duration keepTimeout = Duration.ofMinutes(5);
    int maxSkippedKeys = 2000;
    /** What the application answers for each received message (kept at once unless a test says otherwise). */
    java.util.function.Function<IncomingMessage, java.util.concurrent.CompletionStage<Void>> keep =
            m -> CompletableFuture.completedFuture(null);
    int retryCacheMessages = 500;
    int retryCacheBytes = 256 * 1024;
    int usyncQueries;
    int bundleQueries;
    int groupQueries;

    @BeforeEach
    void setUp() {
        scheduler = new ScheduledThreadPoolExecutor(1);
        creds = Credentials.generate(new FixedRandom("me")).withPairing(ME, ME_LID, ACCOUNT, "android",
                new byte[32], null);
        signal = new InMemorySignalStore(creds.identityKey(), creds.registrationId());
        signal.addSignedPreKey(new SignedPreKey(creds.signedPreKeyId(), creds.signedPreKey(),
                creds.signedPreKeySignature()));
        for (Peer p : List.of(alicePhone, aliceCompanion, myPhone, bobPhone)) {
            peersByLid.put(p.lid, p);
        }
        stanzas.answers = this::server;
        messaging = build();
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    Messaging build() {
        CredentialStore store = new CredentialStore() {
            @Override
            public Optional<byte[]> read(String name) {
                return Optional.ofNullable(entries.get(name));
            }

            @Override
            public void write(String name, byte[] content) {
                entries.put(name, content.clone());
            }

            @Override
            public void delete(String name) {
                entries.remove(name);
            }
        };
        SessionListener listener = new SessionListener() {
            @Override
            public void qr(String qrString) {
            }

            @Override
            public void connected(Jid me, Jid lid) {
            }

            @Override
            public void reconnecting(CloseReason reason, int attempt, Duration delay) {
            }

            @Override
            public void closed(CloseReason reason) {
            }

            @Override
            public void messageStatus(MessageStatusUpdate update) {
                statuses.add(update);
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> messageReceived(IncomingMessage message) {
                received.add(message);
                return keep.apply(message);
            }

            @Override
            public void messageUndecryptable(String messageId, Jid from, String reason) {
                undecryptable.add(messageId + " " + from + " " + reason);
            }
        };
        PreKeySource preKeys = () -> {
            Curve25519KeyPair key = Curve25519.generateKeyPair(new FixedRandom("pk" + nextPreKey.get()));
            PreKey preKey = new PreKey(nextPreKey.getAndIncrement(), key);
            signal.addPreKey(preKey.id(), key);
            return preKey;
        };
        Messaging m = new Messaging(new MessagingContext("test", stanzas, signal, mappings, () -> creds, preKeys,
                store, listener, scheduler, Runnable::run, new FixedRandom("messaging"), Clock.systemUTC(),
                ackTimeout, true, maxSkippedKeys, retryCacheMessages, retryCacheBytes, keepTimeout));
        m.loggedIn(ME, ME_LID);
        return m;
    }

    /** The server side of the IQs: usync with LIDs, bundles from the peers, one group. */
    Node server(Node iq) {
        String xmlns = iq.attr("xmlns");
        if ("usync".equals(xmlns)) {
            usyncQueries++;
            List<Node> users = new ArrayList<>();
            for (Node user : iq.child("usync").child("list").children()) {
                Jid jid = Jid.parse(user.attr("jid"));
                String u = jid.user();
                List<Node> devices = new ArrayList<>();
                devices.add(Node.of("device", Attributes.of("id", "0")));
                Jid lid;
                if (u.equals(ALICE.user()) || u.equals(ALICE_LID.user())) {
                    devices.add(Node.of("device", Attributes.of("id", "5", "key-index", "1")));
                    devices.add(Node.of("device", Attributes.of("id", "6"))); // no key-index: skipped
                    lid = ALICE_LID;
                } else if (u.equals(ME.user()) || u.equals(ME_LID.user())) {
                    devices.add(Node.of("device", Attributes.of("id", "3", "key-index", "2")));
                    lid = ME_LID.withDevice(0);
                } else {
                    lid = BOB_LID;
                }
                users.add(Node.of("user", Attributes.of("jid", jid.toString()), List.of(
                        Node.of("devices", Attributes.empty(), List.of(Node.of("device-list", Attributes.empty(),
                                devices))),
                        Node.of("lid", Attributes.of("val", lid.toString())))));
            }
            return Node.of("iq", Attributes.of("type", "result"), List.of(Node.of("usync", Attributes.empty(),
                    List.of(Node.of("list", Attributes.empty(), users)))));
        }
        if ("encrypt".equals(xmlns)) {
            bundleQueries++;
            List<Node> users = new ArrayList<>();
            for (Node user : iq.child("key").children()) {
                Jid asked = Jid.parse(user.attr("jid"));
                Peer peer = peersByLid.get(asked);
                assertThat(peer).as("bundle asked by LID: " + asked).isNotNull();
                users.add(peer.bundleUser(asked));
            }
            return Node.of("iq", Attributes.of("type", "result"), List.of(Node.of("list", Attributes.empty(),
                    users)));
        }
        if ("w:g2".equals(xmlns)) {
            groupQueries++;
            return Node.of("iq", Attributes.of("type", "result"), List.of(Node.of("group",
                    Attributes.of("id", GROUP.user(), "subject", "g", "addressing_mode", "lid"), List.of(
                            Node.of("participant", Attributes.of("jid", ME_LID.withDevice(0).toString(),
                                    "phone_number", ME.withDevice(0).toString())),
                            Node.of("participant", Attributes.of("jid", ALICE_LID.toString(),
                                    "phone_number", ALICE.toString())),
                            Node.of("participant", Attributes.of("jid", BOB_LID.toString(),
                                    "phone_number", BOB.toString()))))));
        }
        throw new AssertionError("unexpected iq " + iq);
    }

    static Node ack(String id, String t) {
        return Node.of("ack", Attributes.of("class", "message", "id", id, "from", ALICE.toString(), "t", t));
    }

    static byte[] bytes(Node node) {
        return ((NodeContent.Bytes) node.content()).data();
    }

    static Node participant(Node message, Jid device) {
        for (Node to : message.child("participants").children()) {
            if (to.attr("jid").equals(device.toString())) {
                return to.child("enc");
            }
        }
        return null;
    }

    // ---- sending 1:1 ---------------------------------------------------------------------------------------------

    @Test
    void sendsToEveryDeviceOfRecipientAndOwnOtherDevicesThenCompletesOnTheAck() throws Exception {
        CompletableFuture<SentMessage> sent = messaging.sendText("3EB0AAAAAAAAAAAAAAAAAA", ALICE, "hello");

        Node usync = stanzas.queries.getFirst();
        assertThat(usync.attr("xmlns")).isEqualTo("usync");
        Node u = usync.child("usync");
        assertThat(u.attrs().asMap()).containsEntry("context", "message").containsEntry("mode", "query")
                .containsEntry("last", "true").containsEntry("index", "0");
        assertThat(u.child("query").children()).extracting(Node::tag).containsExactly("devices", "lid");
        assertThat(u.child("query").child("devices").attr("version")).isEqualTo("2");
        assertThat(u.child("list").children()).extracting(n -> n.attr("jid"))
                .containsExactly(ME.withDevice(0).toString(), ALICE.toString());
        Node bundles = stanzas.queries.get(1);
        assertThat(bundles.child("key").children()).extracting(n -> n.attr("jid")).containsExactlyInAnyOrder(
                ME_LID.withDevice(0).toString(), ALICE_LID.toString(), ALICE_LID.withDevice(5).toString());

        Node message = stanzas.last("message");
        assertThat(message.attrs().asMap()).containsEntry("id", "3EB0AAAAAAAAAAAAAAAAAA")
                .containsEntry("to", ALICE.toString()).containsEntry("type", "text");
        List<Jid> devices = List.of(ME.withDevice(0), ALICE, ALICE.withDevice(5));
        assertThat(message.attr("phash")).isEqualTo(MessageNodes.participantHash(devices));
        assertThat(message.child("participants").children()).extracting(n -> n.attr("jid"))
                .containsExactlyInAnyOrder(devices.stream().map(Jid::toString).toArray(String[]::new));
        assertThat(bytes(message.child("device-identity"))).isEqualTo(ACCOUNT);
        Node toAlice = participant(message, ALICE);
        assertThat(toAlice.attrs().asMap()).containsEntry("v", "2").containsEntry("type", "pkmsg");

        assertThat(alicePhone.decrypt(ME_LID, toAlice).getConversation()).isEqualTo("hello");
        assertThat(aliceCompanion.decrypt(ME_LID, participant(message, ALICE.withDevice(5))).getConversation())
                .isEqualTo("hello");
        Message copy = myPhone.decrypt(ME_LID, participant(message, ME.withDevice(0)));
        assertThat(copy.getDeviceSentMessage().getDestinationJid()).isEqualTo(ALICE.toString());
        assertThat(copy.getDeviceSentMessage().getMessage().getConversation()).isEqualTo("hello");

        assertThat(sent).isNotDone();
        messaging.onAck(ack("3EB0AAAAAAAAAAAAAAAAAA", "1700000000"));
        assertThat(sent.get()).isEqualTo(new SentMessage("3EB0AAAAAAAAAAAAAAAAAA",
                Instant.ofEpochSecond(1700000000)));
        // sessions are keyed by LID: the mapping from usync moved them there
        assertThat(signal.loadSession(new SignalAddress("900000002_1", 0))).isPresent();
        assertThat(signal.loadSession(new SignalAddress("15550000002", 0))).isEmpty();
    }

    @Test
    void secondSendUsesCachedDevicesAndSessionsAndANotificationRefreshesTheDevices() {
        messaging.sendText("A1", ALICE, "one");
        int queries = stanzas.queries.size();
        messaging.sendText("A2", ALICE, "two");
        assertThat(stanzas.queries).hasSize(queries);
        messaging.onNotification(Node.of("notification", Attributes.of("type", "devices", "from",
                ALICE.toString(), "id", "n1")));
        messaging.sendText("A3", ALICE, "three");
        assertThat(usyncQueries).isEqualTo(2);
        assertThat(bundleQueries).isEqualTo(1);
    }

    @Test
    void anIdentityChangeNotificationDropsTheSessionsSoTheNextSendFetchesBundles() {
        messaging.sendText("I1", ALICE, "one");
        assertThat(signal.loadSession(new SignalAddress("900000002_1", 0))).isPresent();
        messaging.onNotification(Node.of("notification", Attributes.of("type", "encrypt", "from", ALICE.toString(),
                "id", "n2"), List.of(Node.of("identity"))));
        assertThat(signal.loadSession(new SignalAddress("900000002_1", 0))).isEmpty();
        assertThat(signal.loadSession(new SignalAddress("900000002_1", 5))).isEmpty();
        messaging.sendText("I2", ALICE, "two");
        assertThat(bundleQueries).isEqualTo(2);
        assertThat(participant(stanzas.last("message"), ALICE).attr("type")).isEqualTo("pkmsg");
    }

    @Test
    void sendsToALidChatWithLidDeviceJids() throws Exception {
        messaging.sendText("L1", ALICE_LID, "hi lid");
        Node message = stanzas.last("message");
        assertThat(message.attr("to")).isEqualTo(ALICE_LID.toString());
        assertThat(message.child("participants").children()).extracting(n -> n.attr("jid")).containsExactlyInAnyOrder(
                ME_LID.withDevice(0).toString(), ALICE_LID.toString(), ALICE_LID.withDevice(5).toString());
        assertThat(alicePhone.decrypt(ME_LID, participant(message, ALICE_LID)).getConversation()).isEqualTo("hi lid");
    }

    @Test
    void aNackAnEndedConnectionAndAMissingAckFailTheSend() throws Exception {
        CompletableFuture<SentMessage> nacked = messaging.sendText("N1", ALICE, "x");
        messaging.onAck(Node.of("ack", Attributes.of("class", "message", "id", "N1", "error", "479")));
        assertThatThrownBy(nacked::get).hasCauseInstanceOf(MessageSendException.class)
                .hasMessageContaining("479");

        CompletableFuture<SentMessage> dropped = messaging.sendText("N2", ALICE, "y");
        messaging.disconnected("stream failure");
        assertThatThrownBy(dropped::get).cause().isInstanceOf(MessageSendException.class)
                .hasMessageContaining("stream failure")
                .extracting(e -> ((MessageSendException) e).reason()).isEqualTo(MessageSendException.CONNECTION_ENDED);

        ackTimeout = Duration.ofMillis(50);
        messaging = build();
        CompletableFuture<SentMessage> silent = messaging.sendText("N3", ALICE, "z");
        assertThatThrownBy(() -> silent.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(MessageSendException.class)
                .extracting(e -> ((MessageSendException) e).reason()).isEqualTo(MessageSendException.TIMEOUT);

        stanzas.open = false;
        assertThatThrownBy(() -> messaging.sendText("N4", ALICE, "offline").get()).cause()
                .extracting(e -> ((MessageSendException) e).reason()).isEqualTo(MessageSendException.NOT_CONNECTED);
    }

    @Test
    void aRecipientWithoutDevicesFailsTheSend() {
        stanzas.answers = iq -> Node.of("iq", Attributes.of("type", "result"), List.of(Node.of("usync",
                Attributes.empty(), List.of(Node.of("list", Attributes.empty(), List.of())))));
        CompletableFuture<SentMessage> sent = messaging.sendText("X1", ALICE, "nobody");
        assertThatThrownBy(sent::get).cause().extracting(e -> ((MessageSendException) e).reason())
                .isEqualTo(MessageSendException.NO_DEVICES);
    }

    // ---- receipts ------------------------------------------------------------------------------------------------

    @Test
    void receiptsBecomeStatusesOnceEachAndAreAcked() {
        messaging.sendText("R1", ALICE, "x");
        messaging.onAck(ack("R1", "1"));
        messaging.onReceipt(Node.of("receipt", Attributes.of("id", "R1", "from", ALICE_LID.toString(), "t", "5")));
        messaging.onReceipt(Node.of("receipt", Attributes.of("id", "R1", "from", ALICE_LID.withDevice(5).toString(),
                "t", "6")));
        messaging.onReceipt(Node.of("receipt", Attributes.of("id", "R1", "from", ALICE.toString(), "type", "read",
                "t", "7")));
        messaging.onReceipt(Node.of("receipt", Attributes.of("id", "R1", "from", ALICE.toString(), "t", "8")));
        // our own device's receipts say nothing about the recipient
        messaging.onReceipt(Node.of("receipt", Attributes.of("id", "R1", "from", ME.withDevice(0).toString(),
                "recipient", ALICE.toString(), "type", "read-self")));
        messaging.onReceipt(Node.of("receipt", Attributes.of("id", "R1", "from", ALICE.toString(), "type", "inactive")));

        assertThat(statuses).extracting(MessageStatusUpdate::status)
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.READ);
        MessageStatusUpdate delivered = statuses.getFirst();
        assertThat(delivered.chat()).isEqualTo(ALICE);
        assertThat(delivered.by()).isEqualTo(ALICE);
        assertThat(delivered.at()).isEqualTo(Instant.ofEpochSecond(5));
        List<Node> acks = stanzas.sentTagged("ack");
        assertThat(acks).hasSize(6);
        assertThat(acks.get(2).attrs().asMap()).containsEntry("class", "receipt").containsEntry("type", "read")
                .containsEntry("id", "R1");
    }

    @Test
    void receiptListsCarrySeveralIdsAndGroupsReportTheReader() {
        messaging.onReceipt(Node.of("receipt", Attributes.of("id", "G1", "from", GROUP.toString(), "participant",
                BOB_LID.toString(), "type", "played"), List.of(Node.of("list", Attributes.empty(),
                        List.of(Node.of("item", Attributes.of("id", "G2")))))));
        assertThat(statuses).extracting(MessageStatusUpdate::messageId).containsExactly("G1", "G2");
        assertThat(statuses.getFirst().chat()).isEqualTo(GROUP);
        assertThat(statuses.getFirst().status()).isEqualTo(DeliveryStatus.PLAYED);
    }

    @Test
    void aRetryReceiptResendsToThatDeviceWithANewSessionFromItsKeys() throws Exception {
        messaging.sendText("T1", ALICE, "again");
        messaging.onAck(ack("T1", "1"));
        int before = stanzas.sentTagged("message").size();
        Peer fresh = new Peer(ALICE.withDevice(5), ALICE_LID.withDevice(5)); // the companion lost its state
        Node bundle = fresh.bundleUser(ALICE_LID.withDevice(5));
        Node keys = Node.of("keys", Attributes.empty(), List.of(bundle.child("type"), bundle.child("identity"),
                bundle.child("key"), bundle.child("skey"), Node.of("device-identity", Attributes.empty(),
                        new byte[] {1})));
        messaging.onReceipt(Node.of("receipt", Attributes.of("id", "T1", "from", ALICE_LID.withDevice(5).toString(),
                "type", "retry"), List.of(
                        Node.of("retry", Attributes.of("count", "2", "id", "T1", "t", "1", "v", "1")),
                        bundle.child("registration"), keys)));
        assertThat(stanzas.sentTagged("message")).hasSize(before + 1);
        Node resent = stanzas.last("message");
        assertThat(resent.attrs().asMap()).containsEntry("id", "T1").containsEntry("to",
                ALICE_LID.withDevice(5).toString()).containsEntry("device_fanout", "false");
        Node enc = resent.child("enc");
        assertThat(enc.attrs().asMap()).containsEntry("type", "pkmsg").containsEntry("count", "2");
        assertThat(resent.child("device-identity")).isNotNull();
        assertThat(fresh.decrypt(ME_LID, enc).getConversation()).isEqualTo("again");
    }

    @Test
    void retryReceiptsAreAnsweredForMoreThanTheLast64Messages() throws Exception {
        for (int i = 0; i < 100; i++) {
            messaging.sendText("Q" + i, ALICE, "message " + i);
            messaging.onAck(ack("Q" + i, "1"));
        }
        int before = stanzas.sentTagged("message").size();
        messaging.onReceipt(Node.of("receipt", Attributes.of("id", "Q0", "from", ALICE_LID.withDevice(5).toString(),
                "type", "retry"), List.of(Node.of("retry", Attributes.of("count", "1", "id", "Q0", "t", "1",
                        "v", "1")))));
        assertThat(stanzas.sentTagged("message")).hasSize(before + 1);
        assertThat(aliceCompanion.decrypt(ME_LID, stanzas.last("message").child("enc")).getConversation())
                .isEqualTo("message 0");

        // beyond the configured bound the message is unknown: nothing is sent
        retryCacheMessages = 10;
        messaging = build();
        for (int i = 0; i < 11; i++) {
            messaging.sendText("U" + i, ALICE, "m" + i);
            messaging.onAck(ack("U" + i, "1"));
        }
        before = stanzas.sentTagged("message").size();
        messaging.onReceipt(Node.of("receipt", Attributes.of("id", "U0", "from", ALICE_LID.withDevice(5).toString(),
                "type", "retry"), List.of(Node.of("retry", Attributes.of("count", "1", "id", "U0", "t", "1",
                        "v", "1")))));
        assertThat(stanzas.sentTagged("message")).hasSize(before);
    }

    // ---- receiving -----------------------------------------------------------------------------------------------

    /** Alice's phone starts a session with us from our bundle (as the server would hand it out). */
    EncryptedMessage fromAlice(Message message) throws Exception {
        if (!alicePhone.store.loadSession(SignalAddress.of(ME_LID)).isPresent()) {
            Curve25519KeyPair otk = Curve25519.generateKeyPair(new FixedRandom("otk"));
            signal.addPreKey(7, otk);
            alicePhone.startSession(ME_LID, new PreKeyBundle(creds.registrationId(), ME_LID.device(),
                    creds.identityKey().publicKey(), creds.signedPreKeyId(), creds.signedPreKey().publicKey(),
                    creds.signedPreKeySignature(), 7, otk.publicKey()));
        }
        return alicePhone.encrypt(ME_LID, message);
    }

    static Node incoming(String id, Jid from, Map<String, String> extra, Node... content) {
        Attributes.Builder b = Attributes.builder().put("id", id).put("from", from.toString()).put("type", "text")
                .put("t", "1700000100");
        extra.forEach(b::put);
        return Node.of("message", b.build(), List.of(content));
    }

    @Test
    void decryptsAPkmsgFromAPnAddressedSenderAndAnswersWithReceiptAndAck() throws Exception {
        mappings.forward.clear();
        mappings.reverse.clear();
        EncryptedMessage enc = fromAlice(Message.newBuilder().setConversation("hi there").build());
        messaging.onMessage(incoming("M1", ALICE, Map.of("notify", "Alice", "sender_lid", ALICE_LID.toString()),
                MessageNodes.enc(enc, 0)));

        assertThat(received).hasSize(1);
        IncomingMessage m = received.getFirst();
        assertThat(m.messageId()).isEqualTo("M1");
        assertThat(m.chat()).isEqualTo(ALICE);
        assertThat(m.sender()).isEqualTo(ALICE);
        assertThat(m.senderLid()).isEqualTo(ALICE_LID);
        assertThat(m.to()).isEqualTo(ME.withDevice(0));
        assertThat(m.type()).isEqualTo("text");
        assertThat(m.text()).isEqualTo("hi there");
        assertThat(m.pushName()).isEqualTo("Alice");
        assertThat(m.timestamp()).isEqualTo(Instant.ofEpochSecond(1700000100));
        assertThat(m.fromMe()).isFalse();
        assertThat(mappings.lidForPn(ALICE.user())).isEqualTo(ALICE_LID.user());

        assertThat(stanzas.sent).extracting(Node::tag).containsExactly("receipt", "ack");
        assertThat(stanzas.sent.get(0).attrs().asMap()).isEqualTo(Map.of("id", "M1", "to", ALICE.toString()));
        assertThat(stanzas.sent.get(1).attrs().asMap()).containsEntry("class", "message").containsEntry("id", "M1");
        // the session the pkmsg set up lives under the LID address
        assertThat(signal.loadSession(new SignalAddress("900000002_1", 0))).isPresent();
    }

    @Test
    void aTamperedMessageAsksForARetryAndTheSessionKeepsWorking() throws Exception {
        EncryptedMessage first = fromAlice(Message.newBuilder().setConversation("one").build());
        messaging.onMessage(incoming("M1", ALICE_LID, Map.of(), MessageNodes.enc(first, 0)));
        EncryptedMessage second = alicePhone.encrypt(ME_LID, Message.newBuilder().setConversation("two").build());
        byte[] tampered = second.serialized();
        tampered[tampered.length - 12] ^= 1;
        Node bad = incoming("M2", ALICE_LID, Map.of(), MessageNodes.enc(second.kind().wire(), tampered, 0));
        stanzas.sent.clear();
        messaging.onMessage(bad);

        assertThat(undecryptable).hasSize(1).first().asString().startsWith("M2 " + ALICE_LID);
        Node retry = stanzas.sent.getFirst();
        assertThat(retry.tag()).isEqualTo("receipt");
        assertThat(retry.attrs().asMap()).containsEntry("id", "M2").containsEntry("type", "retry")
                .containsEntry("to", ALICE_LID.toString());
        assertThat(retry.child("retry").attrs().asMap()).containsEntry("count", "1").containsEntry("id", "M2")
                .containsEntry("t", "1700000100").containsEntry("v", "1").containsEntry("error", "0");
        assertThat(bytes(retry.child("registration"))).isEqualTo(BigEndian.bytes(creds.registrationId(), 4));
        assertThat(retry.child("keys")).isNull();
        assertThat(stanzas.sent.get(1).attrs().asMap()).containsEntry("class", "message")
                .containsEntry("error", "500");

        messaging.onMessage(bad);
        Node secondRetry = stanzas.sentTagged("receipt").getLast();
        assertThat(secondRetry.child("retry").attr("count")).isEqualTo("2");
        Node keys = secondRetry.child("keys");
        assertThat(keys.children()).extracting(Node::tag).containsExactly("type", "identity", "key", "skey",
                "device-identity");
        assertThat(bytes(keys.child("identity"))).isEqualTo(creds.identityKey().publicKey());
        for (int i = 0; i < 4; i++) {
            messaging.onMessage(bad);
        }
        assertThat(stanzas.sentTagged("receipt")).hasSize(5); // at most 5 retry receipts
        assertThat(undecryptable).hasSize(6);

        EncryptedMessage third = alicePhone.encrypt(ME_LID, Message.newBuilder().setConversation("three").build());
        messaging.onMessage(incoming("M3", ALICE_LID, Map.of(), MessageNodes.enc(third, 0)));
        assertThat(received).extracting(IncomingMessage::text).containsExactly("one", "three");
    }

    @Test
    void theReceiptAndAckWaitUntilTheApplicationKeptTheMessage() throws Exception {
        CompletableFuture<Void> kept = new CompletableFuture<>();
        keep = m -> kept;
        EncryptedMessage enc = fromAlice(Message.newBuilder().setConversation("keep me").build());
        messaging.onMessage(incoming("W1", ALICE_LID, Map.of(), MessageNodes.enc(enc, 0)));

        assertThat(received).extracting(IncomingMessage::text).containsExactly("keep me");
        assertThat(stanzas.sent).as("nothing before the application kept it").isEmpty();
        assertThat(signal.loadSession(new SignalAddress("900000002_1", 0))).as("Signal state stored first")
                .isPresent();
        kept.complete(null);
        assertThat(stanzas.sent).extracting(Node::tag).containsExactly("receipt", "ack");
        assertThat(stanzas.sent.get(1).attrs().asMap()).containsEntry("class", "message").containsEntry("id", "W1");
    }

    @Test
    void aMessageTheApplicationDidNotKeepIsNotAckedAndItsRedeliveryIsReportedAgain() throws Exception {
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        keep = m -> {
            CompletableFuture<Void> stage = new CompletableFuture<>();
            stages.add(stage);
            return stage;
        };
        EncryptedMessage enc = fromAlice(Message.newBuilder().setConversation("precious").build());
        Node stanza = incoming("F1", ALICE_LID, Map.of("notify", "Alice"), MessageNodes.enc(enc, 0));
        messaging.onMessage(stanza);
        stages.getFirst().completeExceptionally(new IllegalStateException("kafka down"));
        assertThat(stanzas.sent).as("no receipt, no ack: the server keeps it").isEmpty();

        // the next login: the server delivers the same stanza again; its key is spent, the kept plaintext is used
        messaging.disconnected("reconnect");
        messaging.onMessage(stanza);
        assertThat(undecryptable).isEmpty();
        assertThat(received).hasSize(2);
        assertThat(received.get(1)).isEqualTo(received.get(0));
        assertThat(stanzas.sent).isEmpty();
        stages.get(1).complete(null);
        assertThat(stanzas.sent).extracting(Node::tag).containsExactly("receipt", "ack");

        // acked now: a further copy is no longer in memory and is a duplicate for Signal (a retry receipt asks the
        // sender to re-encrypt)
        stanzas.sent.clear();
        messaging.onMessage(stanza);
        assertThat(received).hasSize(2);
        assertThat(undecryptable).hasSize(1).first().asString().contains("DUPLICATE_MESSAGE");
        assertThat(stanzas.sent.getFirst().attr("type")).isEqualTo("retry");
    }

    @Test
    void aStageSlowerThanTheAckTimeoutButWithinTheKeepTimeoutIsAcked() throws Exception {
        // a media download in the application's stage outlasts the send ack timeout: the message is still acked
        ackTimeout = Duration.ofMillis(50);
        keepTimeout = Duration.ofSeconds(5);
        messaging = build();
        CompletableFuture<Void> download = new CompletableFuture<>();
        keep = m -> download;
        EncryptedMessage one = fromAlice(Message.newBuilder().setConversation("slow").build());
        messaging.onMessage(incoming("K1", ALICE_LID, Map.of(), MessageNodes.enc(one, 0)));
        Thread.sleep(300);
        assertThat(stanzas.sent).as("still being kept").isEmpty();
        download.complete(null);
        assertThat(stanzas.sent).extracting(Node::tag).containsExactly("receipt", "ack");
    }

    @Test
    void aStageThatCompletesTooLateOrAfterTheConnectionEndedAcksNothing() throws Exception {
        ackTimeout = Duration.ofMillis(50);
        keepTimeout = Duration.ofMillis(150);
        messaging = build();
        CompletableFuture<Void> slow = new CompletableFuture<>();
        CompletableFuture<Void> afterEnd = new CompletableFuture<>();
        List<CompletableFuture<Void>> answers = new ArrayList<>(List.of(slow, afterEnd));
        keep = m -> answers.removeFirst();
        EncryptedMessage one = fromAlice(Message.newBuilder().setConversation("one").build());
        EncryptedMessage two = alicePhone.encrypt(ME_LID, Message.newBuilder().setConversation("two").build());
        messaging.onMessage(incoming("T1", ALICE_LID, Map.of(), MessageNodes.enc(one, 0)));
        Thread.sleep(300);
        slow.complete(null);
        assertThat(stanzas.sent).as("the bound passed: the server will redeliver").isEmpty();

        messaging.onMessage(incoming("T2", ALICE_LID, Map.of(), MessageNodes.enc(two, 0)));
        messaging.disconnected("gone");
        afterEnd.complete(null);
        assertThat(stanzas.sent).isEmpty();
    }

    @Test
    void messagesAreHandedOnInArrivalOrderWhileEarlierOnesAreStillBeingKept() throws Exception {
        Map<String, CompletableFuture<Void>> stages = new HashMap<>();
        keep = m -> stages.computeIfAbsent(m.messageId(), id -> new CompletableFuture<>());
        EncryptedMessage first = fromAlice(Message.newBuilder().setConversation("1").build());
        messaging.onMessage(incoming("O1", ALICE_LID, Map.of(), MessageNodes.enc(first, 0)));
        for (int i = 2; i <= 4; i++) {
            EncryptedMessage next = alicePhone.encrypt(ME_LID, Message.newBuilder().setConversation("" + i).build());
            messaging.onMessage(incoming("O" + i, ALICE_LID, Map.of(), MessageNodes.enc(next, 0)));
        }
        assertThat(received).extracting(IncomingMessage::text).containsExactly("1", "2", "3", "4");
        stages.get("O3").complete(null);
        stages.get("O1").complete(null);
        assertThat(stanzas.sentTagged("ack")).extracting(n -> n.attr("id")).containsExactly("O3", "O1");
    }

    @Test
    void theConfiguredSkippedKeyBoundAppliesToReceivedMessages() throws Exception {
        maxSkippedKeys = 3;
        messaging = build();
        EncryptedMessage first = fromAlice(Message.newBuilder().setConversation("one").build());
        messaging.onMessage(incoming("K1", ALICE_LID, Map.of(), MessageNodes.enc(first, 0)));
        List<EncryptedMessage> ahead = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ahead.add(alicePhone.encrypt(ME_LID, Message.newBuilder().setConversation("m" + i).build()));
        }
        messaging.onMessage(incoming("K6", ALICE_LID, Map.of(), MessageNodes.enc(ahead.get(4), 0)));
        assertThat(undecryptable).hasSize(1).first().asString().contains("TOO_MANY_SKIPPED_KEYS");
        messaging.onMessage(incoming("K4", ALICE_LID, Map.of(), MessageNodes.enc(ahead.get(2), 0)));
        assertThat(received).extracting(IncomingMessage::text).containsExactly("one", "m2");
    }

    @Test
    void garbageAndMalformedStanzasAreReportedNotThrown() {
        messaging.onMessage(Node.of("message", Attributes.of("id", "B1", "from", GROUP.toString())));
        messaging.onMessage(incoming("B2", ALICE, Map.of(), MessageNodes.enc("msg", new byte[] {1, 2, 3}, 0)));
        messaging.onMessage(Node.of("message", Attributes.of("from", ALICE.toString())));
        assertThat(undecryptable).hasSize(2);
        assertThat(undecryptable.getFirst()).contains("malformed");
        assertThat(stanzas.sentTagged("ack")).extracting(n -> n.attr("error")).containsExactly("487", "500");
    }

    @Test
    void ourOwnCopiesAreUnwrappedAndGetASenderReceipt() throws Exception {
        Curve25519KeyPair otk = Curve25519.generateKeyPair(new FixedRandom("otk2"));
        signal.addPreKey(8, otk);
        myPhone.startSession(ME_LID, new PreKeyBundle(creds.registrationId(), 3, creds.identityKey().publicKey(),
                creds.signedPreKeyId(), creds.signedPreKey().publicKey(), creds.signedPreKeySignature(), 8,
                otk.publicKey()));
        Message dsm = Message.newBuilder().setDeviceSentMessage(Message.DeviceSentMessage.newBuilder()
                .setDestinationJid(ALICE.toString()).setMessage(Message.newBuilder().setConversation("from phone")))
                .build();
        EncryptedMessage enc = myPhone.encrypt(ME_LID, dsm);
        messaging.onMessage(incoming("S1", ME_LID.withDevice(0), Map.of("recipient", ALICE.toString()),
                MessageNodes.enc(enc, 0)));
        IncomingMessage m = received.getFirst();
        assertThat(m.fromMe()).isTrue();
        assertThat(m.chat()).isEqualTo(ALICE);
        assertThat(m.text()).isEqualTo("from phone");
        assertThat(stanzas.sent.getFirst().attrs().asMap()).containsEntry("type", "sender")
                .containsEntry("to", ME_LID.withDevice(0).toString()).containsEntry("recipient", ALICE.toString());
    }

    // ---- groups --------------------------------------------------------------------------------------------------

    @Test
    void groupSendDistributesTheSenderKeyOnlyToDevicesLackingItAndRemembersThem() throws Exception {
        messaging.sendText("G1", GROUP, "hello group");
        assertThat(groupQueries).isEqualTo(1);
        Node w = stanzas.queries.getFirst();
        assertThat(w.attrs().asMap()).containsEntry("xmlns", "w:g2").containsEntry("to", GROUP.toString());
        assertThat(w.child("query").attr("request")).isEqualTo("interactive");
        Node message = stanzas.last("message");
        assertThat(message.attrs().asMap()).containsEntry("to", GROUP.toString()).containsEntry("type", "text")
                .containsEntry("addressing_mode", "lid").containsEntry("id", "G1");
        assertThat(message.attr("phash")).isNull();
        assertThat(message.child("participants").children()).extracting(n -> n.attr("jid")).containsExactlyInAnyOrder(
                ME_LID.withDevice(0).toString(), ALICE_LID.toString(), ALICE_LID.withDevice(5).toString(),
                BOB_LID.toString());
        Node skmsg = message.children().stream().filter(n -> n.tag().equals("enc")).findFirst().orElseThrow();
        assertThat(skmsg.attrs().asMap()).containsEntry("type", "skmsg").containsEntry("v", "2");
        assertThat(message.child("device-identity")).isNotNull();

        Message skdm = bobPhone.decrypt(ME_LID, participant(message, BOB_LID));
        assertThat(skdm.getSenderKeyDistributionMessage().getGroupId()).isEqualTo(GROUP.toString());
        com.wagateway.whatsapp.signal.GroupCipher.processDistributionMessage(bobPhone.store,
                new com.wagateway.whatsapp.signal.SenderKeyName(GROUP.toString(), SignalAddress.of(ME_LID)),
                skdm.getSenderKeyDistributionMessage().getAxolotlSenderKeyDistributionMessage().toByteArray());
        assertThat(bobPhone.decryptGroup(GROUP, ME_LID, bytes(skmsg)).getConversation()).isEqualTo("hello group");
        assertThat(new String(entries.get("skmem-" + GROUP.user()))).contains(BOB_LID.toString());

        // a new Messaging (a restart) still knows who has the key: the second send has no participants
        messaging = build();
        messaging.sendText("G2", GROUP, "second");
        Node again = stanzas.last("message");
        assertThat(again.child("participants")).isNull();
        Node skmsg2 = again.child("enc");
        assertThat(bobPhone.decryptGroup(GROUP, ME_LID, bytes(skmsg2)).getConversation()).isEqualTo("second");
    }

    /** Baileys relayMessage: type="media" on the stanza, mediatype on every enc (pairwise and skmsg). */
    @Test
    void mediaMessagesCarryTheMediaTypeOnEveryEnc() throws Exception {
        com.wagateway.whatsapp.media.UploadedMedia uploaded = new com.wagateway.whatsapp.media.UploadedMedia(
                com.wagateway.whatsapp.crypto.MediaType.AUDIO, null, "/v/t62/1.enc", new byte[32],
                new com.wagateway.whatsapp.media.MediaHashes(new byte[32], new byte[32], 10, 26), 1700000000L);
        Message voice = com.wagateway.whatsapp.media.MediaMessages.audio(uploaded, "audio/ogg; codecs=opus", 3, true);
        messaging.send("V1", ALICE, voice);
        Node message = stanzas.last("message");
        assertThat(message.attr("type")).isEqualTo("media");
        assertThat(message.child("participants").children()).allSatisfy(to ->
                assertThat(to.child("enc").attrs().asMap()).containsEntry("mediatype", "ptt")
                        .containsEntry("v", "2"));
        assertThat(alicePhone.decrypt(ME_LID, participant(message, ALICE)).getAudioMessage().getPtt()).isTrue();

        Message doc = com.wagateway.whatsapp.media.MediaMessages.document(uploaded, "application/pdf", "a.pdf", null);
        messaging.send("G9", GROUP, doc);
        Node group = stanzas.last("message");
        assertThat(group.attr("type")).isEqualTo("media");
        assertThat(group.child("participants").children()).allSatisfy(to ->
                assertThat(to.child("enc").attr("mediatype")).isEqualTo("document"));
        Node skmsg = group.children().stream().filter(n -> n.tag().equals("enc")).findFirst().orElseThrow();
        assertThat(skmsg.attrs().asMap()).containsEntry("type", "skmsg").containsEntry("mediatype", "document");

        messaging.sendText("T9", ALICE, "plain");
        Node text = stanzas.last("message");
        assertThat(text.attr("type")).isEqualTo("text");
        assertThat(text.child("participants").children()).allSatisfy(to ->
                assertThat(to.child("enc").attr("mediatype")).isNull());
    }

    static List<String> participantJids(Node message) {
        Node participants = message.child("participants");
        return participants == null ? List.of() : participants.children().stream().map(n -> n.attr("jid")).toList();
    }

    @Test
    void aReplacedOwnSenderKeyIsDistributedToEveryDeviceAgain() throws Exception {
        messaging.sendText("K1", GROUP, "first key");
        assertThat(participantJids(stanzas.last("message"))).hasSize(4);
        messaging.sendText("K2", GROUP, "same key");
        assertThat(participantJids(stanzas.last("message"))).isEmpty();

        // our sender key record became unreadable: GroupCipher starts a new key, which no device holds yet
        signal.storeSenderKey(new com.wagateway.whatsapp.signal.SenderKeyName(GROUP.toString(),
                SignalAddress.of(ME_LID)), new byte[] {1, 2, 3});
        messaging.sendText("K3", GROUP, "new key");
        Node message = stanzas.last("message");
        assertThat(participantJids(message)).containsExactlyInAnyOrder(ME_LID.withDevice(0).toString(),
                ALICE_LID.toString(), ALICE_LID.withDevice(5).toString(), BOB_LID.toString());
        Message skdm = bobPhone.decrypt(ME_LID, participant(message, BOB_LID));
        com.wagateway.whatsapp.signal.GroupCipher.processDistributionMessage(bobPhone.store,
                new com.wagateway.whatsapp.signal.SenderKeyName(GROUP.toString(), SignalAddress.of(ME_LID)),
                skdm.getSenderKeyDistributionMessage().getAxolotlSenderKeyDistributionMessage().toByteArray());
        Node skmsg = message.children().stream().filter(n -> n.tag().equals("enc")).findFirst().orElseThrow();
        assertThat(bobPhone.decryptGroup(GROUP, ME_LID, bytes(skmsg)).getConversation()).isEqualTo("new key");
        messaging.sendText("K4", GROUP, "remembered again");
        assertThat(participantJids(stanzas.last("message"))).isEmpty();
    }

    @Test
    void anUnreadableSenderKeyRecordAndASessionMigrationAreLoggedWithTheSessionId() throws Exception {
        try (LogCapture log = new LogCapture(LidSignalStore.class)) {
            messaging.sendText("L1", GROUP, "first");
            signal.storeSenderKey(new com.wagateway.whatsapp.signal.SenderKeyName(GROUP.toString(),
                    SignalAddress.of(ME_LID)), new byte[] {1, 2, 3});
            messaging.sendText("L2", GROUP, "second");
            assertThat(log.lines).anySatisfy(line -> assertThat(line)
                    .startsWith("event=sender_key_record_unreadable sessionId=test group=" + GROUP));

            // a PN-keyed session moves to the LID address once the mapping is learned
            signal.storeSession(new SignalAddress("15550000009", 0), new byte[] {9});
            messaging.onNotification(Node.of("notification", Attributes.of("type", "devices", "from",
                    "15550000009@s.whatsapp.net", "lid", "900000009@lid", "id", "n9")));
            assertThat(signal.loadSession(new SignalAddress("900000009_1", 0))).isPresent();
            assertThat(log.lines).anySatisfy(line -> assertThat(line)
                    .startsWith("event=sessions_migrated sessionId=test count="));
        }
    }

    @Test
    void aDeviceWhoseIdentityChangedGetsTheSenderKeyAgain() throws Exception {
        messaging.sendText("C1", GROUP, "hello");
        messaging.onNotification(Node.of("notification", Attributes.of("type", "encrypt", "from", BOB.toString(),
                "id", "n3"), List.of(Node.of("identity"))));
        messaging.sendText("C2", GROUP, "bob again");
        assertThat(participantJids(stanzas.last("message"))).containsExactly(BOB_LID.toString());
        messaging.sendText("C3", GROUP, "nobody");
        assertThat(participantJids(stanzas.last("message"))).isEmpty();

        // a reinstalled Alice companion announces itself by a pkmsg with a new identity
        Peer reinstalled = new Peer(ALICE.withDevice(55), ALICE_LID.withDevice(5)); // other seed: new identity
        Curve25519KeyPair otk = Curve25519.generateKeyPair(new FixedRandom("otk4"));
        signal.addPreKey(11, otk);
        reinstalled.startSession(ME_LID, new PreKeyBundle(creds.registrationId(), 3, creds.identityKey().publicKey(),
                creds.signedPreKeyId(), creds.signedPreKey().publicKey(), creds.signedPreKeySignature(), 11,
                otk.publicKey()));
        EncryptedMessage hello = reinstalled.encrypt(ME_LID, Message.newBuilder().setConversation("new phone").build());
        messaging.onMessage(incoming("P1", ALICE_LID.withDevice(5), Map.of(), MessageNodes.enc(hello, 0)));
        assertThat(received).extracting(IncomingMessage::text).containsExactly("new phone");
        messaging.sendText("C4", GROUP, "alice companion again");
        assertThat(participantJids(stanzas.last("message"))).containsExactly(ALICE_LID.withDevice(5).toString());
    }

    @Test
    void receivesAGroupMessageWithItsSenderKeyDistribution() throws Exception {
        Curve25519KeyPair otk = Curve25519.generateKeyPair(new FixedRandom("otk3"));
        signal.addPreKey(9, otk);
        bobPhone.startSession(ME_LID, new PreKeyBundle(creds.registrationId(), 3, creds.identityKey().publicKey(),
                creds.signedPreKeyId(), creds.signedPreKey().publicKey(), creds.signedPreKeySignature(), 9,
                otk.publicKey()));
        byte[] distribution = bobPhone.groupDistribution(GROUP, BOB_LID);
        EncryptedMessage pairwise = bobPhone.encrypt(ME_LID, Peer.skdm(GROUP, distribution));
        byte[] skmsg = bobPhone.groupEncrypt(GROUP, BOB_LID, Message.newBuilder().setConversation("to all").build());
        messaging.onMessage(incoming("GM1", GROUP, Map.of("participant", BOB_LID.toString(), "addressing_mode", "lid",
                "participant_pn", BOB.toString(), "notify", "Bob"), MessageNodes.enc(pairwise, 0),
                MessageNodes.enc("skmsg", skmsg, 0)));
        IncomingMessage m = received.getFirst();
        assertThat(m.chat()).isEqualTo(GROUP);
        assertThat(m.sender()).isEqualTo(BOB);
        assertThat(m.senderLid()).isEqualTo(BOB_LID);
        assertThat(m.text()).isEqualTo("to all");
        assertThat(stanzas.sent.getFirst().attrs().asMap()).containsEntry("to", GROUP.toString())
                .containsEntry("participant", BOB_LID.toString());

        // later messages need only the skmsg
        byte[] next = bobPhone.groupEncrypt(GROUP, BOB_LID, Message.newBuilder().setConversation("again").build());
        messaging.onMessage(incoming("GM2", GROUP, Map.of("participant", BOB_LID.toString()),
                MessageNodes.enc("skmsg", next, 0)));
        assertThat(received).extracting(IncomingMessage::text).containsExactly("to all", "again");
    }

    @Test
    void anSkmsgWithoutTheSenderKeyIsUndecryptable() throws Exception {
        byte[] distribution = bobPhone.groupDistribution(GROUP, BOB_LID);
        assertThat(distribution).isNotEmpty();
        byte[] skmsg = bobPhone.groupEncrypt(GROUP, BOB_LID, Message.newBuilder().setConversation("lost").build());
        messaging.onMessage(incoming("GM3", GROUP, Map.of("participant", BOB_LID.toString()),
                MessageNodes.enc("skmsg", skmsg, 0)));
        assertThat(received).isEmpty();
        assertThat(undecryptable).hasSize(1);
        assertThat(stanzas.sent.getFirst().attrs().asMap()).containsEntry("type", "retry")
                .containsEntry("participant", BOB_LID.toString()).containsEntry("to", GROUP.toString());
    }

    @Test
    void undecryptableFailuresDoNotLeakExceptions() throws ExecutionException, InterruptedException {
        messaging.onMessage(incoming("E1", ALICE, Map.of(), Node.of("enc", Attributes.of("v", "2", "type", "pkmsg"))));
        assertThat(undecryptable).hasSize(1);
    }
}
