package com.wagateway.emulator.phone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a phone received (decrypted) and sent, with each sent message's latest status, in memory and
 * bounded (oldest entries drop first). Read by the admin API.
 */
final class PhoneLog {

    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, Received> received = new LinkedHashMap<>();
    private final Map<String, Sent> sent = new LinkedHashMap<>();
    private int undecryptable;

    synchronized void received(Received message) {
        received.put(message.id(), message);
        trim(received);
    }

    synchronized Optional<Received> receivedById(String id) {
        return Optional.ofNullable(received.get(id));
    }

    synchronized void sent(Sent message) {
        sent.put(message.id(), message);
        trim(sent);
    }

    /** Moves a sent message's status forward (sent → delivered → read); never back. */
    synchronized void status(String id, String status, String by) {
        Sent message = sent.get(id);
        if (message != null && rank(status) > rank(message.status())) {
            sent.put(id, message.withStatus(status, by));
        }
    }

    synchronized void failed(String id, String error) {
        Sent message = sent.get(id);
        if (message != null) {
            sent.put(id, new Sent(message.id(), message.to(), message.type(), message.text(), message.timestamp(),
                    "failed", message.statusBy(), error, message.media()));
        }
    }

    /** A sent message's media moved (re-uploaded for a media retry). */
    synchronized void mediaPath(String id, String directPath) {
        Sent message = sent.get(id);
        if (message != null && message.media() != null) {
            Media m = message.media();
            sent.put(id, new Sent(message.id(), message.to(), message.type(), message.text(), message.timestamp(),
                    message.status(), message.statusBy(), message.error(), m.withDirectPath(directPath)));
        }
    }

    /** The direct path of the media of a message this phone sent or received, if it had media. */
    synchronized Optional<String> mediaPath(String id) {
        Sent out = sent.get(id);
        if (out != null && out.media() != null) {
            return Optional.ofNullable(out.media().directPath());
        }
        Received in = received.get(id);
        return in != null && in.media() != null ? Optional.ofNullable(in.media().directPath()) : Optional.empty();
    }

    synchronized void undecryptable() {
        undecryptable++;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(new ArrayList<>(received.values()), new ArrayList<>(sent.values()), undecryptable);
    }

    private static int rank(String status) {
        return switch (status) {
            case "sent" -> 1;
            case "delivered" -> 2;
            case "read" -> 3;
            case "played" -> 4;
            default -> 0;
        };
    }

    private static <V> void trim(Map<String, V> map) {
        while (map.size() > MAX_ENTRIES) {
            map.remove(map.keySet().iterator().next());
        }
    }

    /**
     * A decrypted message.
     *
     * @param from        the author's phone-number JID ({@code <pn>@s.whatsapp.net})
     * @param fromLid     the author's LID JID
     * @param chat        the chat: the author for 1:1, the group JID, or (own devices' copies) the recipient
     * @param fromMe      a copy of what another device of this account sent
     * @param senderJid   the sending device as it arrived ({@code from} or {@code participant}), for receipts
     */
    record Received(String id, String from, String fromLid, String chat, String type, String text, Instant timestamp,
                    String pushName, boolean fromMe, String senderJid, Media media) {
    }

    /**
     * {@code type} is {@code text}, {@code image}, {@code video}, {@code audio} or {@code document}; {@code text} the
     * text or the caption; {@code media} null for text.
     */
    record Sent(String id, String to, String type, String text, Instant timestamp, String status, String statusBy,
                String error, Media media) {
        Sent withStatus(String newStatus, String by) {
            return new Sent(id, to, type, text, timestamp, newStatus, by, error, media);
        }
    }

    /**
     * The media part of a message the phone received or sent.
     *
     * @param size          the plaintext length the message states ({@code fileLength})
     * @param decryptedSize the plaintext length actually decrypted (received) or encrypted (sent); null when
     *                      downloading or decrypting failed
     * @param sha256        hex SHA-256 of the plaintext: for received media of what the phone downloaded and decrypted
     *                      (null when that failed), for sent media of what it encrypted
     * @param directPath    where the blob is (what the message names; after a media retry, the new path)
     * @param error         why downloading, verifying or decrypting failed (received media only), else null
     * @param stated        dimensions, duration, ptt, key timestamp and thumbnail as the message states them
     */
    record Media(String mimetype, long size, Long decryptedSize, String sha256, String fileName, String caption,
                 String directPath, String error, StatedMedia stated) {

        Media withDirectPath(String newPath) {
            return new Media(mimetype, size, decryptedSize, sha256, fileName, caption, newPath, error, stated);
        }
    }

    record Snapshot(List<Received> received, List<Sent> sent, int undecryptable) {
    }
}
