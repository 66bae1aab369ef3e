package com.wagateway.emulator.protocol;

import com.wagateway.emulator.media.MediaConnAnswer;
import com.wagateway.emulator.store.DeviceRecord;
import com.wagateway.emulator.store.GroupRecord;
import com.wagateway.emulator.store.GroupStore;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import com.wagateway.emulator.store.PhoneRecord;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.emulator.store.PreKeyStore;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the IQs a logged-in companion sends (fact sheet §8.1–§8.3, §8.5, §10.1) as the reference
 * server does; anything it does not know gets an empty {@code result}, which keeps clients going.
 */
final class LoggedInIqs {

    private final PhoneStore phones;
    private final PreKeyStore preKeys;
    private final DeviceLinks links;
    private final KeyBundles bundles;
    private final GroupStore groups;
    private final Directory directory;
    /** Set once the media hosts listen (they start after the chat server). */
    private volatile MediaConnAnswer mediaConn;

    LoggedInIqs(PhoneStore phones, PreKeyStore preKeys, DeviceLinks links, KeyBundles bundles, GroupStore groups,
                Directory directory) {
        this.phones = phones;
        this.preKeys = preKeys;
        this.links = links;
        this.bundles = bundles;
        this.groups = groups;
        this.directory = directory;
    }

    void mediaConn(MediaConnAnswer answer) {
        this.mediaConn = answer;
    }

    void handle(ClientConnection connection, ConnectionState.LoggedIn me, Node iq) {
        String id = iq.attr("id");
        if (id == null) {
            return; // nothing to answer to
        }
        String type = iq.attr("type");
        if ("result".equals(type) || "error".equals(type)) {
            return; // replies to server iqs; the emulator sends none that wait after login
        }
        String xmlns = iq.attr("xmlns") == null ? "" : iq.attr("xmlns");
        Node first = iq.children().isEmpty() ? null : iq.children().getFirst();
        String child = first == null ? "" : first.tag();
        Node answer = switch (xmlns + " " + type + " " + child) {
            case "w:p get ping" -> Stanzas.iqResult(id);
            case "passive set active", "passive set passive" -> Stanzas.iqResult(id);
            case "encrypt get count" -> Stanzas.iqResult(id, Node.of("count",
                    Attributes.of("value", Integer.toString(device(me).map(DeviceRecord::preKeyCount).orElse(0)))));
            case "encrypt set list", "encrypt set registration", "encrypt set type", "encrypt set identity",
                 "encrypt set skey" -> upload(me, iq);
            case "encrypt get digest" -> digest(me, id);
            case "encrypt get key" -> Stanzas.iqResult(id, keyBundles(first));
            case "w:g2 get query" -> groupMetadata(me, id, iq.attr("to"));
            case "abt get props", "w get props" -> Stanzas.iqResult(id, Node.of("props",
                    Attributes.of("protocol", "abt".equals(xmlns) ? "1" : "2", "hash", "emulator-1"), List.of()));
            case "blocklist get " , "blocklist get list" -> Stanzas.iqResult(id, Node.of("list", Attributes.empty(), List.of()));
            case "privacy get privacy" -> Stanzas.iqResult(id, privacy());
            case "usync get usync" -> Stanzas.iqResult(id, usync(first));
            case "md set remove-companion-device" -> removeCompanion(connection, me, id, first);
            case "w:m set media_conn" -> mediaConn == null ? Stanzas.iqError(id, 503, "service-unavailable")
                    : Stanzas.iqResult(id, mediaConn.mediaConn());
            default -> Stanzas.iqResult(id);
        };
        if (answer != null) {
            connection.send(answer);
        }
    }

    private Optional<DeviceRecord> device(ConnectionState.LoggedIn me) {
        return phones.get(me.phoneNumber()).map(p -> p.device(me.deviceId()));
    }

    /** §8.2: store the one-time pre-keys (and a new signed pre-key), then answer. */
    private Node upload(ConnectionState.LoggedIn me, Node iq) {
        Map<Integer, byte[]> keys = new HashMap<>();
        Node list = iq.child("list");
        if (list != null) {
            for (Node key : list.children()) {
                byte[] keyId = Stanzas.data(key.child("id"));
                byte[] value = Stanzas.data(key.child("value"));
                if (keyId == null || value == null || keyId.length != 3 || value.length != 32) {
                    return Stanzas.iqError(iq.attr("id"), 400, "bad-request");
                }
                keys.put(uint(keyId), value);
            }
        }
        if (device(me).isEmpty()) {
            return Stanzas.iqError(iq.attr("id"), 401, "not-authorized");
        }
        int stored = keys.isEmpty() ? -1 : preKeys.upload(me.phoneNumber(), me.deviceId(), keys);
        Node skey = iq.child("skey");
        byte[] skeyId = skey == null ? null : Stanzas.data(skey.child("id"));
        byte[] value = skey == null ? null : Stanzas.data(skey.child("value"));
        byte[] signature = skey == null ? null : Stanzas.data(skey.child("signature"));
        Optional<DeviceRecord> updated = phones.updateDevice(me.phoneNumber(), me.deviceId(), device -> {
            DeviceRecord d = stored < 0 ? device : device.withPreKeyCount(stored);
            boolean newSignedPreKey = skeyId != null && value != null && value.length == 32
                    && signature != null && signature.length == 64;
            return newSignedPreKey ? d.withSignedPreKey(uint(skeyId), value, signature) : d;
        });
        if (updated.isEmpty()) {
            preKeys.delete(me.phoneNumber(), me.deviceId()); // unlinked meanwhile: keep no orphan file
            return Stanzas.iqError(iq.attr("id"), 401, "not-authorized");
        }
        return Stanzas.iqResult(iq.attr("id"));
    }

