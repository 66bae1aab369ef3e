package com.wagateway.emulator.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.emulator.EmulatorConfig;
import com.wagateway.emulator.store.DeviceRecord;
import com.wagateway.emulator.store.MessageQueueStore;
import com.wagateway.emulator.store.PhoneRecord;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.AdvSignatures;
import com.wagateway.whatsapp.crypto.ConstantTime;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.PairingCodeCrypto;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.pairing.PairingQr;
import com.wagateway.whatsapp.pairing.PairingQrException;
import com.wagateway.whatsapp.proto.AdvProtos.ADVDeviceIdentity;
import com.wagateway.whatsapp.proto.AdvProtos.ADVEncryptionType;
import com.wagateway.whatsapp.proto.AdvProtos.ADVSignedDeviceIdentity;
import com.wagateway.whatsapp.proto.AdvProtos.ADVSignedDeviceIdentityHMAC;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual phone's side of linking a companion: issues refs (fact sheet §6 step 2), "scans" a QR
 * (§6 step 5), runs the phone half of code pairing (§7), checks the companion's
 * {@code pair-device-sign} and only then registers the device and asks for the restart (515).
 */
public final class PairingService {

    private static final Logger log = LoggerFactory.getLogger(PairingService.class);
    private static final Duration CODE_REQUEST_GRACE = Duration.ofSeconds(2);

    private final EmulatorConfig config;
    private final PhoneStore phones;
    private final MessageQueueStore queues;
    private final ConnectionRegistry registry;
    private final RandomSource random;
    private final Supplier<String> ids;

    private final DeviceNotices notices;

    public PairingService(EmulatorConfig config, PhoneStore phones, MessageQueueStore queues,
                          ConnectionRegistry registry, RandomSource random, Supplier<String> ids,
                          DeviceNotices notices) {
        this.config = config;
        this.notices = notices;
        this.phones = phones;
        this.queues = queues;
        this.registry = registry;
        this.random = random;
        this.ids = ids;
    }

    // ---- registration connection ----------------------------------------------------------------

