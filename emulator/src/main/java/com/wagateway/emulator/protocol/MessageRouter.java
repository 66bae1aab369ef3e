package com.wagateway.emulator.protocol;

import com.wagateway.emulator.store.GroupRecord;
import com.wagateway.emulator.store.GroupStore;
import com.wagateway.emulator.store.PhoneRecord;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out of messages and receipts between devices (fact sheet §10.6, §10.8), whoever sends them: a
 * companion over its connection or a virtual phone in-process. The sender's {@code <message>} is split
 * into one stanza per target device, addressed in the namespace the sender used with the other one in
 * alt attributes (§10.0); receipts go to the original sender's devices. Delivery is the {@link Outbox}'s.
 */
public final class MessageRouter {

    /** §10.6: the stanza cannot be routed (unknown device, malformed). */
    public static final String ERROR_INVALID = "479";
    /** The sender is not a member of the group. */
    public static final String ERROR_FORBIDDEN = "403";
    /** No such group. */
    public static final String ERROR_NOT_FOUND = "404";

    /*
     * SELF_ADDRESSED: a <to> naming the sending device itself is dropped, not refused. Stock Baileys
     * 7.0.0-rc14 sends one in every LID-addressed group it belongs to: its extractDeviceJids compares the
     * listed user with its full own LID JID (user:device@lid) instead of the LID user, so its own device is
     * never filtered out of a usync by LID. Whether the real server drops or refuses such an entry is not
     * known; dropping lets the reference client work and changes nothing for a client that filters itself.
     */
    private static final Logger log = LoggerFactory.getLogger(MessageRouter.class);

    private final Directory directory;
    private final GroupStore groups;
    private final Outbox outbox;
    private final Clock clock;
    private final Peers peers;
    private final Map<String, String> pushNames = new ConcurrentHashMap<>();