    /**
     * The key-bundle digest (§8.1 step 3): what the server holds for this device. Baileys only checks
     * that a {@code <digest>} child is present; the hash is SHA-1 over identity, signed pre-key and the
     * one-time keys (the real service's exact hash input is not documented).
     */
    private Node digest(ConnectionState.LoggedIn me, String id) {
        Optional<DeviceRecord> found = device(me);
        if (found.isEmpty() || found.get().preKeyCount() == 0) {
            return Stanzas.iqError(id, 404, "item-not-found");
        }
        DeviceRecord device = found.get();
        Map<Integer, byte[]> keys = preKeys.read(me.phoneNumber(), me.deviceId());
        List<Node> ids = new ArrayList<>();
        MessageDigest sha1 = sha1();
        sha1.update(device.identityKey());
        sha1.update(device.signedPreKey());
        sha1.update(device.signedPreKeySignature());
        for (Map.Entry<Integer, byte[]> key : keys.entrySet()) {
            ids.add(Node.of("id", Attributes.empty(), threeBytes(key.getKey())));
            sha1.update(key.getValue());
        }
        Node digest = Node.of("digest", Attributes.empty(), List.of(
                Node.of("type", Attributes.empty(), new byte[] {5}),
                Node.of("identity", Attributes.empty(), device.identityKey()),
                Node.of("registration", Attributes.empty(), ByteBuffer.allocate(4).putInt(device.registrationId()).array()),
                Node.of("skey", Attributes.empty(), List.of(
                        Node.of("id", Attributes.empty(), threeBytes(device.signedPreKeyId())),
                        Node.of("value", Attributes.empty(), device.signedPreKey()),
                        Node.of("signature", Attributes.empty(), device.signedPreKeySignature()))),
                Node.of("list", Attributes.empty(), ids),
                Node.of("hash", Attributes.empty(), sha1.digest())));
        return Stanzas.iqResult(id, digest);
    }

    /** §8.1 step 5: the defaults of a fresh account. */
    private static Node privacy() {
        List<Node> categories = new ArrayList<>();
        String[][] defaults = {{"last", "all"}, {"online", "all"}, {"profile", "all"}, {"status", "contacts"},
                {"groupadd", "all"}, {"readreceipts", "all"}, {"calladd", "all"}};
        for (String[] d : defaults) {
            categories.add(Node.of("category", Attributes.of("name", d[0], "value", d[1])));
        }
        return Node.of("privacy", Attributes.empty(), categories);
    }

    /**
     * §10.1: each queried user's devices (the phone as device 0, companions with their key index) and,
     * for users asked for by phone number, the LID. Users the emulator does not know get an empty device list and {@code <contact type="out"/>}.
     */
    private Node usync(Node usync) {
        Node query = usync.child("query");
        Node list = usync.child("list");
        List<Node> users = new ArrayList<>();
        if (list != null) {
            for (Node user : list.children()) {
                String jidText = user.attr("jid");
                Optional<PhoneRecord> phone = lookup(jidText);
                List<Node> parts = new ArrayList<>();
                if (query != null && query.child("devices") != null) {
                    parts.add(devices(phone));
                }
                // the lid protocol maps a PN to its LID; a user asked for by LID gets none: Baileys 7 stores
                // every <lid val> as the mapping of the asked JID (a LID "mapped" to itself, refused with a
                // warning) and then force-refreshes the sessions of those LIDs, replacing working sessions
                boolean askedByLid = jidText != null && jidText.endsWith("@" + Jid.LID);
                if (query != null && query.child("lid") != null && phone.isPresent() && !askedByLid) {
                    parts.add(Node.of("lid", Attributes.of("val", phone.get().lidUser() + "@lid")));
                }
                if (query != null && query.child("contact") != null) {
                    parts.add(Node.of("contact", Attributes.of("type", phone.isPresent() ? "in" : "out")));
                }
                users.add(Node.of("user", Attributes.of("jid", jidText == null ? "" : jidText), parts));
            }
        }
        Attributes.Builder attrs = Attributes.builder();
        for (String key : new String[] {"sid", "context", "mode", "index", "last"}) {
            if (usync.attr(key) != null) {
                attrs.put(key, usync.attr(key));
            }
        }
        return Node.of("usync", attrs.build(), List.of(Node.of("list", Attributes.empty(), users)));
    }

