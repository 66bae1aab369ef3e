package com.wagateway.emulator.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Reading a stored blob as a downloader sees it, faults included (a 403/404/410 blob refuses, a tampered one has its
 * middle byte flipped): the virtual phones download through this in-process, so an injected fault hits them exactly
 * as it hits a client downloading over HTTPS from {@link MediaServer}.
 */
public final class MediaBlobs {

    private final MediaStore store;
    private final MediaFaults faults;

    public MediaBlobs(MediaStore store, MediaFaults faults) {
        this.store = store;
        this.faults = faults;
    }

    public MediaStore store() {
        return store;
    }

    /**
     * Opens the blob a direct path names.
     *
     * @throws Unavailable with the HTTP status a download would get (404 unknown, or the injected 403/404/410)
     */
    public InputStream open(String directPath) throws IOException, Unavailable {
        String pathOnly = MediaStore.pathOnly(directPath);
        if (pathOnly == null) {
            throw new Unavailable(404);
        }
        OptionalInt status = faults.blobStatus(pathOnly);
        if (status.isPresent()) {
            throw new Unavailable(status.getAsInt());
        }
        Path file = store.file(pathOnly).orElseThrow(() -> new Unavailable(404));
        InputStream in = Files.newInputStream(file);
        return faults.tampered(pathOnly) ? new Flipping(in, Files.size(file) / 2) : in;
    }

    /** The blob cannot be downloaded: {@code status} is what the media host answers. */
    public static final class Unavailable extends Exception {
        private final int status;

        public Unavailable(int status) {
            super("media host answered " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Flips the lowest bit of the byte at {@code position}. */
    private static final class Flipping extends FilterInputStream {
        private final long flip;
        private long position;

        Flipping(InputStream in, long flip) {
            super(in);
            this.flip = flip;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && position++ == flip) {
                b ^= 0x01;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && flip >= position && flip < position + n) {
                buffer[offset + (int) (flip - position)] ^= 0x01;
            }
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("not supported");
        }
    }
}