    public MessageRouter(Directory directory, GroupStore groups, Outbox outbox, Peers peers, Clock clock) {
        this.directory = directory;
        this.peers = peers;
        this.groups = groups;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The push name an account announced ({@code <presence name>}), used as {@code notify}. */
    public void pushName(String phoneNumber, String name) {
        if (name != null && !name.isEmpty()) {
            pushNames.put(phoneNumber, name);
        }
    }

    /**
     * Routes a {@code <message>} sent by {@code sender}.
     *
     * @return the error code for the sender's ack, empty when the message was accepted
     */
    public Optional<String> message(DeviceRef sender, Node message) {
        return message(sender, message, verdict -> { });
    }

    /**
     * Routes a {@code <message>} sent by {@code sender}, handing the verdict to {@code acknowledge} before
     * anything is delivered: the sender's {@code <ack>} then always precedes the recipients' receipts, as
     * with the real server, which accepts a message before it fans it out (§10.6).
     *
     * @return the error code for the sender's ack, empty when the message was accepted
     */
    public Optional<String> message(DeviceRef sender, Node message, Consumer<Optional<String>> acknowledge) {
        String id = message.attr("id");
        Jid to = Jid.tryParse(message.attr("to"));
        List<Delivery> deliveries = new ArrayList<>();
        Optional<String> error = id == null || to == null ? Optional.of(ERROR_INVALID)
                : Jid.GROUP.equals(to.server()) ? group(sender, message, to, deliveries)
                : direct(sender, message, to, deliveries);
        if (error.isPresent()) {
            log.info("event=message_refused sender={} id={} to={} error={}", sender, id, to, error.get());
        }
        acknowledge.accept(error);
        if (error.isEmpty()) {
            for (Delivery d : deliveries) {
                outbox.deliver(d.target(), d.stanza());
            }
        }
        return error;
    }

    private record Delivery(DeviceRef target, Node stanza) {
    }

    private Optional<String> direct(DeviceRef sender, Node message, Jid to, List<Delivery> out) {
        Optional<PhoneRecord> recipient = directory.account(to);
        if (recipient.isEmpty()) {
            return Optional.of(ERROR_INVALID);
        }
        boolean lid = Jid.LID.equals(to.server());
        String recipientNumber = recipient.get().phoneNumber();
        Map<DeviceRef, List<Node>> encs;
        Node participants = message.child("participants");
        if (participants != null) {
            Optional<Map<DeviceRef, List<Node>>> listed = encsByDevice(sender, participants,
                    d -> d.phoneNumber().equals(recipientNumber) || d.phoneNumber().equals(sender.phoneNumber()));
            if (listed.isEmpty()) {
                return Optional.of(ERROR_INVALID);
            }
            encs = listed.get();
        } else {
            // a peer message or a single-device resend: the enc is a direct child, the target is `to`
            Optional<DeviceRef> device = directory.device(to);
            if (device.isEmpty() || device.get().equals(sender)) {
                return Optional.of(ERROR_INVALID);
            }
            encs = Map.of(device.get(), encChildren(message));
        }
        Node deviceIdentity = message.child("device-identity");
        String chat = directory.userJid(recipientNumber, lid).toString();
        for (Map.Entry<DeviceRef, List<Node>> entry : encs.entrySet()) {
            DeviceRef target = entry.getKey();
            if (entry.getValue().isEmpty()) {
                continue;
            }
            Attributes.Builder attrs = base(message)
                    .put("from", directory.jid(sender, lid).toString());
            addressing(attrs, sender.phoneNumber(), lid, "sender");
            boolean toOwnDevice = target.phoneNumber().equals(sender.phoneNumber());
            if (toOwnDevice) {
                attrs.put("recipient", chat);
                attrs.put(lid ? "recipient_pn" : "recipient_lid", directory.userJid(recipientNumber, !lid).toString());
            }
            out.add(new Delivery(target, Node.of("message", attrs.build(), children(entry.getValue(), deviceIdentity))));
        }
        peers.met(sender.phoneNumber(), recipientNumber);
        return Optional.empty();
    }

    private Optional<String> group(DeviceRef sender, Node message, Jid to, List<Delivery> out) {
        Optional<GroupRecord> found = groups.get(to.user());
        if (found.isEmpty()) {
            return Optional.of(ERROR_NOT_FOUND);
        }
        GroupRecord group = found.get();
        if (!group.isMember(sender.phoneNumber())) {
            return Optional.of(ERROR_FORBIDDEN);
        }
        Map<DeviceRef, List<Node>> pairwise = Map.of();
        Node participants = message.child("participants");
        if (participants != null) {
            Optional<Map<DeviceRef, List<Node>>> listed = encsByDevice(sender, participants,
                    d -> group.isMember(d.phoneNumber()));
            if (listed.isEmpty()) {
                return Optional.of(ERROR_INVALID);
            }
            pairwise = listed.get();
        }
        Node skmsg = null;
        for (Node enc : encChildren(message)) {
            if ("skmsg".equals(enc.attr("type"))) {
                skmsg = enc;
            }
        }
        List<DeviceRef> targets = new ArrayList<>();
        if ("false".equals(message.attr("device_fanout"))) {
            targets.addAll(pairwise.keySet()); // a resend (§10.7 retry) goes only to the named devices
        } else {
            for (String member : group.members()) {
                for (DeviceRef device : directory.devices(member)) {
                    if (!device.equals(sender)) {
                        targets.add(device);
                    }
                }
            }
        }
        Node deviceIdentity = message.child("device-identity");
        for (DeviceRef target : targets) {
            List<Node> encs = new ArrayList<>(pairwise.getOrDefault(target, List.of()));
            if (skmsg != null) {
                encs.add(skmsg);
            }
            if (encs.isEmpty()) {
                continue;
            }
            Attributes.Builder attrs = base(message)
                    .put("from", group.jid())
                    .put("participant", directory.jid(sender, true).toString())
                    .put("participant_pn", directory.userJid(sender.phoneNumber(), false).toString())
                    .put("addressing_mode", "lid");
            String name = pushNames.get(sender.phoneNumber());
            if (name != null) {
                attrs.put("notify", name);
            }
            out.add(new Delivery(target, Node.of("message", attrs.build(), children(encs, deviceIdentity))));
        }
        for (String member : group.members()) {
            peers.met(sender.phoneNumber(), member);
        }
        return Optional.empty();
    }

    /**
     * The encs of a {@code <participants>} list by target device, in the sender's order, leaving out the sender's own
     * device (see SELF_ADDRESSED); empty when a target is no known device or one {@code allowed} refuses.
     */
    private Optional<Map<DeviceRef, List<Node>>> encsByDevice(DeviceRef sender, Node participants,
            Predicate<DeviceRef> allowed) {
        Map<DeviceRef, List<Node>> encs = new LinkedHashMap<>();
        for (Node target : participants.children()) {
            Optional<DeviceRef> device = directory.device(Jid.tryParse(target.attr("jid")));
            if (device.isPresent() && device.get().equals(sender)) {
                continue;
            }
            if (device.isEmpty() || !allowed.test(device.get())) {
                return Optional.empty();
            }
            encs.computeIfAbsent(device.get(), d -> new ArrayList<>()).addAll(encChildren(target));
        }
        return Optional.of(encs);
    }

    /**
     * Forwards a {@code <receipt>} to the original sender's devices (§10.8): to the device named in
     * {@code to}/{@code participant} for a retry, else to every device of that account but the reader.
     *
     * @return the error code for the sender's ack, empty when accepted
     */
    public Optional<String> receipt(DeviceRef reader, Node receipt) {
        String id = receipt.attr("id");
        Jid to = Jid.tryParse(receipt.attr("to"));
        if (id == null || to == null) {
            return Optional.of(ERROR_INVALID);
        }
        boolean group = Jid.GROUP.equals(to.server());
        Jid author = group ? Jid.tryParse(receipt.attr("participant")) : to;
        Optional<DeviceRef> authorDevice = directory.device(author);
        if (authorDevice.isEmpty()) {
            return Optional.of(ERROR_INVALID);
        }
        boolean lid = Jid.LID.equals(author.server());
        String type = receipt.attr("type");
        Attributes.Builder attrs = Attributes.builder().put("id", id);
        if (group) {
            attrs.put("from", to.toString()).put("participant", directory.jid(reader, lid).toString());
        } else {
            attrs.put("from", directory.jid(reader, lid).toString());
        }
        if (type != null) {
            attrs.put("type", type);
        }
        if (receipt.attr("recipient") != null) {
            attrs.put("recipient", receipt.attr("recipient"));
        }
        attrs.put("t", receipt.attr("t") != null ? receipt.attr("t") : Long.toString(now()));
        Node forwarded = receipt.children().isEmpty() ? Node.of("receipt", attrs.build())
                : Node.of("receipt", attrs.build(), receipt.children());
        List<DeviceRef> targets = "retry".equals(type) ? List.of(authorDevice.get())
                : directory.devices(authorDevice.get().phoneNumber()).stream().filter(d -> !d.equals(reader)).toList();
        for (DeviceRef target : targets) {
            outbox.deliver(target, forwarded);
        }
        return Optional.empty();
    }

    private Attributes.Builder base(Node message) {
        Attributes.Builder attrs = Attributes.builder()
                .put("id", message.attr("id"))
                .put("type", message.attr("type") == null ? "text" : message.attr("type"))
                .put("t", Long.toString(now()));
        if (message.attr("category") != null) {
            attrs.put("category", message.attr("category"));
        }
        if (message.attr("edit") != null) {
            attrs.put("edit", message.attr("edit"));
        }
        return attrs;
    }

    /** {@code notify} and the §10.0 alt attributes of the sender ({@code sender_pn}/{@code sender_lid}). */
    private void addressing(Attributes.Builder attrs, String senderNumber, boolean lid, String role) {
        String name = pushNames.get(senderNumber);
        if (name != null) {
            attrs.put("notify", name);
        }
        attrs.put("addressing_mode", lid ? "lid" : "pn");
        attrs.put(role + (lid ? "_pn" : "_lid"), directory.userJid(senderNumber, !lid).toString());
    }

    private static List<Node> encChildren(Node parent) {
        List<Node> out = new ArrayList<>();
        for (Node child : parent.children()) {
            if ("enc".equals(child.tag())) {
                out.add(child);
            }
        }
        return out;
    }

    private static List<Node> children(List<Node> encs, Node deviceIdentity) {
        List<Node> out = new ArrayList<>(encs);
        if (deviceIdentity != null && encs.stream().anyMatch(e -> "pkmsg".equals(e.attr("type")))) {
            out.add(deviceIdentity);
        }
        return out;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /** The push name announced for an account, if any. */
    public Optional<String> pushName(String phoneNumber) {
        return Optional.ofNullable(pushNames.get(phoneNumber));
    }
}
