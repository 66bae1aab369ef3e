package com.wagateway.emulator.phone;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.wagateway.emulator.protocol.DeviceRef;
import com.wagateway.emulator.protocol.Directory;
import com.wagateway.emulator.protocol.KeyBundles;
import com.wagateway.emulator.protocol.MessageRouter;
import com.wagateway.emulator.protocol.Stanzas;
import com.wagateway.emulator.store.GroupRecord;
import com.wagateway.emulator.store.GroupStore;
import com.wagateway.emulator.store.PhoneRecord;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import com.wagateway.whatsapp.signal.EncryptedMessage;
import com.wagateway.whatsapp.signal.GroupCipher;
import com.wagateway.whatsapp.signal.MessageKind;
import com.wagateway.whatsapp.signal.MessagePadding;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SessionBuilder;
import com.wagateway.whatsapp.signal.SessionCipher;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalException;
import com.wagateway.whatsapp.client.messaging.MessageTypes;
import com.wagateway.whatsapp.media.MediaMessages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primary phone (device 0) of one account as a real Signal device: decrypts what it receives
 * ({@code pkmsg}, {@code msg}, {@code skmsg}, with DeviceSentMessage unwrapping and sender-key distribution,
 * fact sheet §10.7), answers with the delivery receipt, sends read receipts on request, sends text to users
 * and groups (§10.4, §10.5) and re-encrypts on a retry receipt. All calls run on the phone's own serial
 * worker ({@link VirtualPhones}), so its Signal state is touched by one thread at a time.
 *
 * <p>Sessions are keyed by the remote device's LID address, the way Baileys 7 keys them (§9.9). The phone
 * attaches no {@code <device-identity>} to its pkmsg: it is the account's primary device, whose identity key
 * is the account key itself, so there is no companion attestation to show (receivers check none for device 0).
 */
final class VirtualPhone {

    private static final Logger log = LoggerFactory.getLogger(VirtualPhone.class);
    private static final int MAX_RECENT = 1_000;

