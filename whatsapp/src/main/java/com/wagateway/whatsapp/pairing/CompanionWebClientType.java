package com.wagateway.whatsapp.pairing;

/**
 * {@code CompanionWebClientType} of the reference (Baileys 7.0.0-rc14,
 * {@code lib/Utils/companion-reg-client-utils.js}; fact sheet §6 step 4): the 5th field of the
 * pairing QR string and the {@code companion_platform_id} of code pairing (§7), written as the
 * decimal {@link #id()}.
 */
public enum CompanionWebClientType {
    UNKNOWN(0),
    CHROME(1),
    EDGE(2),
    FIREFOX(3),
    IE(4),
    OPERA(5),
    SAFARI(6),
    ELECTRON(7),
    UWP(8),
    OTHER_WEB_CLIENT(9);

    private final int id;

    CompanionWebClientType(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The decimal string the reference's {@code getCompanionPlatformId} returns. */
    public String platformId() {
        return Integer.toString(id);
    }

    /** The type with this id, or null. */
    public static CompanionWebClientType ofId(int id) {
        for (CompanionWebClientType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }

    /**
     * The reference's {@code getCompanionWebClientType([os, browserName])}: {@code "Desktop"} is UWP on
     * {@code "Windows"} and ELECTRON elsewhere; the six browser names (case-sensitive) map to their
     * type; anything else, null included, is OTHER_WEB_CLIENT. (The JS code looks the name up in a
     * plain object, so names of {@code Object.prototype} members such as {@code "constructor"} make
     * it return garbage; we treat them like any other unknown name.)
     *
     * @param os          {@code browser[0]} of the reference's browser tuple, e.g. {@code "Ubuntu"}
     * @param browserName {@code browser[1]}, e.g. {@code "Chrome"}
     */
    public static CompanionWebClientType of(String os, String browserName) {
        if ("Desktop".equals(browserName)) {
            return "Windows".equals(os) ? UWP : ELECTRON;
        }
        if (browserName == null) {
            return OTHER_WEB_CLIENT;
        }
        return switch (browserName) {
            case "Chrome" -> CHROME;
            case "Edge" -> EDGE;
            case "Firefox" -> FIREFOX;
            case "IE" -> IE;
            case "Opera" -> OPERA;
            case "Safari" -> SAFARI;
            default -> OTHER_WEB_CLIENT;
        };
    }
}
