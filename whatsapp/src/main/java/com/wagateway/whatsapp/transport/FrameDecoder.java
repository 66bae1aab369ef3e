package com.wagateway.whatsapp.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-frames a byte stream (fact sheet §2.2–2.3) whatever way it was split into WebSocket messages:
 * several frames per call, frames split across calls, a header split anywhere. The partial state is
 * explicit (which part is being read, how much of it), and a declared length is checked against the
 * limit before anything is allocated for the body; the body buffer then grows with the bytes that
 * actually arrive (a 3-byte header announcing 16 MiB costs 16 KiB, not 16 MiB). A server-side decoder first reads the client's
 * {@link IntroHeader}. After an error the decoder stays failed.
 */
public final class FrameDecoder {

    private enum Part { INTRO, LENGTH, BODY, FAILED }

    private final int maxFrameLength;
    private Part part;
    // INTRO state: the bytes seen so far (at most 7 + routing info + 4)
    private byte[] introBuffer;
    private int introFilled;
    private IntroHeader intro;
    // LENGTH state
    private final byte[] lengthBytes = new byte[3];
    private int lengthFilled;
    // BODY state: the buffer grows as bytes arrive, so a declared length alone cannot make us allocate it
    private static final int INITIAL_BODY_CAPACITY = 16 * 1024;
    private byte[] body;
    private int bodyLength;
    private int bodyFilled;

    private FrameDecoder(int maxFrameLength, boolean readsIntro) {
        if (maxFrameLength < 0 || maxFrameLength > FrameEncoder.MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("max frame length must be 0.." + FrameEncoder.MAX_FRAME_LENGTH);
        }
        this.maxFrameLength = maxFrameLength;
        this.part = readsIntro ? Part.INTRO : Part.LENGTH;
    }

    /** Decodes frames sent by a server (no intro). */
    public static FrameDecoder forClient(int maxFrameLength) {
        return new FrameDecoder(maxFrameLength, false);
    }

    /** Decodes a client's stream: intro header first, then frames. */
    public static FrameDecoder forServer(int maxFrameLength) {
        return new FrameDecoder(maxFrameLength, true);
    }

    /** The client's intro once read (server side), else null. */
    public IntroHeader intro() {
        return intro;
    }

    public List<byte[]> feed(byte[] data) throws FrameException {
        return feed(ByteBuffer.wrap(data));
    }

    /** Consumes all of {@code data} and returns the frames it completed, in order (maybe none). */
    public List<byte[]> feed(ByteBuffer data) throws FrameException {
        List<byte[]> frames = new ArrayList<>(1);
        while (data.hasRemaining()) {
            switch (part) {
                case INTRO -> readIntro(data);
                case LENGTH -> {
                    if (readLength(data) == 0) {
                        frames.add(new byte[0]); // an empty frame is complete once its length is read
                    }
                }
                case BODY -> {
                    int n = Math.min(data.remaining(), bodyLength - bodyFilled);
                    ensureCapacity(bodyFilled + n);
                    data.get(body, bodyFilled, n);
                    bodyFilled += n;
                    if (bodyFilled == bodyLength) {
                        frames.add(body);
                        body = null;
                        part = Part.LENGTH;
                    }
                }
                case FAILED -> throw new FrameException(new FrameError.StreamFailed());
            }
        }
        return frames;
    }

    /** Bytes of an unfinished frame or header currently buffered (for tests and metrics). */
    public int bufferedBytes() {
        return switch (part) {
            case INTRO -> introFilled;
            case LENGTH -> lengthFilled;
            case BODY -> 3 + bodyFilled;
            case FAILED -> 0;
        };
    }

    /** Returns the frame length once all three bytes are in, else -1; moves to BODY for a non-empty frame. */
    private int readLength(ByteBuffer data) throws FrameException {
        while (lengthFilled < 3 && data.hasRemaining()) {
            lengthBytes[lengthFilled++] = data.get();
        }
        if (lengthFilled < 3) {
            return -1;
        }
        lengthFilled = 0;
        int length = (lengthBytes[0] & 0xff) << 16 | (lengthBytes[1] & 0xff) << 8 | (lengthBytes[2] & 0xff);
        if (length > maxFrameLength) {
            fail(new FrameError.FrameTooLarge(length, maxFrameLength));
        }
        if (length > 0) {
            body = new byte[Math.min(length, INITIAL_BODY_CAPACITY)];
            bodyLength = length;
            bodyFilled = 0;
            part = Part.BODY;
        }
        return length;
    }