    private final String number;
    private final PhoneKeys keys;
    private final Directory directory;
    private final GroupStore groups;
    private final KeyBundles bundles;
    private final MessageRouter router;
    private final Tampering tampering;
    private final RandomSource random;
    private final Clock clock;
    private final PhoneMedia media;
    private final PhoneLog log_ = new PhoneLog();
    private final PhoneMediaRetry mediaRetries;
    /** Recently sent messages by id, for retry receipts (bounded). */
    private final Map<String, Outgoing> recent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Outgoing> eldest) {
            return size() > MAX_RECENT;
        }
    };

    VirtualPhone(String number, PhoneKeys keys, Directory directory, GroupStore groups, KeyBundles bundles,
                 MessageRouter router, Tampering tampering, PhoneMedia media, RandomSource random, Clock clock) {
        this.number = number;
        this.media = media;
        this.keys = keys;
        this.directory = directory;
        this.groups = groups;
        this.bundles = bundles;
        this.router = router;
        this.tampering = tampering;
        this.random = random;
        this.clock = clock;
        this.mediaRetries = new PhoneMediaRetry(number, media, log_, random, clock);
    }

    PhoneKeys keys() {
        return keys;
    }

    PhoneLog log() {
        return log_;
    }

    private DeviceRef me() {
        return new DeviceRef(number, 0);
    }

    // ---- receiving ---------------------------------------------------------------------------------

    void receive(Node stanza) {
        switch (stanza.tag()) {
            case "message" -> message(stanza);
            case "receipt" -> receipt(stanza);
            default -> { } // notifications for the phone: nothing to do
        }
    }

    private void message(Node stanza) {
        String id = stanza.attr("id");
        Jid from = Jid.tryParse(stanza.attr("from"));
        boolean group = from != null && Jid.GROUP.equals(from.server());
        String senderText = group ? stanza.attr("participant") : stanza.attr("from");
        Optional<DeviceRef> sender = directory.device(Jid.tryParse(senderText));
        if (id == null || from == null || sender.isEmpty()) {
            return;
        }
        SignalAddress address = SignalAddress.of(directory.jid(sender.get(), true));
        Message content = null;
        boolean failed = false;
        for (Node enc : stanza.children()) {
            if (!"enc".equals(enc.tag())) {
                continue;
            }
            try {
                MessageKind kind = MessageKind.fromWire(enc.attr("type"));
                byte[] padded = kind == MessageKind.SKMSG
                        ? GroupCipher.decrypt(keys, new SenderKeyName(from.toString(), address), Stanzas.data(enc),
                                SessionCipher.DEFAULT_MAX_SKIPPED_KEYS)
                        : new SessionCipher(keys, address, random, SessionCipher.DEFAULT_MAX_SKIPPED_KEYS)
                                .decrypt(kind, Stanzas.data(enc));
                Message decoded = Message.parseFrom(MessagePadding.unpad(padded));
                if (decoded.hasDeviceSentMessage()) {
                    decoded = decoded.getDeviceSentMessage().getMessage();
                }
                if (decoded.hasSenderKeyDistributionMessage()) {
                    Message.SenderKeyDistributionMessage skdm = decoded.getSenderKeyDistributionMessage();
                    GroupCipher.processDistributionMessage(keys, new SenderKeyName(skdm.getGroupId(), address),
                            skdm.getAxolotlSenderKeyDistributionMessage().toByteArray());
                }
                if (hasContent(decoded)) {
                    content = decoded;
                }
            } catch (SignalException | InvalidProtocolBufferException | RuntimeException e) {
                failed = true;
                log.info("event=phone_decrypt_failed phone={} id={} sender={} type={} error={}", number, id,
                        sender.get(), enc.attr("type"), e.toString());
            }
        }
        if (failed) {
            log_.undecryptable();
            retryReceipt(stanza, group);
            return;
        }
        boolean fromMe = sender.get().phoneNumber().equals(number);
        if (content != null) {
            String chat = group ? from.toString()
                    : fromMe && stanza.attr("recipient") != null ? stanza.attr("recipient")
                    : directory.userJid(sender.get().phoneNumber(), false).toString();
            PhoneLog.Media received = media.receive(content);
            String type = received == null ? "text" : MediaMessages.read(content).type().wireName();
            if (received != null) {
                log.info("event=phone_media_received phone={} id={} type={} size={} error={}", number, id, type,
                        received.size(), received.error());
            }
            log_.received(new PhoneLog.Received(id, directory.userJid(sender.get().phoneNumber(), false).toString(),
                    directory.userJid(sender.get().phoneNumber(), true).toString(), chat, type,
                    received == null ? text(content) : received.caption(),
                    java.time.Instant.ofEpochSecond(parseLong(stanza.attr("t"), clock.instant().getEpochSecond())),
                    stanza.attr("notify"), fromMe, senderText, received));
        }
        // §10.7 step 3: the delivery receipt (type "sender" for copies of our own account's messages)
        Attributes.Builder receipt = Attributes.builder().put("id", id).put("to", stanza.attr("from"));
        if (group) {
            receipt.put("participant", senderText);
        }
        if (fromMe && !group) {
            receipt.put("type", "sender");
            if (stanza.attr("recipient") != null) {
                receipt.put("recipient", stanza.attr("recipient"));
            }
        }
        router.receipt(me(), Node.of("receipt", receipt.build()));
    }

    private void retryReceipt(Node stanza, boolean group) {
        long now = clock.instant().getEpochSecond();
        Attributes.Builder attrs = Attributes.builder().put("id", stanza.attr("id")).put("to", stanza.attr("from"))
                .put("type", "retry");
        if (group) {
            attrs.put("participant", stanza.attr("participant"));
        }
        Node retry = Node.of("retry", Attributes.of("count", "1", "id", stanza.attr("id"), "t", Long.toString(now),
                "v", "1", "error", "0"));
        Node registration = Node.of("registration", Attributes.empty(),
                ByteBuffer.allocate(4).putInt(keys.localRegistrationId()).array());
        router.receipt(me(), Node.of("receipt", attrs.build(), List.of(retry, registration)));
    }

    private void receipt(Node receipt) {
        String type = receipt.attr("type");
        String by = receipt.attr("participant") != null ? receipt.attr("participant") : receipt.attr("from");
        List<String> ids = new ArrayList<>();
        ids.add(receipt.attr("id"));
        Node list = receipt.child("list");
        if (list != null) {
            for (Node item : list.children()) {
                if (item.attr("id") != null) {
                    ids.add(item.attr("id"));
                }
            }
        }
        if ("retry".equals(type)) {
            resend(receipt, by);
            return;
        }
        String status = type == null ? "delivered" : switch (type) {
            case "read", "read-self" -> "read";
            case "played" -> "played";
            default -> null;
        };
        if (status != null) {
            for (String id : ids) {
                log_.status(id, status, by);
            }
        }
    }

    /** §10.7 step 4, the sender's side: re-encrypt the message for the device that asked. */
    private void resend(Node receipt, String deviceJid) {
        Outgoing original = recent.get(receipt.attr("id"));
        Optional<DeviceRef> device = directory.device(Jid.tryParse(deviceJid));
        if (original == null || device.isEmpty()) {
            log.info("event=retry_ignored phone={} id={} device={}", number, receipt.attr("id"), deviceJid);
            return;
        }
        Node retry = receipt.child("retry");
        String count = retry == null || retry.attr("count") == null ? "1" : retry.attr("count");
        SignalAddress address = SignalAddress.of(directory.jid(device.get(), true));
        try {
            Optional<PreKeyBundle> fresh = bundleFromReceipt(receipt, device.get().deviceId());
            if (fresh.isPresent()) {
                SessionBuilder.processBundle(keys, address, fresh.get(), random);
            }
            Message message = original.message();
            if (original.group() != null) {
                byte[] skdm = GroupCipher.distributionMessage(keys, ownSenderKey(original.group()), random);
                message = message.toBuilder().setSenderKeyDistributionMessage(Message.SenderKeyDistributionMessage
                        .newBuilder().setGroupId(original.group()).setAxolotlSenderKeyDistributionMessage(
                                ByteString.copyFrom(skdm))).build();
            } else if (device.get().phoneNumber().equals(number)) {
                message = deviceSent(original.chat(), message);
            }
            Node enc = encryptFor(device.get(), message);
            Node target = Node.of("to", Attributes.of("jid", directory.jid(device.get(), original.lid()).toString()),
                    List.of(withCount(enc, count)));
            Attributes.Builder attrs = Attributes.builder().put("id", original.id()).put("type", stanzaType(message))
                    .put("device_fanout", "false");
            if (original.group() != null) {
                attrs.put("to", original.group()).put("addressing_mode", "lid");
            } else {
                attrs.put("to", directory.jid(device.get(), original.lid()).toString());
            }
            Optional<String> error = router.message(me(), Node.of("message", attrs.build(),
                    List.of(Node.of("participants", Attributes.empty(), List.of(target)))));
            log.info("event=retry_answered phone={} id={} device={} count={} freshSession={} error={}", number,
                    original.id(), device.get(), count, fresh.isPresent(), error.orElse("none"));
        } catch (SignalException | RuntimeException e) {
            log.warn("event=retry_failed phone={} id={} device={} error={}", number, original.id(), device.get(),
                    e.toString());
        }
    }

    /** The {@code <keys>} of a retry receipt (from the second retry on, §10.7) as a bundle. */
    private static Optional<PreKeyBundle> bundleFromReceipt(Node receipt, int deviceId) {
        Node k = receipt.child("keys");
        byte[] registration = Stanzas.data(receipt.child("registration"));
        if (k == null || registration == null || registration.length != 4) {
            return Optional.empty();
        }
        Node key = k.child("key");
        Node skey = k.child("skey");
        byte[] identity = Stanzas.data(k.child("identity"));
        if (skey == null || identity == null) {
            return Optional.empty();
        }
        return Optional.of(new PreKeyBundle(ByteBuffer.wrap(registration).getInt(), deviceId, identity,
                uint(Stanzas.data(skey.child("id"))), Stanzas.data(skey.child("value")),
                Stanzas.data(skey.child("signature")),
                key == null ? PreKeyBundle.NO_PRE_KEY : uint(Stanzas.data(key.child("id"))),
                key == null ? null : Stanzas.data(key.child("value"))));
    }

    // ---- sending -----------------------------------------------------------------------------------

    /**
     * Sends text to a user (digits or PN/LID JID) or a group JID.
     *
     * @return the message id
     * @throws IllegalArgumentException for an unknown recipient or a group the phone is not in
     */
    String sendText(String to, String text) {
        return send(to, Message.newBuilder().setConversation(text).build(), "text", text, null);
    }

    /**
     * Sends media to a user or group: encrypts {@code plaintext} under a fresh media key into the media store (as an
     * upload would), builds the message with {@link MediaMessages} and sends it like text (stanza type
     * {@code media}). Keeps the media key and direct path for media retries.
     *
     * @return the message id
     * @throws IllegalArgumentException for an unknown recipient or a group the phone is not in
     */
    String sendMedia(String to, MediaSend request) throws IOException {
        PhoneMedia.Outgoing outgoing = media.prepare(request);
        String type = request.type().wireName();
        String id = send(to, outgoing.message(), type, request.caption(), outgoing.logged());
        mediaRetries.remember(id, outgoing.uploaded());
        log.info("event=phone_media_sent phone={} id={} type={} size={}", number, id, type,
                outgoing.uploaded().hashes().fileLength());
        return id;
    }

    private String send(String to, Message message, String type, String text, PhoneLog.Media sentMedia) {
        String id = newMessageId();
        Jid target = to.contains("@") ? Jid.tryParse(to) : Jid.tryParse(to + "@s.whatsapp.net");
        if (target == null) {
            throw new IllegalArgumentException("not a JID or phone number: " + to);
        }
        Optional<String> error;
        if (Jid.GROUP.equals(target.server())) {
            GroupRecord group = groups.get(target.user()).filter(g -> g.isMember(number))
                    .orElseThrow(() -> new IllegalArgumentException("phone " + number + " is not in group " + to));
            log_.sent(new PhoneLog.Sent(id, group.jid(), type, text, clock.instant(), "pending", null, null, sentMedia));
            error = sendGroup(id, group, message);
        } else {
            PhoneRecord recipient = directory.account(target)
                    .orElseThrow(() -> new IllegalArgumentException("no account " + to + " on this emulator"));
            boolean lid = Jid.LID.equals(target.server());
            String chat = directory.userJid(recipient.phoneNumber(), lid).toString();
            log_.sent(new PhoneLog.Sent(id, chat, type, text, clock.instant(), "pending", null, null, sentMedia));
            error = sendDirect(id, recipient, lid, chat, message);
        }
        if (error.isPresent()) {
            log_.failed(id, error.get());
        } else {
            log_.status(id, "sent", null);
        }
        return id;
    }

    private Optional<String> sendDirect(String id, PhoneRecord recipient, boolean lid, String chat, Message message) {
        List<Node> targets = new ArrayList<>();
        List<DeviceRef> devices = new ArrayList<>(directory.devices(recipient));
        if (!recipient.phoneNumber().equals(number)) {
            devices.addAll(directory.devices(number));
        }
        for (DeviceRef device : devices) {
            if (device.equals(me())) {
                continue;
            }
            Message plaintext = device.phoneNumber().equals(number) ? deviceSent(chat, message) : message;
            try {
                Node enc = encryptFor(device, plaintext);
                targets.add(Node.of("to", Attributes.of("jid", directory.jid(device, lid).toString()), List.of(enc)));
            } catch (SignalException | RuntimeException e) {
                log.warn("event=phone_encrypt_failed phone={} id={} device={} error={}", number, id, device, e.toString());
            }
        }
        recent.put(id, new Outgoing(id, chat, lid, null, message));
        Node node = Node.of("message", Attributes.builder().put("id", id).put("type", stanzaType(message)).put("to", chat).build(),
                List.of(Node.of("participants", Attributes.empty(), targets)));
        return router.message(me(), node);
    }

    private Optional<String> sendGroup(String id, GroupRecord group, Message message) {
        String groupJid = group.jid();
        SenderKeyName own = ownSenderKey(groupJid);
        List<Node> targets = new ArrayList<>();
        List<String> gotKey = new ArrayList<>();
        byte[] skmsg;
        try {
            byte[] distribution = GroupCipher.distributionMessage(keys, own, random);
            Message skdm = Message.newBuilder().setSenderKeyDistributionMessage(Message.SenderKeyDistributionMessage
                    .newBuilder().setGroupId(groupJid).setAxolotlSenderKeyDistributionMessage(
                            ByteString.copyFrom(distribution))).build();
            for (String member : group.members()) {
                for (DeviceRef device : directory.devices(member)) {
                    String deviceJid = directory.jid(device, true).toString();
                    if (device.equals(me()) || keys.senderKeySentTo(groupJid, deviceJid)) {
                        continue;
                    }
                    try {
                        targets.add(Node.of("to", Attributes.of("jid", deviceJid), List.of(encryptFor(device, skdm))));
                        gotKey.add(deviceJid);
                    } catch (SignalException | RuntimeException e) {
                        log.warn("event=phone_encrypt_failed phone={} id={} device={} error={}", number, id, device,
                                e.toString());
                    }
                }
            }
            skmsg = GroupCipher.encrypt(keys, own, MessagePadding.pad(message.toByteArray(), random));
        } catch (SignalException e) {
            return Optional.of("signal: " + e.reason());
        }
        recent.put(id, new Outgoing(id, groupJid, true, groupJid, message));
        List<Node> children = new ArrayList<>();
        if (!targets.isEmpty()) {
            children.add(Node.of("participants", Attributes.empty(), targets));
        }
        children.add(Node.of("enc", encAttributes("skmsg", message), skmsg));
        Optional<String> error = router.message(me(), Node.of("message", Attributes.builder().put("id", id)
                .put("type", stanzaType(message)).put("to", groupJid).put("addressing_mode", "lid").build(), children));
        if (error.isEmpty()) {
            keys.markSenderKeySent(groupJid, gotKey);
        }
        return error;
    }

    /** Encrypts for one device, setting up a session from a fetched bundle when there is none. */
    private Node encryptFor(DeviceRef device, Message message) throws SignalException {
        SignalAddress address = SignalAddress.of(directory.jid(device, true));
        SessionCipher cipher = new SessionCipher(keys, address, random, SessionCipher.DEFAULT_MAX_SKIPPED_KEYS);
        if (!cipher.hasSession()) {
            PreKeyBundle bundle = bundles.take(device)
                    .orElseThrow(() -> new IllegalStateException("no bundle for " + device));
            SessionBuilder.processBundle(keys, address, bundle, random);
            cipher = new SessionCipher(keys, address, random, SessionCipher.DEFAULT_MAX_SKIPPED_KEYS);
        }
        EncryptedMessage encrypted = cipher.encrypt(MessagePadding.pad(message.toByteArray(), random));
        byte[] serialized = encrypted.serialized();
        if (tampering.consume(number, device)) {
            serialized = Tampering.corrupt(encrypted);
            log.info("event=ciphertext_tampered phone={} device={} type={}", number, device, encrypted.kind().wire());
        }
        return Node.of("enc", encAttributes(encrypted.kind().wire(), message), serialized);
    }

    /**
     * §8.6: shares the account's app-state sync key with a newly logged-in companion of this account, as an
     * end-to-end encrypted peer message ({@code category="peer"}, the enc a direct child, addressed to the
     * device) carrying {@code protocolMessage{type=APP_STATE_SYNC_KEY_SHARE}}. A companion that has not
     * uploaded one-time pre-keys yet gets a session from its registered signed pre-key alone.
     *
     * @return the message id, or empty when the device is unknown or the encryption failed
     */
    Optional<String> shareAppStateKey(int deviceId) {
        DeviceRef device = new DeviceRef(number, deviceId);
        Optional<PhoneRecord> account = directory.account(number);
        if (deviceId == 0 || account.isEmpty() || account.get().device(deviceId) == null) {
            return Optional.empty();
        }
        AppStateKey key = keys.appStateKey(clock.millis());
        Message.AppStateSyncKeyFingerprint.Builder fingerprint = Message.AppStateSyncKeyFingerprint.newBuilder()
                .setRawId(key.rawId()).addDeviceIndexes(0);
        int currentIndex = 0;
        for (var linked : account.get().devices()) {
            fingerprint.addDeviceIndexes(linked.keyIndex());
            currentIndex = Math.max(currentIndex, linked.keyIndex());
        }
        fingerprint.setCurrentIndex(currentIndex);
        Message share = Message.newBuilder().setProtocolMessage(Message.ProtocolMessage.newBuilder()
                .setType(Message.ProtocolMessage.Type.APP_STATE_SYNC_KEY_SHARE)
                .setAppStateSyncKeyShare(Message.AppStateSyncKeyShare.newBuilder().addKeys(
                        Message.AppStateSyncKey.newBuilder()
                                .setKeyId(Message.AppStateSyncKeyId.newBuilder().setKeyId(ByteString.copyFrom(key.id())))
                                .setKeyData(Message.AppStateSyncKeyData.newBuilder()
                                        .setKeyData(ByteString.copyFrom(key.data()))
                                        .setFingerprint(fingerprint)
                                        .setTimestamp(key.createdMs()))))).build();
        String id = newMessageId();
        Node enc;
        try {
            enc = encryptFor(device, share);
        } catch (SignalException | RuntimeException e) {
            log.warn("event=app_state_key_share_failed phone={} device={} error={}", number, device, e.toString());
            return Optional.empty();
        }
        Node node = Node.of("message", Attributes.builder().put("id", id).put("type", "text")
                .put("to", directory.jid(device, false).toString()).put("category", "peer")
                .put("push_priority", "high_force").build(), List.of(enc));
        Optional<String> error = router.message(me(), node);
        log.info("event=app_state_key_shared phone={} device={} id={} error={}", number, device, id,
                error.orElse("none"));
        return error.isEmpty() ? Optional.of(id) : Optional.empty();
    }

    /**
     * Answers a media retry request ({@code <receipt type="server-error">}) for a message this phone sent: the
     * {@code <notification type="mediaretry">} for the requesting device ({@link PhoneMediaRetry#answer}).
     *
     * @param requesterUser the requesting account's own user JID, the notification's {@code from}
     */
    Node mediaRetry(Node receipt, String requesterUser) {
        return mediaRetries.answer(receipt, requesterUser);
    }

    /** Sends read receipts for received messages (§10.8); unknown ids are skipped. Returns the ids read. */
    List<String> read(List<String> ids) {
        List<String> done = new ArrayList<>();
        for (String id : ids) {
            Optional<PhoneLog.Received> message = log_.receivedById(id);
            if (message.isEmpty() || message.get().fromMe()) {
                continue;
            }
            PhoneLog.Received m = message.get();
            boolean group = m.chat().endsWith("@g.us");
            Attributes.Builder attrs = Attributes.builder().put("id", id).put("type", "read")
                    .put("t", Long.toString(clock.instant().getEpochSecond()));
            if (group) {
                attrs.put("to", m.chat()).put("participant", m.senderJid());
            } else {
                attrs.put("to", m.senderJid());
            }
            if (router.receipt(me(), Node.of("receipt", attrs.build())).isEmpty()) {
                done.add(id);
            }
        }
        return done;
    }

    private SenderKeyName ownSenderKey(String groupJid) {
        return new SenderKeyName(groupJid, SignalAddress.of(directory.jid(me(), true)));
    }

    private static Message deviceSent(String chat, Message message) {
        return Message.newBuilder().setDeviceSentMessage(Message.DeviceSentMessage.newBuilder()
                .setDestinationJid(chat).setMessage(message)).build();
    }

    private static boolean hasContent(Message m) {
        return m.hasConversation() || m.hasExtendedTextMessage() || MediaMessages.read(m) != null;
    }

    /** Stanza {@code type}: {@code media} for media messages, as the reference sends them, else {@code text}. */
    private static String stanzaType(Message message) {
        return MessageTypes.stanzaType(unwrapped(message));
    }

    /** An enc's attributes; media messages carry {@code mediatype} (the reference's {@code getMediaType}). */
    private static Attributes encAttributes(String encType, Message message) {
        String mediaType = MessageTypes.mediaType(unwrapped(message));
        return mediaType == null ? Attributes.of("v", "2", "type", encType)
                : Attributes.of("v", "2", "type", encType, "mediatype", mediaType);
    }

    /** What a {@code DeviceSentMessage} (the copy for the phone's own companions) wraps, else the message. */
    private static Message unwrapped(Message message) {
        return message.hasDeviceSentMessage() ? message.getDeviceSentMessage().getMessage() : message;
    }

    private static String text(Message m) {
        return m.hasConversation() ? m.getConversation() : m.getExtendedTextMessage().getText();
    }

    private static Node withCount(Node enc, String count) {
        Attributes.Builder attrs = Attributes.builder();
        for (int i = 0; i < enc.attrs().size(); i++) {
            attrs.put(enc.attrs().key(i), enc.attrs().value(i));
        }
        attrs.put("count", count);
        return new Node(enc.tag(), attrs.build(), enc.content());
    }

    /** {@code 3EB0} and 18 upper-case hex digits: the 22 characters of the reference's ids (§10.3). */
    private String newMessageId() {
        return "3EB0" + HexFormat.of().withUpperCase().formatHex(random.bytes(9));
    }

    private static long parseLong(String text, long fallback) {
        try {
            return text == null ? fallback : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int uint(byte[] bigEndian) {
        int value = 0;
        for (byte b : bigEndian == null ? new byte[0] : bigEndian) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }

    /** A message this phone sent, kept for retries: {@code group} is the group JID or null. */
    private record Outgoing(String id, String chat, boolean lid, String group, Message message) {
    }
}
