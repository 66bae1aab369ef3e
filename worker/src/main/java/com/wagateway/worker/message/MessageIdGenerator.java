package com.wagateway.worker.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Makes outgoing message ids the way WhatsApp Web does (fact sheet §10.3, Baileys {@code generateMessageIDV2},
 * whatsmeow {@code GenerateMessageID}), so ids we hand to the Backend look like any other client's:
 * <pre>
 *   data = uint64 BE unix seconds (8) || user + "@c.us" in a zeroed 20-byte field || 16 random bytes   (44 bytes)
 *   id   = "3EB0" + UPPER-HEX(SHA-256(data))[0..18]                                                    (22 chars)
 * </pre>
 * The id is made before the send command is produced, so the caller learns it even while the outcome is pending.
 */
public final class MessageIdGenerator {

    public static final String PREFIX = "3EB0";
    public static final int LENGTH = 22;

    private static final int USER_FIELD = 20;
    private static final int RANDOM_BYTES = 16;
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private final Clock clock;
    private final RandomGenerator random;

    public MessageIdGenerator(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /** The production generator: wall clock and {@link SecureRandom} (the 16 random bytes make ids unique). */
    public static MessageIdGenerator system() {
        return new MessageIdGenerator(Clock.systemUTC(), new SecureRandom());
    }

    /**
     * @param ownPhoneNumber the sending account's phone number ({@code +6281234567890}, {@code 6281234567890} or its
     *                       JID); null or without digits when the session has not paired yet. Then the user field
     *                       stays zeroed, exactly what Baileys does when it has no {@code me.id}: the id keeps its
     *                       format and its uniqueness, which comes from the random bytes, not from the number.
     */
    public String generate(String ownPhoneNumber) {
        ByteBuffer data = ByteBuffer.allocate(8 + USER_FIELD + RANDOM_BYTES); // zero-filled, big-endian
        data.putLong(clock.instant().getEpochSecond());
        String user = userPart(ownPhoneNumber);
        if (!user.isEmpty()) {
            // Baileys writes user then "@c.us" into a Buffer and the random bytes overwrite anything past 20 bytes:
            // that is truncation to the field, which is what we do explicitly.
            byte[] field = (user + "@c.us").getBytes(StandardCharsets.US_ASCII);
            data.put(field, 0, Math.min(field.length, USER_FIELD));
        }
        byte[] randomBytes = new byte[RANDOM_BYTES];
        random.nextBytes(randomBytes);
        data.put(8 + USER_FIELD, randomBytes);
        return PREFIX + UPPER_HEX.formatHex(sha256(data.array())).substring(0, LENGTH - PREFIX.length());
    }

    /** The digits before any {@code @server} or {@code :device} suffix; a leading {@code +} and separators dropped. */
    static String userPart(String phoneNumber) {
        if (phoneNumber == null) {
            return "";
        }
        String user = phoneNumber;
        int at = user.indexOf('@');
        if (at >= 0) {
            user = user.substring(0, at);
        }
        int colon = user.indexOf(':');
        if (colon >= 0) {
            user = user.substring(0, colon);
        }
        StringBuilder digits = new StringBuilder(user.length());
        user.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> digits.append((char) c));
        return digits.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
