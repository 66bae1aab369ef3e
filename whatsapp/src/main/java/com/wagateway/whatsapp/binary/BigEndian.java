package com.wagateway.whatsapp.binary;

/** Fixed-width big-endian integers, as registration ids (4 bytes) and key ids (3 bytes) travel in nodes and payloads. */
public final class BigEndian {

    private BigEndian() {
    }

    /** The low {@code length} bytes of {@code value}, most significant first. */
    public static byte[] bytes(int value, int length) {
        byte[] out = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }
}
