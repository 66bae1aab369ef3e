package com.wagateway.whatsapp.binary;

/**
 * How the encoder splits a string containing '@' before writing it as a JID: exactly Baileys'
 * {@code jidDecode} (lib/WABinary/jid-utils.js), lenient as it is, so that any such string is
 * written with the same bytes (fact sheet §5.7). The strict, typed JID is
 * {@link com.wagateway.whatsapp.jid.Jid}.
 *
 * <p>Works on positions: {@link #split} reads only {@code s[start, at)} and compares the server
 * part in place, so splitting {@code "a@a@a@…"} level by level stays linear in the string length.
 *
 * @param user        text before the first '_' of the part before the first ':'
 * @param serverStart index in the string of the server part: everything after the '@' at
 *                    {@code at} (may itself contain '@')
 * @param hasDevice   true when a non-empty part follows the first ':' — then Baileys writes AD_JID
 * @param domainByte  the AD_JID domain byte (from the server, or parseInt of the agent)
 * @param deviceByte  the AD_JID device byte ({@code +device}, reduced like Baileys' pushByte)
 */
record BaileysJid(String user, int serverStart, boolean hasDevice, int domainByte, int deviceByte) {

    /**
     * Splits {@code s.substring(start)} at its first '@', which is at index {@code at}.
     */
    static BaileysJid split(String s, int start, int at) {
        int serverStart = at + 1;
        // userCombined = s[start, at)
        int colon = s.indexOf(':', start, at);
        int userAgentEnd = colon < 0 ? at : colon;
        boolean hasDevice = false;
        int deviceByte = 0;
        if (colon >= 0) {
            int nextColon = s.indexOf(':', colon + 1, at);
            int deviceEnd = nextColon < 0 ? at : nextColon;
            if (deviceEnd > colon + 1) {
                hasDevice = true;
                deviceByte = JsNumber.lowByte(JsNumber.stringToNumber(s.substring(colon + 1, deviceEnd)));
            }
        }
        int underscore = s.indexOf('_', start, userAgentEnd);
        String user = s.substring(start, underscore < 0 ? userAgentEnd : underscore);
        int domain;
        if (serverIs(s, serverStart, "lid")) {
            domain = 1;
        } else if (serverIs(s, serverStart, "hosted")) {
            domain = 128;
        } else if (serverIs(s, serverStart, "hosted.lid")) {
            domain = 129;
        } else if (underscore < 0) {
            domain = 0;
        } else {
            int next = s.indexOf('_', underscore + 1, userAgentEnd);
            int agentEnd = next < 0 ? userAgentEnd : next;
            domain = agentEnd == underscore + 1 ? 0
                    : JsNumber.lowByte(JsNumber.parseInt(s.substring(underscore + 1, agentEnd)));
        }
        return new BaileysJid(user, serverStart, hasDevice, domain, deviceByte);
    }

    private static boolean serverIs(String s, int serverStart, String server) {
        return s.length() - serverStart == server.length() && s.startsWith(server, serverStart);
    }
}
