package com.wagateway.whatsapp.binary;

/**
 * How the encoder splits a string containing '@' before writing it as a JID: exactly Baileys'
 * {@code jidDecode} (lib/WABinary/jid-utils.js), lenient as it is, so that any such string is
 * written with the same bytes (fact sheet §5.7). The strict, typed JID is
 * {@link com.wagateway.whatsapp.jid.Jid}.
 *
 * @param user       text before the first '_' of the part before the first ':'
 * @param server     everything after the first '@' (may itself contain '@')
 * @param hasDevice  true when a non-empty part follows the first ':' — then Baileys writes AD_JID
 * @param domainByte the AD_JID domain byte (from the server, or parseInt of the agent)
 * @param deviceByte the AD_JID device byte ({@code +device}, reduced like Baileys' pushByte)
 */
record BaileysJid(String user, String server, boolean hasDevice, int domainByte, int deviceByte) {

    static BaileysJid split(String s, int at) {
        String server = s.substring(at + 1);
        String userCombined = s.substring(0, at);
        int colon = userCombined.indexOf(':');
        String userAgent = colon < 0 ? userCombined : userCombined.substring(0, colon);
        String device = null;
        if (colon >= 0) {
            int nextColon = userCombined.indexOf(':', colon + 1);
            device = nextColon < 0 ? userCombined.substring(colon + 1) : userCombined.substring(colon + 1, nextColon);
        }
        int underscore = userAgent.indexOf('_');
        String user = underscore < 0 ? userAgent : userAgent.substring(0, underscore);
        String agent = null;
        if (underscore >= 0) {
            int next = userAgent.indexOf('_', underscore + 1);
            agent = next < 0 ? userAgent.substring(underscore + 1) : userAgent.substring(underscore + 1, next);
        }
        int domain = switch (server) {
            case "lid" -> 1;
            case "hosted" -> 128;
            case "hosted.lid" -> 129;
            default -> agent == null || agent.isEmpty() ? 0 : JsNumber.lowByte(JsNumber.parseInt(agent));
        };
        boolean hasDevice = device != null && !device.isEmpty();
        int deviceByte = hasDevice ? JsNumber.lowByte(JsNumber.stringToNumber(device)) : 0;
        return new BaileysJid(user, server, hasDevice, domain, deviceByte);
    }
}
