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
 * connection that closes unacked are written to the queue. Device 0 is the in-process phone.
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
            PrimaryPhones p = phones;
            if (p != null) {
                p.deliver(target.phoneNumber(), stanza);
            }
            return;
        }
        QueuedStanza queued = new QueuedStanza(stanza.attr("id"), stanza.tag(), ENCODER.encodeNode(stanza));
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
        Node node;
        try {
            node = DECODER.decodeNode(q.node());
        } catch (BinaryDecodeException e) {
            log.warn("event=queued_stanza_undecodable id={} error={}", q.id(), e.getMessage());
            return false;
        }
        Attributes.Builder attrs = Attributes.builder();
        for (int i = 0; i < node.attrs().size(); i++) {
            attrs.put(node.attrs().key(i), node.attrs().value(i));
        }
        attrs.put("offline", "1");
        return connection.send(new Node(node.tag(), attrs.build(), node.content()));
    }

    private DeviceLine line(DeviceRef device) {
        return lines.computeIfAbsent(device, d -> new DeviceLine());
    }

    private static final class DeviceLine {
        private ClientConnection connection;
        private final List<InFlight> inFlight = new ArrayList<>();
    }

    private record InFlight(QueuedStanza stanza, boolean persisted) {
    }
}