    private static Node devices(Optional<PhoneRecord> phone) {
        List<Node> devices = new ArrayList<>();
        if (phone.isPresent()) {
            devices.add(Node.of("device", Attributes.of("id", "0")));
            for (DeviceRecord device : phone.get().devices()) {
                devices.add(Node.of("device", Attributes.of("id", Integer.toString(device.deviceId()),
                        "key-index", Integer.toString(device.keyIndex()))));
            }
        }
        return Node.of("devices", Attributes.empty(), List.of(Node.of("device-list", Attributes.empty(), devices)));
    }

    private Optional<PhoneRecord> lookup(String jidText) {
        Jid jid = jidText == null ? null : Jid.tryParse(jidText);
        if (jid == null) {
            return Optional.empty();
        }
        return Jid.LID.equals(jid.server()) ? phones.byLid(jid.user()) : phones.get(jid.user());
    }

    /**
     * §10.2: a bundle per requested device JID (PN or LID), echoing the JID; one-time pre-keys are consumed.
     * An unknown device gets {@code <user jid><error code="404" text="item-not-found"/></user>}.
     */
    private Node keyBundles(Node key) {
        List<Node> users = new ArrayList<>();
        for (Node user : key.children()) {
            String jid = user.attr("jid");
            Optional<PreKeyBundle> bundle = directory.device(jid == null ? null : Jid.tryParse(jid))
                    .flatMap(bundles::take);
            users.add(bundle.map(b -> KeyBundles.userNode(jid, b)).orElseGet(() ->
                    Node.of("user", Attributes.of("jid", jid == null ? "" : jid), List.of(
                            Node.of("error", Attributes.of("code", "404", "text", "item-not-found"))))));
        }
        return Node.of("list", Attributes.empty(), users);
    }

    /**
     * §10.5: {@code <group id subject creation creator creator_pn addressing_mode="lid">} with a
     * {@code <participant jid="<lid>@lid" phone_number="<pn>@s.whatsapp.net" [type]/>} per member.
     */
    private Node groupMetadata(ConnectionState.LoggedIn me, String id, String to) {
        Jid jid = to == null ? null : Jid.tryParse(to);
        Optional<GroupRecord> group = jid == null || !Jid.GROUP.equals(jid.server()) ? Optional.empty()
                : groups.get(jid.user());
        if (group.isEmpty()) {
            return Stanzas.iqError(id, 404, "item-not-found");
        }
        if (!group.get().isMember(me.phoneNumber())) {
            return Stanzas.iqError(id, 403, "forbidden");
        }
        return Stanzas.iqResult(id, groupNode(group.get(), directory));
    }

    static Node groupNode(GroupRecord group, Directory directory) {
        List<Node> members = new ArrayList<>();
        for (String member : group.members()) {
            Attributes.Builder attrs = Attributes.builder()
                    .put("jid", directory.userJid(member, true).toString())
                    .put("phone_number", directory.userJid(member, false).toString());
            if (member.equals(group.creator())) {
                attrs.put("type", "superadmin");
            }
            members.add(Node.of("participant", attrs.build()));
        }
        return Node.of("group", Attributes.builder()
                .put("id", group.id())
                .put("subject", group.subject())
                .put("s_t", Long.toString(group.creation().getEpochSecond()))
                .put("creation", Long.toString(group.creation().getEpochSecond()))
                .put("creator", directory.userJid(group.creator(), true).toString())
                .put("creator_pn", directory.userJid(group.creator(), false).toString())
                .put("addressing_mode", "lid")
                .put("size", Integer.toString(group.members().size()))
                .build(), members);
    }

    /** §8.5: the companion logs itself out. */
    private Node removeCompanion(ClientConnection connection, ConnectionState.LoggedIn me, String id, Node remove) {
        String target = remove.attr("jid");
        Jid jid = target == null ? null : Jid.tryParse(target);
        int deviceId = jid == null ? me.deviceId() : jid.device();
        String phoneNumber = jid == null ? me.phoneNumber() : phoneOf(jid);
        if (phoneNumber == null || !phoneNumber.equals(me.phoneNumber())) {
            return Stanzas.iqError(id, 403, "forbidden");
        }
        connection.send(Stanzas.iqResult(id));
        links.unlink(phoneNumber, deviceId, "companion_logout");
        return null; // answered above, before the stream error that may close this connection
    }

    private String phoneOf(Jid jid) {
        if (Jid.LID.equals(jid.server())) {
            return phones.byLid(jid.user()).map(PhoneRecord::phoneNumber).orElse(null);
        }
        return jid.user();
    }

    private static int uint(byte[] bigEndian) {
        int value = 0;
        for (byte b : bigEndian) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }

    private static byte[] threeBytes(int value) {
        return new byte[] {(byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a mandatory JDK algorithm", e);
        }
    }
}
