package com.wagateway.emulator.protocol;

import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.emulator.EmulatorConfig;
import com.wagateway.emulator.store.DeviceRecord;
import com.wagateway.emulator.store.MessageQueueStore;
import com.wagateway.emulator.store.PhoneRecord;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.emulator.store.PreKeyStore;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.ConstantTime;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.noise.ClientAuthentication;
import com.wagateway.whatsapp.noise.NoiseResponder;
import com.wagateway.whatsapp.proto.ClientPayloadProtos.ClientPayload;
import com.wagateway.whatsapp.proto.ClientPayloadProtos.DeviceProps;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat server: what happens after each handshake (registration or login, fact sheet §4) and with
 * each stanza a client sends, per connection state.
 */
public final class ChatServer {

    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);

    private final EmulatorConfig config;
    private final Curve25519KeyPair staticKey;
    private final byte[] certChain;
    private final RandomSource random;
    private final PhoneStore phones;
    private final MessageQueueStore queues;
    private final ConnectionRegistry registry;
    private final PairingService pairing;
    private final LoggedInIqs iqs;
    private final MessageRouter router;
    private final Outbox outbox;
    private final AckFaults ackFaults = new AckFaults();
    private volatile ClientVersion minClientVersion;
    private volatile PrimaryPhones primaryPhones;

    public ChatServer(EmulatorConfig config, Curve25519KeyPair staticKey, byte[] certChain, RandomSource random,
                      PhoneStore phones, PreKeyStore preKeys, MessageQueueStore queues, ConnectionRegistry registry,
                      PairingService pairing, DeviceLinks links, MessageRouter router, Outbox outbox,
                      KeyBundles bundles, com.wagateway.emulator.store.GroupStore groups, Directory directory) {
        this.config = config;
        this.staticKey = staticKey;
        this.certChain = certChain.clone();
        this.random = random;
        this.phones = phones;
        this.queues = queues;
        this.registry = registry;
        this.pairing = pairing;
        this.iqs = new LoggedInIqs(phones, preKeys, links, bundles, groups, directory);
        this.router = router;
        this.outbox = outbox;
        this.minClientVersion = config.minClientVersion();
    }

    /** A new WebSocket: its connection, registered so faults and replacement can reach it. */
    public ClientConnection open(SocketLink link) {
        ClientConnection connection = new ClientConnection(link,
                this, NoiseResponder.create(staticKey, certChain, random), config.maxFrameLength());
        registry.add(connection);
        return connection;
    }

    /** Messages whose ack is withheld (admin fault). */
    public AckFaults ackFaults() {
        return ackFaults;
    }

    public Optional<ClientVersion> minClientVersion() {
        return Optional.ofNullable(minClientVersion);
    }

    /** Changes the oldest accepted client version at run time (null accepts all). */
    public void minClientVersion(ClientVersion version) {
        this.minClientVersion = version;
    }

    void authenticated(ClientConnection connection, ClientAuthentication client) {
        ClientPayload payload;
        try {
            payload = ClientPayload.parseFrom(client.clientPayload());
        } catch (InvalidProtocolBufferException e) {
            log.info("event=bad_client_payload connection={}", connection.id());
            connection.sendAndClose(Stanzas.failure(400));
            return;
        }
        ClientVersion version = ClientVersion.of(payload);
        ClientVersion minimum = minClientVersion;
        if (minimum != null && version.compareTo(minimum) < 0) {
            log.info("event=client_outdated connection={} version={} minimum={}", connection.id(), version, minimum);
            connection.sendAndClose(Stanzas.failure(405));
            return;
        }
        if (payload.hasDevicePairingData()) {
            register(connection, client, payload);
        } else {
            login(connection, client, payload);
        }
    }

    /** §4.2: a new companion; remember its keys and send refs. */
    private void register(ClientConnection connection, ClientAuthentication client, ClientPayload payload) {
        ClientPayload.DevicePairingRegistrationData data = payload.getDevicePairingData();
        byte[] identity = data.getEIdent().toByteArray();
        byte[] signedPreKey = data.getESkeyVal().toByteArray();
        byte[] signature = data.getESkeySig().toByteArray();
        if (identity.length != 32 || signedPreKey.length != 32 || signature.length != 64
                || data.getERegid().size() != 4 || data.getESkeyId().size() != 3) {
            log.info("event=bad_registration connection={}", connection.id());
            connection.sendAndClose(Stanzas.failure(400));
            return;
        }
        PendingCompanion.Registration registration = new PendingCompanion.Registration(client.clientStaticKey(),
                identity, uint(data.getERegid().toByteArray()), uint(data.getESkeyId().toByteArray()), signedPreKey,
                signature, platform(data));
        pairing.registered(connection, registration);
    }

    /** §4.3: a paired device logs in with its noise key. */
    private void login(ClientConnection connection, ClientAuthentication client, ClientPayload payload) {
        String phoneNumber = Long.toUnsignedString(payload.getUsername());
        int deviceId = payload.getDevice();
        Optional<PhoneRecord> phone = phones.get(phoneNumber);
        DeviceRecord device = phone.map(p -> p.device(deviceId)).orElse(null);
        if (device == null || deviceId == 0) {
            log.info("event=login_refused connection={} phone={} device={} reason=unknown_device", connection.id(),
                    phoneNumber, deviceId);
            connection.sendAndClose(Stanzas.failure(401));
            return;
        }
        if (!ConstantTime.equals(device.noiseKey(), client.clientStaticKey())) {
            log.info("event=login_refused connection={} phone={} device={} reason=noise_key_mismatch", connection.id(),
                    phoneNumber, deviceId);
            connection.sendAndClose(Stanzas.failure(401));
            return;
        }
        ConnectionState.LoggedIn me = new ConnectionState.LoggedIn(phoneNumber, deviceId);
        connection.state(me);
        registry.bindDevice(me.deviceJid(), connection).ifPresent(previous -> {
            log.info("event=connection_replaced phone={} device={} old={} new={}", phoneNumber, deviceId,
                    previous.id(), connection.id());
            previous.sendAndClose(Stanzas.replaced());
        });
        long now = config.clock().instant().getEpochSecond();
        connection.send(Stanzas.success(now, phone.get().lidUser() + ":" + deviceId + "@lid"));
        boolean firstLogin = phones.markLoggedIn(phoneNumber, deviceId);
        if (firstLogin && primaryPhones != null) {
            primaryPhones.companionFirstLogin(phoneNumber, deviceId);
        }
        int queued = outbox.loggedIn(new DeviceRef(phoneNumber, deviceId), connection);
        log.info("event=login phone={} device={} connection={} remote={} offline={}", phoneNumber, deviceId,
                connection.id(), connection.remote(), queued);
    }

    void frame(ClientConnection connection, Node node) {
        switch (connection.state()) {
            case ConnectionState.Registering(PendingCompanion companion) -> registeringFrame(connection, companion, node);
            case ConnectionState.LoggedIn me -> loggedInFrame(connection, me, node);
            case ConnectionState.Handshaking ignored -> { }
            case ConnectionState.Closed ignored -> { }
        }
    }

    private void registeringFrame(ClientConnection connection, PendingCompanion companion, Node node) {
        if (!"iq".equals(node.tag())) {
            return; // e.g. <ib><unified_session/></ib> after pair-device-sign
        }
        String type = node.attr("type");
        if ("result".equals(type) || "error".equals(type)) {
            pairing.reply(connection, companion, node);
            return;
        }
        Node reg = node.child("link_code_companion_reg");
        if (reg != null && "companion_hello".equals(reg.attr("stage"))) {
            pairing.companionHello(connection, companion, node, reg);
        } else if (reg != null && "companion_finish".equals(reg.attr("stage"))) {
            pairing.companionFinish(connection, companion, node, reg);
        } else if (node.attr("id") != null) {
            connection.send(Stanzas.iqResult(node.attr("id")));
        }
    }

    private void loggedInFrame(ClientConnection connection, ConnectionState.LoggedIn me, Node node) {
        switch (node.tag()) {
            case "iq" -> iqs.handle(connection, me, node);
            case "message" -> {
                if (node.attr("id") != null) {
                    AckFaults.Withheld fault = ackFaults.take(device(me));
                    if (fault != null && fault.error() != null) {
                        log.info("event=message_nacked device={} id={} error={}", device(me), node.attr("id"),
                                fault.error());
                        connection.send(Stanzas.ack("message", node.attr("id"), node.attr("to"), now(), null,
                                fault.error()));
                        return;
                    }
                    if (fault != null) {
                        if (fault.deliver()) {
                            router.message(device(me), node);
                        }
                        log.info("event=ack_withheld device={} id={} routed={}", device(me), node.attr("id"),
                                fault.deliver());
                        return;
                    }
                    router.message(device(me), node, error -> connection.send(
                            Stanzas.ack("message", node.attr("id"), node.attr("to"), now(), null, error.orElse(null))));
                }
            }
            case "receipt" -> {
                if (node.attr("id") != null && "server-error".equals(node.attr("type")) && node.child("rmr") != null) {
                    // a media retry request (fact sheet §11): for the phone that re-uploads, not for the chat
                    connection.send(Stanzas.ack("receipt", node.attr("id"), node.attr("to"), now(),
                            node.attr("type"), null));
                    PrimaryPhones phones = primaryPhones;
                    if (phones != null) {
                        phones.mediaRetry(device(me), node);
                    }
                } else if (node.attr("id") != null) {
                    String error = router.receipt(device(me), node).orElse(null);
                    connection.send(Stanzas.ack("receipt", node.attr("id"), node.attr("to"), now(),
                            node.attr("type"), error));
                }
            }
            case "call" -> {
                if (node.attr("id") != null) {
                    connection.send(Stanzas.ack(node.tag(), node.attr("id"), node.attr("to")));
                }
            }
            case "ack" -> outbox.acked(device(me), node.attr("class"), node.attr("id"));
            case "presence" -> router.pushName(me.phoneNumber(), node.attr("name"));
            default -> { } // ib, chatstate: nothing to answer
        }
    }

    private static DeviceRef device(ConnectionState.LoggedIn me) {
        return new DeviceRef(me.phoneNumber(), me.deviceId());
    }

    private long now() {
        return config.clock().instant().getEpochSecond();
    }

    /** Wires the media hosts in: from now on {@code media_conn} is answered (fact sheet §11.1). */
    public void mediaConn(com.wagateway.emulator.media.MediaConnAnswer answer) {
        iqs.mediaConn(answer);
    }

    /** Wires the virtual phones in (they are built after the server). */
    public void primaryPhones(PrimaryPhones phones) {
        this.primaryPhones = phones;
    }

    void connectionClosed(ClientConnection connection, ConnectionState previous) {
        // the outbox first: once the registry no longer lists the device (admin's "connected": false), its
        // unacked stanzas are already back in its queue
        if (previous instanceof ConnectionState.LoggedIn me) {
            outbox.disconnected(device(me), connection);
        }
        registry.remove(connection);
        if (previous instanceof ConnectionState.Registering(PendingCompanion companion)) {
            pairing.closed(companion);
        }
    }

    private static String platform(ClientPayload.DevicePairingRegistrationData data) {
        try {
            DeviceProps props = DeviceProps.parseFrom(data.getDeviceProps());
            String browser = props.hasPlatformType() ? props.getPlatformType().name() : "UNKNOWN";
            return browser.charAt(0) + browser.substring(1).toLowerCase(java.util.Locale.ROOT) + " (" + props.getOs() + ")";
        } catch (InvalidProtocolBufferException e) {
            return "unknown";
        }
    }

    private static int uint(byte[] bigEndian) {
        int value = 0;
        for (byte b : bigEndian) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }

    /** Makes ids for server-initiated stanzas. */
    public static Supplier<String> idGenerator(RandomSource random) {
        byte[] prefix = random.bytes(2);
        java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong();
        String p = Integer.toString(((prefix[0] & 0xff) << 8) | (prefix[1] & 0xff));
        return () -> p + "." + counter.incrementAndGet();
    }
}
