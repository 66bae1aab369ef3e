package com.wagateway.whatsapp.transport;

/**
 * Writes frames (fact sheet §2.3): {@code len(3 bytes, big-endian) || payload}. A client encoder
 * puts its {@link IntroHeader} in front of the first frame, in the same buffer, as Baileys does;
 * a server encoder never writes a header.
 */
public final class FrameEncoder {

    /** §2.3: the largest length three bytes can carry. */
    public static final int MAX_FRAME_LENGTH = (1 << 24) - 1;

    private byte[] pendingIntro;

    private FrameEncoder(byte[] intro) {
        this.pendingIntro = intro;
    }

    public static FrameEncoder client(IntroHeader intro) {
        return new FrameEncoder(intro.encode());
    }

    public static FrameEncoder server() {
        return new FrameEncoder(null);
    }

    /** One frame, preceded by the intro if this is a client's first frame. Not thread-safe by itself. */
    public byte[] encode(byte[] payload) {
        if (payload.length > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("frame payload " + payload.length + " exceeds " + MAX_FRAME_LENGTH);
        }
        int introLength = pendingIntro == null ? 0 : pendingIntro.length;
        byte[] out = new byte[introLength + 3 + payload.length];
        if (pendingIntro != null) {
            System.arraycopy(pendingIntro, 0, out, 0, introLength);
            pendingIntro = null;
        }
        out[introLength] = (byte) (payload.length >>> 16);
        out[introLength + 1] = (byte) (payload.length >>> 8);
        out[introLength + 2] = (byte) payload.length;
        System.arraycopy(payload, 0, out, introLength + 3, payload.length);
        return out;
    }
}
