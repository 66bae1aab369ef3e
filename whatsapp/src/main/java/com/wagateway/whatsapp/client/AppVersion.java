package com.wagateway.whatsapp.client;

/** The WhatsApp Web version a client announces (ClientPayload.userAgent.appVersion, fact sheet §4.1). */
public record AppVersion(int primary, int secondary, int tertiary) {

    /** What Baileys 7.0.0-rc14 announces. */
    public static final AppVersion DEFAULT = new AppVersion(2, 3000, 1043857760);

    public AppVersion {
        if (primary < 0 || secondary < 0 || tertiary < 0) {
            throw new IllegalArgumentException("version parts must not be negative");
        }
    }

    /** Parses {@code 2.3000.1043857760}. */
    public static AppVersion parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("version must look like 2.3000.1043857760: " + text);
        }
        try {
            return new AppVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseUnsignedInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("version must look like 2.3000.1043857760: " + text, e);
        }
    }

    @Override
    public String toString() {
        return primary + "." + secondary + "." + Integer.toUnsignedString(tertiary);
    }
}
