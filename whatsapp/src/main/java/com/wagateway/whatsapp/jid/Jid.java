package com.wagateway.whatsapp.jid;

import java.util.Objects;

/**
 * A WhatsApp JID (fact sheet §5.7): {@code user[_agent][:device]@server}. Parsing is strict:
 * the user holds no '@', ':' or '_'; agent and device are plain decimal numbers without leading
 * zeros; agent is 0–255; device is 0–255, or 0–65535 on {@code msgr} and {@code interop} whose
 * wire forms carry 16 bits. Within that form every field agrees with Baileys' {@code jidDecode},
 * and {@link #toString()} with {@code jidEncode} (a zero device is left out, so
 * {@code 123:0@s.whatsapp.net} prints as {@code 123@s.whatsapp.net}).
 *
 * <p>Node attributes stay strings; the binary encoder writes whatever string it is given the
 * way Baileys does, so this type is for code that needs to reason about addresses.
 *
 * @param user   user part, may be empty (the server JID {@code @s.whatsapp.net})
 * @param agent  agent number after '_', or {@link #NO_AGENT}
 * @param device device number, 0 for the main device / none
 * @param server server part, never empty
 */
public record Jid(String user, int agent, int device, String server) {
    public static final int NO_AGENT = -1;

    public static final String WHATSAPP = "s.whatsapp.net";
    public static final String LEGACY_USER = "c.us";
    public static final String LID = "lid";
    public static final String HOSTED = "hosted";
    public static final String HOSTED_LID = "hosted.lid";
    public static final String GROUP = "g.us";
    public static final String BROADCAST = "broadcast";
    public static final String NEWSLETTER = "newsletter";
    public static final String CALL = "call";
    public static final String BOT = "bot";
    public static final String MESSENGER = "msgr";
    public static final String INTEROP = "interop";

    /** The server's own JID, {@code @s.whatsapp.net}. */
    public static final Jid SERVER = new Jid("", NO_AGENT, 0, WHATSAPP);
    public static final Jid STATUS_BROADCAST = new Jid("status", NO_AGENT, 0, BROADCAST);

    public Jid {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(server, "server");
        String text = user + "@" + server;
        if (server.isEmpty() || server.indexOf('@') >= 0) {
            throw new JidFormatException("server must be non-empty and hold no '@'", text);
        }
        if (user.indexOf('@') >= 0 || user.indexOf(':') >= 0 || user.indexOf('_') >= 0) {
            throw new JidFormatException("user must hold no '@', ':' or '_'", text);
        }
        if (agent != NO_AGENT && (agent < 0 || agent > 255)) {
            throw new JidFormatException("agent out of range 0-255", text);
        }
        if (device < 0 || device > maxDevice(server)) {
            throw new JidFormatException("device out of range 0-" + maxDevice(server), text);
        }
    }

    public static Jid of(String user, String server) {
        return new Jid(user, NO_AGENT, 0, server);
    }

    public static Jid of(String user, int device, String server) {
        return new Jid(user, NO_AGENT, device, server);
    }

    /** Parses the strict text form; see the class doc. */
    public static Jid parse(String text) {
        Objects.requireNonNull(text, "jid");
        int at = text.indexOf('@');
        if (at < 0) {
            throw new JidFormatException("no '@'", text);
        }
        String server = text.substring(at + 1);
        String userPart = text.substring(0, at);
        int device = 0;
        int colon = userPart.indexOf(':');
        if (colon >= 0) {
            device = number(userPart.substring(colon + 1), 65535, "device", text);
            userPart = userPart.substring(0, colon);
        }
        int agent = NO_AGENT;
        int underscore = userPart.indexOf('_');
        if (underscore >= 0) {
            agent = number(userPart.substring(underscore + 1), 255, "agent", text);
            userPart = userPart.substring(0, underscore);
        }
        try {
            return new Jid(userPart, agent, device, server);
        } catch (JidFormatException e) {
            throw new JidFormatException(e.getMessage().substring(0, e.getMessage().indexOf(':')), text);
        }
    }

    /** Like {@link #parse} but null instead of an exception. */
    public static Jid tryParse(String text) {
        try {
            return text == null ? null : parse(text);
        } catch (JidFormatException e) {
            return null;
        }
    }

    private static int number(String digits, int max, String what, String text) {
        int n = digits.length();
        if (n == 0 || n > 5 || (n > 1 && digits.charAt(0) == '0')) {
            throw new JidFormatException(what + " must be a decimal number", text);
        }
        int value = 0;
        for (int i = 0; i < n; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new JidFormatException(what + " must be a decimal number", text);
            }
            value = value * 10 + (c - '0');
        }
        if (value > max) {
            throw new JidFormatException(what + " out of range 0-" + max, text);
        }
        return value;
    }

    private static int maxDevice(String server) {
        return server.equals(MESSENGER) || server.equals(INTEROP) ? 65535 : 255;
    }

    /**
     * The AD_JID domain type (§5.7): fixed by the server for lid (1), hosted (128) and
     * hosted.lid (129), otherwise the agent, otherwise 0 — Baileys' {@code jidDecode} rule.
     */
    public int domainType() {
        return switch (server) {
            case LID -> 1;
            case HOSTED -> 128;
            case HOSTED_LID -> 129;
            default -> agent == NO_AGENT ? 0 : agent;
        };
    }

    public JidKind kind() {
        return switch (server) {
            case WHATSAPP, LEGACY_USER -> user.isEmpty() && server.equals(WHATSAPP) ? JidKind.SERVER : JidKind.PHONE_USER;
            case LID -> JidKind.LID_USER;
            case HOSTED -> JidKind.HOSTED_USER;
            case HOSTED_LID -> JidKind.HOSTED_LID_USER;
            case GROUP -> JidKind.GROUP;
            case BROADCAST -> user.equals("status") ? JidKind.STATUS_BROADCAST : JidKind.BROADCAST;
            case NEWSLETTER -> JidKind.NEWSLETTER;
            case CALL -> JidKind.CALL;
            case BOT -> JidKind.BOT;
            case MESSENGER -> JidKind.MESSENGER;
            case INTEROP -> JidKind.INTEROP;
            default -> JidKind.OTHER;
        };
    }

    /** True for a user's device JID (device > 0). */
    public boolean isDevice() {
        return device != 0;
    }

    /** The same JID on another device (0 = the main device, printed without ':'). */
    public Jid withDevice(int newDevice) {
        return new Jid(user, agent, newDevice, server);
    }

    /** Baileys {@code jidNormalizedUser}: no agent, no device, {@code c.us} → {@code s.whatsapp.net}. */
    public Jid toNormalizedUser() {
        return new Jid(user, NO_AGENT, 0, server.equals(LEGACY_USER) ? WHATSAPP : server);
    }

    /** For interop JIDs ({@code integrator-user}), the integrator number; otherwise -1. */
    public int integrator() {
        int dash = user.indexOf('-');
        if (!server.equals(INTEROP) || dash <= 0) {
            return -1;
        }
        try {
            return Integer.parseInt(user.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Baileys {@code jidEncode(user, server, device, agent)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(user.length() + server.length() + 8).append(user);
        if (agent != NO_AGENT) {
            sb.append('_').append(agent);
        }
        if (device != 0) {
            sb.append(':').append(device);
        }
        return sb.append('@').append(server).toString();
    }
}
