package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.RandomSource;

import java.util.Arrays;

/**
 * WhatsApp's random padding around the serialized Message before Signal encryption (fact sheet §9.8), as Baileys
 * 7.0.0-rc14's {@code writeRandomPadMax16}/{@code unpadRandomMax16}: {@code (random & 0x0f) + 1} bytes, each holding the
 * pad length, so 1..16 uniformly.
 *
 * <p>Fact sheet §9.8 is wrong for rc14: it says {@code p = random & 0x0F; if p == 0 then p = 15} (1..15). The source
 * is tools/interop/node_modules/@whiskeysockets/baileys/lib/Utils/generics.js, function {@code writeRandomPadMax16}:
 * {@code const pad = randomBytes(1); const padLength = (pad[0] & 0x0f) + 1;
 * return Buffer.concat([msg, Buffer.alloc(padLength, padLength)]);}, and {@code unpadRandomMax16} in the same file
 * reads the last byte {@code r}, throws when {@code r > length} and drops {@code r} bytes. MessagePaddingVectorsTest
 * checks both against padding.json, which tools/interop/gen-padding.mjs made by running those two functions with
 * fixed random bytes.
 */
public final class MessagePadding {

    private MessagePadding() {
    }

    /** Appends the padding; consumes one random byte. */
    public static byte[] pad(byte[] message, RandomSource random) {
        int length = (random.bytes(1)[0] & 0x0f) + 1;
        byte[] padded = Arrays.copyOf(message, message.length + length);
        Arrays.fill(padded, message.length, padded.length, (byte) length);
        return padded;
    }

    /**
     * Drops the padding the last byte announces. Like Baileys, only the last byte is read (other pad bytes are not
     * inspected) and a pad longer than the input is refused; a last byte of 0 means no padding, as Baileys reads it.
     */
    public static byte[] unpad(byte[] padded) throws SignalException {
        if (padded == null || padded.length == 0) {
            throw new SignalException(SignalException.Reason.BAD_PADDING, "padded message is empty");
        }
        int length = padded[padded.length - 1] & 0xff;
        if (length > padded.length) {
            throw new SignalException(SignalException.Reason.BAD_PADDING,
                    "pad length " + length + " does not fit a " + padded.length + "-byte message");
        }
        return Arrays.copyOf(padded, padded.length - length);
    }
}
