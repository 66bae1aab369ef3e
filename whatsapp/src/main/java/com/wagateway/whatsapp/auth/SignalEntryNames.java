package com.wagateway.whatsapp.auth;

import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SignalAddress;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Entry names for Signal records in a {@code CredentialStore} ({@code [A-Za-z0-9_-][A-Za-z0-9._-]*}), reversible and
 * collision-free: each part keeps {@code [A-Za-z0-9_]} and writes every other UTF-8 byte as {@code -XX} (hex), so a
 * part never holds a bare {@code -} or {@code .}; parts are joined by {@code .} behind a fixed prefix. Typical names
 * stay readable: {@code session-987654321_1.3}, {@code senderkey-120363000000000001-40g-2eus.987654321_1.3}.
 */
public final class SignalEntryNames {

    static final String SESSION = "session-";
    static final String IDENTITY = "identity-";
    static final String SENDER_KEY = "senderkey-";

    private static final String HEX_DIGITS = "0123456789ABCDEF";
    private static final char[] HEX = HEX_DIGITS.toCharArray();

    private SignalEntryNames() {
    }

    public static String session(SignalAddress address) {
        return SESSION + address(address);
    }

    public static String identity(SignalAddress address) {
        return IDENTITY + address(address);
    }

    public static String senderKey(SenderKeyName name) {
        return SENDER_KEY + encode(name.groupId()) + "." + address(name.sender());
    }

    /** The address a {@link #session} or {@link #identity} entry name stands for; empty for any other name. */
    public static Optional<SignalAddress> addressOf(String entryName) {
        String rest = entryName.startsWith(SESSION) ? entryName.substring(SESSION.length())
                : entryName.startsWith(IDENTITY) ? entryName.substring(IDENTITY.length()) : null;
        if (rest == null) {
            return Optional.empty();
        }
        String[] parts = rest.split("\\.", -1);
        return parts.length == 2 ? parseAddress(parts[0], parts[1]) : Optional.empty();
    }

    /** The sender key name a {@link #senderKey} entry name stands for; empty for any other name. */
    public static Optional<SenderKeyName> senderKeyNameOf(String entryName) {
        if (!entryName.startsWith(SENDER_KEY)) {
            return Optional.empty();
        }
        String[] parts = entryName.substring(SENDER_KEY.length()).split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Optional<String> group = decode(parts[0]);
        Optional<SignalAddress> sender = parseAddress(parts[1], parts[2]);
        return group.isPresent() && sender.isPresent()
                ? Optional.of(new SenderKeyName(group.get(), sender.get())) : Optional.empty();
    }

    private static String address(SignalAddress address) {
        return encode(address.name()) + "." + address.deviceId();
    }

    private static Optional<SignalAddress> parseAddress(String encodedName, String device) {
        if (device.isEmpty() || device.length() > 10 || !device.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        Optional<String> name = decode(encodedName);
        long deviceId = Long.parseLong(device);
        if (name.isEmpty() || deviceId > Integer.MAX_VALUE || !Long.toString(deviceId).equals(device)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SignalAddress(name.get(), (int) deviceId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String encode(String part) {
        StringBuilder out = new StringBuilder(part.length() + 8);
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isPlain(c)) {
                out.append((char) c);
            } else {
                out.append('-').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** The part {@link #encode} made; empty for anything it would not have written (one spelling per name). */
    static Optional<String> decode(String part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c != '-') {
                out.write(c);
                continue;
            }
            if (i + 2 >= part.length()) {
                return Optional.empty();
            }
            int hi = HEX_DIGITS.indexOf(part.charAt(i + 1));
            int lo = HEX_DIGITS.indexOf(part.charAt(i + 2));
            if (hi < 0 || lo < 0) {
                return Optional.empty();
            }
            out.write((hi << 4) | lo);
            i += 2;
        }
        String decoded = new String(out.toByteArray(), StandardCharsets.UTF_8);
        return encode(decoded).equals(part) ? Optional.of(decoded) : Optional.empty();
    }

    private static boolean isPlain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
