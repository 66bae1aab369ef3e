package com.wagateway.emulator.protocol;

import com.wagateway.emulator.store.MessageQueueStore;
import com.wagateway.emulator.store.MessageQueueStore.QueuedStanza;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BinaryDecodeException;
import com.wagateway.whatsapp.binary.BinaryDecoder;
import com.wagateway.whatsapp.binary.BinaryEncoder;
import com.wagateway.whatsapp.binary.Node;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery to devices with the at-least-once rule of §8.4: a stanza for a companion is sent if it is
 * online and kept as in flight until the device acks it; for an offline device it goes to the persistent
 * {@link MessageQueueStore}. At login the queue is delivered (marked {@code offline}) before
 * {@code <ib><offline count/>}, and a queued stanza leaves the file only when acked. Stanzas in flight on a
 * connection that closes unacked are written to the queue. Device 0 is the in-process phone: handed its
 * stanzas directly, except while it is offline ({@link #holdPhone}), when they wait in its queue file exactly as
 * for an offline companion and are handed over in order when it comes back ({@link #releasePhone}).
 */
public final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final BinaryEncoder ENCODER = new BinaryEncoder();
    private static final BinaryDecoder DECODER = new BinaryDecoder();

    private final MessageQueueStore queues;
    private final Map<DeviceRef, DeviceLine> lines = new ConcurrentHashMap<>();
    private volatile PrimaryPhones phones;

    public Outbox(MessageQueueStore queues) {
        this.queues = queues;
    }

    public void phones(PrimaryPhones primaryPhones) {
        this.phones = primaryPhones;
    }

    /** Sends or queues one stanza for a device. */
    public void deliver(DeviceRef target, Node stanza) {
        if (target.isPhone()) {
            toPhone(target, stanza);
            return;
        }
        QueuedStanza queued = queued(stanza);
        DeviceLine line = line(target);
        synchronized (line) {
            if (line.connection != null && line.connection.send(stanza)) {
                line.inFlight.add(new InFlight(queued, false));
                return;
            }
            queues.append(target.phoneNumber(), target.deviceId(), List.of(queued));
        }
        log.debug("event=stanza_queued device={} tag={} id={}", target, stanza.tag(), queued.id());
    }

    /** The device acked a stanza: it is not delivered again. */
    public void acked(DeviceRef device, String ackClass, String id) {
        if (id == null) {
            return;
        }
        DeviceLine line = line(device);
        synchronized (line) {
            for (Iterator<InFlight> it = line.inFlight.iterator(); it.hasNext(); ) {
                InFlight f = it.next();
                if (f.stanza.matches(ackClass, id)) {
                    it.remove();
                    if (f.persisted) {
                        queues.remove(device.phoneNumber(), device.deviceId(), f.stanza.kind(), id);
                    }
                    return;
                }
            }
        }
    }

    /**
     * A device logged in on {@code connection}: stanzas still in flight on a replaced connection and the
     * persistent queue are delivered, then the end-of-queue marker.
     *
     * @return how many queued stanzas were delivered
     */
    public int loggedIn(DeviceRef device, ClientConnection connection) {
        DeviceLine line = line(device);
        synchronized (line) {
            List<InFlight> carried = new ArrayList<>(line.inFlight);
            line.inFlight.clear();
            line.connection = connection;
            int count = 0;
            for (QueuedStanza q : queues.pending(device.phoneNumber(), device.deviceId())) {
                if (sendOffline(connection, q)) {
                    line.inFlight.add(new InFlight(q, true));
                    count++;
                }
            }
            for (InFlight f : carried) {
                if (sendOffline(connection, f.stanza)) {
                    line.inFlight.add(f);
                    count += f.persisted ? 0 : 1;
                }
            }
            connection.send(Stanzas.offline(count));
            return count;
        }
    }

    /** The device's connection closed: whatever it did not ack waits in the queue for its next login. */
    public void disconnected(DeviceRef device, ClientConnection connection) {
        DeviceLine line = lines.get(device);
        if (line == null) {
            return;
        }
        synchronized (line) {
            if (line.connection != connection) {
                return; // replaced: the new connection took the in-flight stanzas over
            }
            line.connection = null;
            List<QueuedStanza> unacked = new ArrayList<>();
            for (InFlight f : line.inFlight) {
                if (!f.persisted) {
                    unacked.add(f.stanza);
                }
            }
            line.inFlight.clear();
            queues.append(device.phoneNumber(), device.deviceId(), unacked);
            if (!unacked.isEmpty()) {
                log.info("event=unacked_requeued device={} count={}", device, unacked.size());
            }
        }
    }

    /**
     * The phone of {@code phoneNumber} goes offline: from now on its stanzas are written to its queue
     * ({@code queues/<number>/0.json}, which exists exactly while the phone is offline, so the state survives a
     * restart). Call it on the phone's own worker, after what was handed to it before.
     */
    public void holdPhone(String phoneNumber) {
        DeviceRef phone = new DeviceRef(phoneNumber, 0);
        DeviceLine line = line(phone);
        synchronized (line) {
            if (!line.held) {
                queues.create(phoneNumber, 0);
                line.held = true;
                log.info("event=phone_offline phone={}", phoneNumber);
            }
        }
    }

    /**
     * The phone comes back: what waited in its queue is handed to it in order (ahead of anything delivered
     * after this call) and the queue file goes. Handed over counts as delivered: the phone is in-process and
     * acks nothing, like any stanza an online phone gets.
     *
     * @return how many stanzas were handed over
     */
    public int releasePhone(String phoneNumber) {
        DeviceRef phone = new DeviceRef(phoneNumber, 0);
        DeviceLine line = line(phone);
        synchronized (line) {
            if (!line.held) {
                return 0;
            }
            int count = 0;
            for (QueuedStanza q : queues.pending(phoneNumber, 0)) {
                Node node = decode(q);
                if (node != null) {
                    handToPhone(phone, node);
                    count++;
                }
            }
            queues.delete(phoneNumber, 0);
            line.held = false;
            log.info("event=phone_online phone={} delivered={}", phoneNumber, count);
            return count;
        }
    }

    /** Whether the phone is offline (its stanzas are being held). */
    public boolean phoneHeld(String phoneNumber) {
        DeviceLine line = line(new DeviceRef(phoneNumber, 0));
        synchronized (line) {
            return line.held;
        }
    }

    /** The check and the hand-over share the line's lock, so a release never lets a newer stanza overtake. */
    private void toPhone(DeviceRef phone, Node stanza) {
        DeviceLine line = line(phone);
        synchronized (line) {
            if (line.held) {
                queues.append(phone.phoneNumber(), 0, List.of(queued(stanza)));
                log.debug("event=stanza_held device={} tag={} id={}", phone, stanza.tag(), stanza.attr("id"));
                return;
            }
            handToPhone(phone, stanza);
        }
    }

    private void handToPhone(DeviceRef phone, Node stanza) {
        PrimaryPhones p = phones;
        if (p != null) {
            p.deliver(phone.phoneNumber(), stanza);
        }
    }

    private static QueuedStanza queued(Node stanza) {
        return new QueuedStanza(stanza.attr("id"), stanza.tag(), ENCODER.encodeNode(stanza));
    }

    /** The device was unlinked: forget it. */
    public void forget(DeviceRef device) {
        lines.remove(device);
    }

    /** Stanzas sent to the device and not acked yet (tests, admin). */
    public int inFlight(DeviceRef device) {
        DeviceLine line = lines.get(device);
        if (line == null) {
            return 0;
        }
        synchronized (line) {
            return line.inFlight.size();
        }
    }

    private static boolean sendOffline(ClientConnection connection, QueuedStanza q) {
        Node node = decode(q);
        if (node == null) {
            return false;
        }
        Attributes.Builder attrs = Attributes.builder();
        for (int i = 0; i < node.attrs().size(); i++) {
            attrs.put(node.attrs().key(i), node.attrs().value(i));
        }
        attrs.put("offline", "1");
        return connection.send(new Node(node.tag(), attrs.build(), node.content()));
    }

    private static Node decode(QueuedStanza q) {
        try {
            return DECODER.decodeNode(q.node());
        } catch (BinaryDecodeException e) {
            log.warn("event=queued_stanza_undecodable id={} error={}", q.id(), e.getMessage());
            return null;
        }
    }

    private DeviceLine line(DeviceRef device) {
        return lines.computeIfAbsent(device, d -> {
            DeviceLine line = new DeviceLine();
            // a phone left offline before a restart is still offline: its queue file is the state
            line.held = d.isPhone() && queues.exists(d.phoneNumber(), 0);
            return line;
        });
    }

    private static final class DeviceLine {
        private ClientConnection connection;
        /** Phone lines only: offline, stanzas go to the queue. */
        private boolean held;
        private final List<InFlight> inFlight = new ArrayList<>();
    }

    private record InFlight(QueuedStanza stanza, boolean persisted) {
    }
}
