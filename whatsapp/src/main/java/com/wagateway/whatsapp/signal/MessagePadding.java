package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.RandomSource;

import java.util.Arrays;

/**
 * WhatsApp's random padding around the serialized Message before Signal encryption (fact sheet §9.8), as Baileys
 * 7.0.0-rc14's {@code writeRandomPadMax16}/{@code unpadRandomMax16}: {@code (random & 0x0f) + 1} bytes, each holding the
 * pad length, so 1..16 uniformly. (Fact sheet §9.8 describes an older Baileys that read a 0 nibble as 15; rc14's
 * lib/Utils/generics.js adds one instead, which is also what WhatsApp Web and whatsmeow do.)
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