    /** §6 step 2: a new companion gets its refs. */
    void registered(ClientConnection connection, PendingCompanion.Registration registration) {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < config.refCount(); i++) {
            refs.add(newRef());
        }
        PendingCompanion companion = new PendingCompanion(connection, registration, refs, config.clock().instant());
        connection.state(new ConnectionState.Registering(companion));
        registry.addRefs(companion);
        connection.send(Stanzas.pairDevice(ids.get(), refs));
        log.info("event=pair_device_sent connection={} refs={}", connection.id(), refs.size());
    }

    void closed(PendingCompanion companion) {
        registry.removeRefs(companion);
        companion.abandon();
    }

    /** Real refs are ASCII like {@code 2@<base64>}; no comma, which separates QR fields. */
    private String newRef() {
        return "2@" + Base64.getEncoder().encodeToString(random.bytes(60));
    }

    // ---- QR ---------------------------------------------------------------------------------------

    /** The phone scans {@code qrText}: the companion is linked when this returns. */
    public DeviceRecord linkQr(String phoneNumber, String qrText) throws PairingException {
        PhoneRecord phone = requirePhone(phoneNumber);
        PairingQr qr;
        try {
            qr = PairingQr.parse(qrText == null ? "" : qrText.trim());
        } catch (PairingQrException e) {
            throw new PairingException(PairingException.Kind.MALFORMED, "malformed QR: " + e.getMessage());
        }
        PendingCompanion companion = registry.companionByRef(qr.ref()).orElseThrow(() -> new PairingException(
                PairingException.Kind.NO_COMPANION, "no waiting companion issued this QR's ref (expired or unknown)"));
        int index = companion.refs().indexOf(qr.ref());
        Instant expiry = companion.refsIssuedAt().plus(config.refLifetime(index));
        if (config.clock().instant().isAfter(expiry)) {
            throw new PairingException(PairingException.Kind.EXPIRED, "the QR expired at " + expiry);
        }
        if (!ConstantTime.equals(qr.noiseKey(), companion.registration().noiseKey())
                || !ConstantTime.equals(qr.identityKey(), companion.registration().identityKey())) {
            throw new PairingException(PairingException.Kind.KEY_MISMATCH,
                    "the QR's keys are not those of the companion holding its ref");
        }
        if (!companion.markRefUsed(qr.ref())) {
            throw new PairingException(PairingException.Kind.ALREADY_USED, "this QR was already scanned");
        }
        return completePairing(phone, companion, qr.advSecret());
    }

    // ---- pairing code (§7) -------------------------------------------------------------------------

    /** §7 step 1–2: the companion asks for a code for a phone number. */
    void companionHello(ClientConnection connection, PendingCompanion companion, Node iq, Node reg) {
        String id = iq.attr("id");
        String jid = reg.attr("jid");
        String phoneNumber = jid == null ? "" : jid.split("[@:]", 2)[0];
        byte[] wrapped = Stanzas.data(reg.child("link_code_pairing_wrapped_companion_ephemeral_pub"));
        byte[] authKey = Stanzas.data(reg.child("companion_server_auth_key_pub"));
        if (wrapped == null || wrapped.length != CodeWrap.WRAPPED_LENGTH) {
            connection.send(Stanzas.iqError(id, 400, "bad-request"));
            return;
        }
        if (authKey != null && !ConstantTime.equals(authKey, companion.registration().noiseKey())) {
            connection.send(Stanzas.iqError(id, 400, "bad-request"));
            return;
        }
        if (phones.get(phoneNumber).isEmpty()) {
            connection.send(Stanzas.iqError(id, 404, "item-not-found"));
            return;
        }
        String ref = newRef();
        companion.codeRequest(new PendingCompanion.CodeRequest(phoneNumber, wrapped, ref, config.clock().instant()));
        connection.send(Stanzas.iqResult(id, Node.of("link_code_companion_reg", Attributes.empty(),
                List.of(Stanzas.bytes("link_code_pairing_ref", ref)))));
        log.info("event=pairing_code_requested connection={} phone={}", connection.id(), phoneNumber);
    }

    /** The user types {@code code} on the phone (§7 step 3–7); the companion is linked when this returns. */
    public DeviceRecord linkCode(String phoneNumber, String code) throws PairingException {
        PhoneRecord phone = requirePhone(phoneNumber);
        String normalized = normalizeCode(code);
        List<PendingCompanion> waiting = awaitCodeRequests(phoneNumber);
        if (waiting.isEmpty()) {
            throw new PairingException(PairingException.Kind.NO_COMPANION,
                    "no companion is waiting for a pairing code for " + phoneNumber);
        }
        PendingCompanion companion = waiting.getFirst();
        PendingCompanion.CodeRequest request = companion.codeRequest();
        Instant expiry = request.requestedAt().plus(config.pairingCodeLifetime());
        if (config.clock().instant().isAfter(expiry)) {
            throw new PairingException(PairingException.Kind.EXPIRED, "the pairing code expired at " + expiry);
        }
        if (!companion.beginPairing()) {
            throw new PairingException(PairingException.Kind.BUSY, "this companion is being paired already");
        }
        byte[] advSecret;
        try {
            Curve25519KeyPair ephemeral = Curve25519.generateKeyPair(random);
            CompletableFuture<byte[]> finished = new CompletableFuture<>();
            companion.finishWait(new PendingCompanion.FinishWait(phoneNumber, normalized, ephemeral, finished));
            Node notification = Node.of("notification", Attributes.builder()
                    .put("from", Stanzas.SERVER).put("type", "link_code_companion_reg").put("id", ids.get())
                    .put("t", Long.toString(config.clock().instant().getEpochSecond())).build(),
                    List.of(Node.of("link_code_companion_reg", Attributes.empty(), List.of(
                            Stanzas.bytes("link_code_pairing_ref", request.ref()),
                            Node.of("primary_identity_pub", Attributes.empty(), phone.identity().publicKey()),
                            Node.of("link_code_pairing_wrapped_primary_ephemeral_pub", Attributes.empty(),
                                    CodeWrap.wrap(normalized, ephemeral.publicKey(), random))))));
            if (!companion.connection().send(notification)) {
                throw new PairingException(PairingException.Kind.DISCONNECTED, "the companion disconnected");
            }
            advSecret = await(finished, "companion_finish");
        } finally {
            companion.finishWait(null);
            companion.endPairing();
        }
        return completePairing(phone, companion, advSecret);
    }

    /**
     * A companion that shows a code has sent companion_hello, but clients that do not wait for its
     * answer (Baileys) may show the code before the hello was processed here: allow it a moment.
     */
    private List<PendingCompanion> awaitCodeRequests(String phoneNumber) throws PairingException {
        long deadline = System.nanoTime() + CODE_REQUEST_GRACE.toNanos();
        while (true) {
            List<PendingCompanion> waiting = registry.codeRequestsFor(phoneNumber);
            if (!waiting.isEmpty() || System.nanoTime() > deadline) {
                return waiting;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PairingException(PairingException.Kind.TIMEOUT, "interrupted");
            }
        }
    }

    /** §7 step 6–7: the phone decrypts the key bundle; a wrong code shows as a failed GCM tag. */
    void companionFinish(ClientConnection connection, PendingCompanion companion, Node iq, Node reg) {
        String id = iq.attr("id");
        PendingCompanion.FinishWait wait = companion.finishWait();
        if (wait == null) {
            connection.send(Stanzas.iqError(id, 400, "bad-request"));
            return;
        }
        connection.send(Stanzas.iqResult(id));
        try {
            wait.advSecret().complete(deriveAdvSecret(companion, wait, reg));
        } catch (PairingException e) {
            wait.advSecret().completeExceptionally(e);
        }
    }

    private byte[] deriveAdvSecret(PendingCompanion companion, PendingCompanion.FinishWait wait, Node reg)
            throws PairingException {
        byte[] companionIdentity = Stanzas.data(reg.child("companion_identity_public"));
        byte[] advSecret = LinkCodeCrypto.phoneAdvSecret(wait.code(), companion.codeRequest().wrappedCompanionEphemeral(),
                wait.phoneEphemeral(), requirePhone(wait.phoneNumber()).identity(),
                Stanzas.data(reg.child("link_code_pairing_wrapped_key_bundle")), companionIdentity);
        if (!ConstantTime.equals(companionIdentity, companion.registration().identityKey())) {
            throw new PairingException(PairingException.Kind.REJECTED,
                    "companion_identity_public is not the identity the companion registered with");
        }
        return advSecret;
    }

    /** Accepts {@code ABCD-1234} or {@code abcd1234}: 8 characters of the pairing alphabet (§7). */
    static String normalizeCode(String code) throws PairingException {
        String normalized = code == null ? "" : code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (normalized.length() != 8) {
            throw new PairingException(PairingException.Kind.MALFORMED, "a pairing code has 8 characters");
        }
        for (int i = 0; i < normalized.length(); i++) {
            if (PairingCodeCrypto.ALPHABET.indexOf(normalized.charAt(i)) < 0) {
                throw new PairingException(PairingException.Kind.MALFORMED,
                        "a pairing code uses only " + PairingCodeCrypto.ALPHABET);
            }
        }
        return normalized;
    }

    // ---- pair-success and pair-device-sign (§6 steps 5–8) --------------------------------------------

    private DeviceRecord completePairing(PhoneRecord phone, PendingCompanion companion, byte[] advSecret)
            throws PairingException {
        if (!companion.beginPairing()) {
            throw new PairingException(PairingException.Kind.BUSY, "this companion is being paired already");
        }
        try {
            PhoneStore.DeviceSlot slot;
            try {
                slot = phones.reserveDevice(phone.phoneNumber());
            } catch (IllegalStateException e) {
                throw new PairingException(PairingException.Kind.NO_DEVICE_SLOT, e.getMessage());
            }
            byte[] companionIdentity = companion.registration().identityKey();
            Curve25519KeyPair account = phone.identity();
            byte[] details = ADVDeviceIdentity.newBuilder()
                    .setRawId(phone.registrationId())
                    .setTimestamp(config.clock().instant().getEpochSecond())
                    .setKeyIndex(slot.keyIndex())
                    .build().toByteArray();
            byte[] accountSignature = XEdDsa.sign(account.privateKey(),
                    AdvSignatures.accountSignatureMessage(details, companionIdentity, false));
            byte[] signed = ADVSignedDeviceIdentity.newBuilder()
                    .setDetails(ByteString.copyFrom(details))
                    .setAccountSignatureKey(ByteString.copyFrom(account.publicKey()))
                    .setAccountSignature(ByteString.copyFrom(accountSignature))
                    .build().toByteArray();
            byte[] container = ADVSignedDeviceIdentityHMAC.newBuilder()
                    .setDetails(ByteString.copyFrom(signed))
                    .setHmac(ByteString.copyFrom(AdvSignatures.identityHmac(advSecret, signed, false)))
                    .setAccountType(ADVEncryptionType.E2EE)
                    .build().toByteArray();
            String iqId = ids.get();
            CompletableFuture<DeviceRecord> result = new CompletableFuture<>();
            companion.signWait(new PendingCompanion.SignWait(iqId, phone.phoneNumber(), slot, details,
                    accountSignature, account.publicKey(), result));
            String deviceJid = phone.phoneNumber() + ":" + slot.deviceId() + "@s.whatsapp.net";
            String deviceLid = phone.lidUser() + ":" + slot.deviceId() + "@lid";
            if (!companion.connection().send(Stanzas.pairSuccess(iqId, container, deviceJid, deviceLid))) {
                throw new PairingException(PairingException.Kind.DISCONNECTED, "the companion disconnected");
            }
            log.info("event=pair_success_sent connection={} phone={} device={}", companion.connection().id(),
                    phone.phoneNumber(), slot.deviceId());
            return await(result, "pair-device-sign");
        } finally {
            companion.signWait(null);
            companion.endPairing();
        }
    }

    /** An iq reply on a registration connection: the answer to pair-success, or an ack of pair-device. */
    void reply(ClientConnection connection, PendingCompanion companion, Node iq) {
        PendingCompanion.SignWait wait = companion.signWait();
        if (wait == null || !wait.iqId().equals(iq.attr("id"))) {
            return; // e.g. the ack of pair-device
        }
        try {
            DeviceRecord device = verifySign(companion, wait, iq);
            phones.putDevice(wait.phoneNumber(), device);
            queues.create(wait.phoneNumber(), device.deviceId());
            log.info("event=device_linked phone={} device={} keyIndex={}", wait.phoneNumber(), device.deviceId(),
                    device.keyIndex());
            notices.linked(wait.phoneNumber(), device); // before the link call returns
            wait.result().complete(device);
            connection.sendAndClose(Stanzas.restartRequired());
        } catch (PairingException e) {
            log.warn("event=pair_device_sign_rejected connection={} phone={} reason={}", connection.id(),
                    wait.phoneNumber(), e.getMessage());
            wait.result().completeExceptionally(e);
            connection.close();
        }
    }

    private DeviceRecord verifySign(PendingCompanion companion, PendingCompanion.SignWait wait, Node iq)
            throws PairingException {
        if (!"result".equals(iq.attr("type"))) {
            throw new PairingException(PairingException.Kind.REJECTED, "the companion refused pair-success");
        }
        Node sign = iq.child("pair-device-sign");
        Node identityNode = sign == null ? null : sign.child("device-identity");
        byte[] bytes = Stanzas.data(identityNode);
        if (bytes == null) {
            throw new PairingException(PairingException.Kind.REJECTED, "pair-device-sign without device-identity");
        }
        ADVSignedDeviceIdentity signed;
        try {
            signed = ADVSignedDeviceIdentity.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new PairingException(PairingException.Kind.REJECTED, "device-identity is not an ADVSignedDeviceIdentity");
        }
        byte[] companionIdentity = companion.registration().identityKey();
        if (!ConstantTime.equals(signed.getDetails().toByteArray(), wait.details())
                || !ConstantTime.equals(signed.getAccountSignature().toByteArray(), wait.accountSignature())) {
            throw new PairingException(PairingException.Kind.REJECTED, "device-identity does not carry the phone's attestation");
        }
        byte[] deviceSignature = signed.getDeviceSignature().toByteArray();
        if (!XEdDsa.verify(companionIdentity, AdvSignatures.deviceSignatureMessage(wait.details(), companionIdentity,
                wait.accountKey()), deviceSignature)) {
            throw new PairingException(PairingException.Kind.REJECTED, "the device signature does not verify");
        }
        String keyIndex = identityNode.attr("key-index");
        if (keyIndex != null && !keyIndex.equals(Integer.toString(wait.slot().keyIndex()))) {
            throw new PairingException(PairingException.Kind.REJECTED, "pair-device-sign names another key index");
        }
        byte[] full = signed.toBuilder().setAccountSignatureKey(ByteString.copyFrom(wait.accountKey())).build().toByteArray();
        PendingCompanion.Registration reg = companion.registration();
        return new DeviceRecord(wait.slot().deviceId(), reg.noiseKey(), reg.identityKey(), reg.registrationId(),
                reg.signedPreKeyId(), reg.signedPreKey(), reg.signedPreKeySignature(), wait.slot().keyIndex(), full,
                reg.platform(), config.clock().instant(), 0, null);
    }

    private <T> T await(CompletableFuture<T> future, String what) throws PairingException {
        Duration timeout = config.pairingTimeout();
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PairingException(PairingException.Kind.TIMEOUT, "the companion sent no " + what + " within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PairingException(PairingException.Kind.TIMEOUT, "interrupted waiting for " + what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PairingException pairing) {
                throw pairing;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private PhoneRecord requirePhone(String phoneNumber) throws PairingException {
        return phones.get(phoneNumber).orElseThrow(() ->
                new PairingException(PairingException.Kind.NO_PHONE, "no phone " + phoneNumber));
    }
}
