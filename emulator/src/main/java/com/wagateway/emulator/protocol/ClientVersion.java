package com.wagateway.emulator.protocol;

import com.wagateway.whatsapp.proto.ClientPayloadProtos.ClientPayload;

/**
 * A WhatsApp Web version as a client announces it in {@code ClientPayload.userAgent.appVersion}
 * (fact sheet §4.1), compared part by part; the emulator refuses clients older than its minimum with
 * {@code <failure reason="405"/>}.
 */
public record ClientVersion(long primary, long secondary, long tertiary) implements Comparable<ClientVersion> {

    /** Parses {@code 2.3000.1043857760}. */
    public static ClientVersion parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("version must look like 2.3000.1043857760: " + text);
        }
        try {
            return new ClientVersion(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("version must look like 2.3000.1043857760: " + text, e);
        }
    }

    /** The announced version; 0.0.0 when the payload carries none. */
    public static ClientVersion of(ClientPayload payload) {
        var version = payload.getUserAgent().getAppVersion();
        return new ClientVersion(Integer.toUnsignedLong(version.getPrimary()),
                Integer.toUnsignedLong(version.getSecondary()), Integer.toUnsignedLong(version.getTertiary()));
    }

    @Override
    public int compareTo(ClientVersion o) {
        int c = Long.compare(primary, o.primary);
        if (c == 0) {
            c = Long.compare(secondary, o.secondary);
        }
        return c != 0 ? c : Long.compare(tertiary, o.tertiary);
    }

    @Override
    public String toString() {
        return primary + "." + secondary + "." + tertiary;
    }
}
