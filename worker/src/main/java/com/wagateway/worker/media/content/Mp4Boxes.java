package com.wagateway.worker.media.content;

import static com.wagateway.worker.media.content.FileWindow.be32;
import static com.wagateway.worker.media.content.FileWindow.be64;
import static com.wagateway.worker.media.content.FileWindow.u8;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the ISO base media boxes (MP4, M4A, 3GP, MOV; ISO/IEC 14496-12) that say what a file holds: {@code moov/mvhd}
 * (timescale, duration), each {@code trak}'s {@code tkhd} (width and height, 16.16 fixed point) and
 * {@code mdia/hdlr} (handler {@code vide} or {@code soun}). Only box headers and those small boxes are read, by
 * position, so a large {@code mdat} (before or after {@code moov}) is skipped without reading it.
 */
final class Mp4Boxes {

    /** What the boxes say; width/height from the first video track, seconds from {@code mvhd}. */
    record Facts(boolean hasVideo, boolean hasAudio, Integer width, Integer height, Integer seconds) {
    }

    private static final int MAX_BOXES = 100_000;
    private static final int MAX_DEPTH = 8;

    private final FileWindow file;
    private int boxes;
    private boolean hasVideo;
    private boolean hasAudio;
    private Integer width;
    private Integer height;
    private Integer seconds;
    private String trackHandler;
    private int trackWidth;
    private int trackHeight;

    private Mp4Boxes(FileWindow file) {
        this.file = file;
    }

    /** The facts, or null when the boxes are malformed (a size past the end, too many boxes) or there is no moov. */
    static Facts read(FileWindow file) throws IOException {
        Mp4Boxes reader = new Mp4Boxes(file);
        try {
            if (!reader.walk(0, file.size(), 0, "")) {
                return null;
            }
        } catch (java.io.EOFException e) {
            return null; // a box header cut by the end of the file: malformed, not unreadable
        }
        return reader.seconds == null && !reader.hasVideo && !reader.hasAudio ? null
                : new Facts(reader.hasVideo, reader.hasAudio, reader.width, reader.height, reader.seconds);
    }

    private boolean walk(long start, long end, int depth, String parent) throws IOException {
        long at = start;
        while (at + 8 <= end) {
            if (++boxes > MAX_BOXES) {
                return false;
            }
            byte[] header = file.read(at, 8);
            long size = be32(header, 0);
            String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            int headerLength = 8;
            if (size == 1) {
                size = be64(file.read(at + 8, 8), 0);
                headerLength = 16;
            } else if (size == 0) {
                size = end - at; // extends to the end of its parent
            }
            if (size < headerLength || size > end - at) {
                return false;
            }
            long body = at + headerLength;
            long bodyLength = size - headerLength;
            switch (type) {
                case "moov", "mdia" -> {
                    if (depth >= MAX_DEPTH || !walk(body, body + bodyLength, depth + 1, type)) {
                        return false;
                    }
                }
                case "trak" -> {
                    trackHandler = null;
                    trackWidth = 0;
                    trackHeight = 0;
                    if (depth >= MAX_DEPTH || !walk(body, body + bodyLength, depth + 1, type)) {
                        return false;
                    }
                    endTrack();
                }
                case "mvhd" -> movieHeader(file.readUpTo(body, (int) Math.min(bodyLength, 32)));
                case "tkhd" -> trackHeader(file.readUpTo(body, (int) Math.min(bodyLength, 96)));
                case "hdlr" -> {
                    if (parent.equals("mdia")) {
                        byte[] b = file.readUpTo(body, 12);
                        trackHandler = b.length == 12 ? new String(b, 8, 4, StandardCharsets.ISO_8859_1) : null;
                    }
                }
                default -> {
                    // other boxes (mdat, free, udta, …) are skipped unread
                }
            }
            at += size;
        }
        return true;
    }

    private void movieHeader(byte[] b) {
        if (b.length < 20) {
            return;
        }
        boolean v1 = u8(b, 0) == 1;
        long timescale = v1 ? (b.length >= 32 ? be32(b, 20) : 0) : be32(b, 12);
        long duration = v1 ? (b.length >= 32 ? be64(b, 24) : 0) : be32(b, 16);
        if (timescale > 0 && duration >= 0 && duration != 0xFFFFFFFFL) {
            seconds = (int) Math.min(Integer.MAX_VALUE, Math.round((double) duration / timescale));
        }
    }

    private void trackHeader(byte[] b) {
        boolean v1 = b.length > 0 && u8(b, 0) == 1;
        int sizeAt = v1 ? 88 : 76; // width, then height, 16.16 fixed point, at the end of tkhd
        if (b.length >= sizeAt + 8) {
            trackWidth = (int) (be32(b, sizeAt) >>> 16);
            trackHeight = (int) (be32(b, sizeAt + 4) >>> 16);
        }
    }

    private void endTrack() {
        if ("vide".equals(trackHandler)) {
            hasVideo = true;
            if (width == null && trackWidth > 0 && trackHeight > 0) {
                width = trackWidth;
                height = trackHeight;
            }
        } else if ("soun".equals(trackHandler)) {
            hasAudio = true;
        }
    }
}
