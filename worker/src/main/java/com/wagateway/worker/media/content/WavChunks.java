package com.wagateway.worker.media.content;

import static com.wagateway.worker.media.content.FileWindow.ascii;
import static com.wagateway.worker.media.content.FileWindow.le32;

import java.io.IOException;

/** Duration of a RIFF WAVE file: the {@code data} chunk's size over the {@code fmt } chunk's byte rate. */
final class WavChunks {

    private static final int MAX_CHUNKS = 1000;

    private WavChunks() {
    }

    static Integer seconds(FileWindow file) throws IOException {
        try {
            return walk(file);
        } catch (java.io.EOFException e) {
            return null; // a chunk header cut by the end of the file
        }
    }

    private static Integer walk(FileWindow file) throws IOException {
        long byteRate = 0;
        long at = 12;
        for (int i = 0; i < MAX_CHUNKS && at + 8 <= file.size(); i++) {
            byte[] header = file.read(at, 8);
            long size = le32(header, 4);
            if (ascii(header, 0, "fmt ") && size >= 16) {
                byteRate = le32(file.read(at + 8, 16), 8);
            } else if (ascii(header, 0, "data")) {
                long available = Math.min(size, file.size() - at - 8); // streamed WAVs may state 0xFFFFFFFF
                return byteRate > 0 ? (int) Math.round((double) available / byteRate) : null;
            }
            at += 8 + size + (size & 1); // chunks are word aligned
        }
        return null;
    }
}
