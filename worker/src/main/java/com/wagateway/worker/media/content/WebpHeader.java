package com.wagateway.worker.media.content;

import static com.wagateway.worker.media.content.FileWindow.ascii;
import static com.wagateway.worker.media.content.FileWindow.le16;
import static com.wagateway.worker.media.content.FileWindow.le24;
import static com.wagateway.worker.media.content.FileWindow.le32;
import static com.wagateway.worker.media.content.FileWindow.u8;

/**
 * WebP dimensions from the RIFF header (lossy {@code VP8 }, lossless {@code VP8L}, extended {@code VP8X}). The JDK has
 * no WebP decoder, so a WebP image is accepted on a well-formed header alone and gets no thumbnail.
 */
final class WebpHeader {

    record Size(int width, int height) {
    }

    private WebpHeader() {
    }

    /** The canvas size, or null when the header is not a well-formed WebP header. */
    static Size size(byte[] h) {
        if (!ascii(h, 0, "RIFF") || !ascii(h, 8, "WEBP") || h.length < 30) {
            return null;
        }
        if (ascii(h, 12, "VP8 ")) {
            // frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height
            if (u8(h, 23) != 0x9D || u8(h, 24) != 0x01 || u8(h, 25) != 0x2A) {
                return null;
            }
            return positive(le16(h, 26) & 0x3FFF, le16(h, 28) & 0x3FFF);
        }
        if (ascii(h, 12, "VP8L")) {
            if (u8(h, 20) != 0x2F) {
                return null;
            }
            long bits = le32(h, 21);
            return positive((int) (bits & 0x3FFF) + 1, (int) ((bits >>> 14) & 0x3FFF) + 1);
        }
        if (ascii(h, 12, "VP8X")) {
            return positive(le24(h, 24) + 1, le24(h, 27) + 1);
        }
        return null;
    }

    private static Size positive(int width, int height) {
        return width > 0 && height > 0 ? new Size(width, height) : null;
    }
}
