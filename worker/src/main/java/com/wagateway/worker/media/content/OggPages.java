package com.wagateway.worker.media.content;

import static com.wagateway.worker.media.content.FileWindow.ascii;
import static com.wagateway.worker.media.content.FileWindow.le16;
import static com.wagateway.worker.media.content.FileWindow.le32;
import static com.wagateway.worker.media.content.FileWindow.le64;
import static com.wagateway.worker.media.content.FileWindow.u8;

import java.io.IOException;

/**
 * Duration of an Ogg Opus or Vorbis stream from the granule position of its last page (RFC 3533): for Opus the
 * granule counts 48 kHz samples and the pre-skip from {@code OpusHead} is subtracted (RFC 7845 §4); for Vorbis it
 * counts samples at the rate in the identification header. Only the first page and the file's tail are read.
 */
final class OggPages {

    /** The largest Ogg page: 27 header bytes, 255 lacing values, 255 x 255 data bytes. */
    private static final int MAX_PAGE = 27 + 255 + 255 * 255;

    private OggPages() {
    }

    /** Seconds, or null when the headers or the last page cannot be read. */
    static Integer seconds(FileWindow file, MediaFormat codec) throws IOException {
        byte[] first = file.readUpTo(0, MAX_PAGE);
        if (!ascii(first, 0, "OggS") || first.length < 27) {
            return null;
        }
        long serial = le32(first, 14);
        int packet = 27 + u8(first, 26);
        long rate;
        long preSkip = 0;
        if (codec == MediaFormat.OGG_OPUS && packet + 19 <= first.length) {
            rate = 48_000; // Opus granules are always 48 kHz, whatever the input rate in the header
            preSkip = le16(first, packet + 10);
        } else if (codec == MediaFormat.OGG_VORBIS && packet + 16 <= first.length) {
            rate = le32(first, packet + 12);
        } else {
            return null;
        }
        Long granule = lastGranule(file, serial);
        if (granule == null || rate <= 0) {
            return null;
        }
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.round((double) (granule - preSkip) / rate)));
    }

    /** The granule of the last page of the stream with {@code serial} that has one (-1 means "no packet ends here"). */
    private static Long lastGranule(FileWindow file, long serial) throws IOException {
        long tailStart = Math.max(0, file.size() - MAX_PAGE - 27);
        byte[] tail = file.readUpTo(tailStart, (int) (file.size() - tailStart));
        for (int at = tail.length - 27; at >= 0; at--) {
            if (ascii(tail, at, "OggS") && u8(tail, at + 4) == 0 && le32(tail, at + 14) == serial) {
                long granule = le64(tail, at + 6);
                if (granule != -1) {
                    return granule;
                }
            }
        }
        return null;
    }
}
