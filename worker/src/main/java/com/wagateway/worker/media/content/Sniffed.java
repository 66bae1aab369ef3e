package com.wagateway.worker.media.content;

/** A sniffed format and the mimetype it stands for (an OpenDocument/EPUB archive names its own). */
record Sniffed(MediaFormat format, String mimetype) {

    static Sniffed of(MediaFormat format) {
        return new Sniffed(format, format.mimetype());
    }
}
