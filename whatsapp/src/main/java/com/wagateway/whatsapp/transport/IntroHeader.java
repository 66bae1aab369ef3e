package com.wagateway.whatsapp.transport;

import com.wagateway.whatsapp.noise.NoiseProtocol;
import java.util.Arrays;

/**
 * The bytes a client writes once before its first frame (fact sheet §2.2): the 4-byte header
 * {@code 57 41 06 03}, optionally preceded by the edge-routing pre-intro
 * {@code 'E' 'D' 00 01 || len(3) || routingInfo}. The 4-byte header is also the Noise prologue.
 */
public record IntroHeader(byte[] routingInfo, byte[] header) {

    /** Our own sanity bound for routing info (real values are a few dozen bytes). */
    public static final int MAX_ROUTING_INFO_LENGTH = 4096;
    static final int HEADER_LENGTH = 4;
    static final int ROUTING_PREFIX_LENGTH = 7;

    public IntroHeader {
        if (header == null || header.length != HEADER_LENGTH) {
            throw new IllegalArgumentException("header must be 4 bytes");
        }
        if (routingInfo != null && routingInfo.length > MAX_ROUTING_INFO_LENGTH) {
            throw new IllegalArgumentException("routing info longer than " + MAX_ROUTING_INFO_LENGTH);
        }
        header = header.clone();
        routingInfo = routingInfo == null ? null : routingInfo.clone();
    }

    /** The standard header, with the routing pre-intro when {@code routingInfo} is non-null. */
    public static IntroHeader standard(byte[] routingInfo) {
        return new IntroHeader(routingInfo, NoiseProtocol.waHeader());
    }

    @Override
    public byte[] routingInfo() {
        return routingInfo == null ? null : routingInfo.clone();
    }

    @Override
    public byte[] header() {
        return header.clone();
    }

    /** The Noise prologue: the 4-byte header only, without the routing pre-intro (§3.2). */
    public byte[] prologue() {
        return header.clone();
    }

    public byte[] encode() {
        if (routingInfo == null) {
            return header.clone();
        }
        byte[] out = new byte[ROUTING_PREFIX_LENGTH + routingInfo.length + HEADER_LENGTH];
        out[0] = 'E';
        out[1] = 'D';
        out[2] = 0;
        out[3] = 1;
        out[4] = (byte) (routingInfo.length >>> 16);
        out[5] = (byte) (routingInfo.length >>> 8);
        out[6] = (byte) routingInfo.length;
        System.arraycopy(routingInfo, 0, out, ROUTING_PREFIX_LENGTH, routingInfo.length);
        System.arraycopy(header, 0, out, ROUTING_PREFIX_LENGTH + routingInfo.length, HEADER_LENGTH);
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IntroHeader that && Arrays.equals(routingInfo, that.routingInfo)
                && Arrays.equals(header, that.header);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(routingInfo) * 31 + Arrays.hashCode(header);
    }

    @Override
    public String toString() {
        return "IntroHeader[routingInfo=" + (routingInfo == null ? "none" : routingInfo.length + " bytes")
                + ", header=" + java.util.HexFormat.of().formatHex(header) + "]";
    }
}