    /** Grows the body buffer (doubling, never past the declared length, which the limit already bounds). */
    private void ensureCapacity(int needed) {
        if (needed > body.length) {
            body = java.util.Arrays.copyOf(body, Math.min(bodyLength, Math.max(needed, body.length * 2)));
        }
    }

    private void readIntro(ByteBuffer data) throws FrameException {
        if (introBuffer == null) {
            introBuffer = new byte[IntroHeader.ROUTING_PREFIX_LENGTH];
        }
        while (data.hasRemaining() && part == Part.INTRO) {
            introBuffer[introFilled++] = data.get();
            checkIntroProgress();
        }
    }

    /** Called after each intro byte; decides the shape once enough bytes are known. */
    private void checkIntroProgress() throws FrameException {
        if (introFilled == 2 && !(introBuffer[0] == 'W' && introBuffer[1] == 'A')
                && !(introBuffer[0] == 'E' && introBuffer[1] == 'D')) {
            fail(new FrameError.BadIntroHeader("does not start with WA or ED"));
        }
        boolean routed = introBuffer[0] == 'E';
        if (!routed && introFilled == IntroHeader.HEADER_LENGTH) {
            finishIntro(null, introBuffer, 0);
        } else if (routed && introFilled == IntroHeader.ROUTING_PREFIX_LENGTH
                && introBuffer.length == IntroHeader.ROUTING_PREFIX_LENGTH) {
            if (introBuffer[2] != 0 || introBuffer[3] != 1) {
                fail(new FrameError.BadIntroHeader("ED pre-intro version is not 00 01"));
            }
            int routingLength = (introBuffer[4] & 0xff) << 16 | (introBuffer[5] & 0xff) << 8 | (introBuffer[6] & 0xff);
            if (routingLength > IntroHeader.MAX_ROUTING_INFO_LENGTH) {
                fail(new FrameError.BadIntroHeader("routing info length " + routingLength + " exceeds "
                        + IntroHeader.MAX_ROUTING_INFO_LENGTH));
            }
            byte[] grown = new byte[IntroHeader.ROUTING_PREFIX_LENGTH + routingLength + IntroHeader.HEADER_LENGTH];
            System.arraycopy(introBuffer, 0, grown, 0, introFilled);
            introBuffer = grown;
        } else if (routed && introBuffer.length > IntroHeader.ROUTING_PREFIX_LENGTH && introFilled == introBuffer.length) {
            int routingLength = introBuffer.length - IntroHeader.ROUTING_PREFIX_LENGTH - IntroHeader.HEADER_LENGTH;
            byte[] routing = new byte[routingLength];
            System.arraycopy(introBuffer, IntroHeader.ROUTING_PREFIX_LENGTH, routing, 0, routingLength);
            finishIntro(routing, introBuffer, IntroHeader.ROUTING_PREFIX_LENGTH + routingLength);
        }
    }

    private void finishIntro(byte[] routing, byte[] buffer, int headerOffset) throws FrameException {
        byte[] header = new byte[IntroHeader.HEADER_LENGTH];
        System.arraycopy(buffer, headerOffset, header, 0, IntroHeader.HEADER_LENGTH);
        // §2.2: 'W' 'A' then magic 6; byte 3 (dictionary version) is the server's decision
        if (header[0] != 'W' || header[1] != 'A' || header[2] != 6) {
            fail(new FrameError.BadIntroHeader("header is not 57 41 06 xx"));
        }
        intro = new IntroHeader(routing, header);
        introBuffer = null;
        introFilled = 0;
        part = Part.LENGTH;
    }

    private void fail(FrameError error) throws FrameException {
        part = Part.FAILED;
        body = null;
        introBuffer = null;
        throw new FrameException(error);
    }
}
