package com.wagateway.worker.media.content;

import static com.wagateway.worker.media.content.FileWindow.ascii;
import static com.wagateway.worker.media.content.FileWindow.be32;
import static com.wagateway.worker.media.content.FileWindow.u8;

import java.io.IOException;

/**
 * MPEG audio frame headers (ISO 11172-3 / 13818-3). Duration is read cheaply: from a Xing/Info or VBRI header when
 * the encoder wrote one (exact for VBR), else estimated from the first frame's bitrate (exact for constant bitrate,
 * an estimate for VBR files without such a header). No frame walk.
 */
final class Mp3Frames {

    private static final int[][] BITRATES_KBPS = {
        // MPEG-1 layer I, II, III
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
        // MPEG-2/2.5 layer I, then II and III
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}
    };
    private static final int[][] SAMPLE_RATES = {{11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000},
        {44100, 48000, 32000}}; // by version bits: 00 = 2.5, 01 reserved, 10 = 2, 11 = 1
    private static final int SCAN_BYTES = 64 * 1024;

    private Mp3Frames() {
    }

    /** A frame header at {@code at} whose fields are all valid, and, when it fits, a second one right after it. */
    static boolean isFrameSyncAt(byte[] b, int at) {
        Header first = Header.parse(b, at);
        if (first == null) {
            return false;
        }
        int next = at + first.frameLength();
        return next + 4 > b.length || Header.parse(b, next) != null;
    }

    /** Seconds of audio, or null when no frame is found near the start. */
    static Integer seconds(FileWindow file) throws IOException {
        long start = 0;
        byte[] id3 = file.readUpTo(0, 10);
        if (ascii(id3, 0, "ID3") && id3.length == 10) {
            long tagSize = ((u8(id3, 6) & 0x7f) << 21) | ((u8(id3, 7) & 0x7f) << 14) | ((u8(id3, 8) & 0x7f) << 7)
                    | (u8(id3, 9) & 0x7f);
            start = 10 + tagSize + ((u8(id3, 5) & 0x10) != 0 ? 10 : 0);
        }
        byte[] window = file.readUpTo(start, SCAN_BYTES);
        for (int at = 0; at + 4 <= window.length; at++) {
            Header h = Header.parse(window, at);
            if (h == null || !isFrameSyncAt(window, at)) {
                continue;
            }
            long audioStart = start + at;
            Long frames = xingFrames(window, at, h);
            if (frames != null && frames > 0) {
                return (int) Math.round((double) frames * h.samplesPerFrame() / h.sampleRate());
            }
            long end = file.size();
            if (ascii(file.readUpTo(end - 128, 3), 0, "TAG")) {
                end -= 128; // ID3v1 trailer
            }
            return (int) Math.round((end - audioStart) * 8.0 / (h.bitrateKbps() * 1000L));
        }
        return null;
    }

    /** Frame count from a Xing/Info header (after the side info) or a VBRI header (32 bytes after the header). */
    private static Long xingFrames(byte[] b, int frame, Header h) {
        int sideInfo = h.mpeg1() ? (h.mono() ? 17 : 32) : (h.mono() ? 9 : 17);
        int xing = frame + 4 + sideInfo;
        if ((ascii(b, xing, "Xing") || ascii(b, xing, "Info")) && xing + 12 <= b.length
                && (be32(b, xing + 4) & 1) != 0) {
            return be32(b, xing + 8);
        }
        int vbri = frame + 4 + 32;
        if (ascii(b, vbri, "VBRI") && vbri + 18 <= b.length) {
            return be32(b, vbri + 14);
        }
        return null;
    }

    private record Header(int version, int layer, int bitrateKbps, int sampleRate, boolean padding, boolean mono) {

        static Header parse(byte[] b, int at) {
            if (at < 0 || at + 4 > b.length || u8(b, at) != 0xFF || (u8(b, at + 1) & 0xE0) != 0xE0) {
                return null;
            }
            int version = (u8(b, at + 1) >> 3) & 3;
            int layerBits = (u8(b, at + 1) >> 1) & 3;
            int bitrateIndex = u8(b, at + 2) >> 4;
            int rateIndex = (u8(b, at + 2) >> 2) & 3;
            if (version == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
                return null;
            }
            int layer = 4 - layerBits;
            int table = version == 3 ? layer - 1 : (layer == 1 ? 3 : 4);
            return new Header(version, layer, BITRATES_KBPS[table][bitrateIndex], SAMPLE_RATES[version][rateIndex],
                    (u8(b, at + 2) & 2) != 0, ((u8(b, at + 3) >> 6) & 3) == 3);
        }

        boolean mpeg1() {
            return version == 3;
        }

        int samplesPerFrame() {
            return layer == 1 ? 384 : (layer == 2 || mpeg1()) ? 1152 : 576;
        }

        int frameLength() {
            if (layer == 1) {
                return (12 * bitrateKbps * 1000 / sampleRate + (padding ? 1 : 0)) * 4;
            }
            int coefficient = layer == 3 && !mpeg1() ? 72 : 144;
            return coefficient * bitrateKbps * 1000 / sampleRate + (padding ? 1 : 0);
        }
    }
}
