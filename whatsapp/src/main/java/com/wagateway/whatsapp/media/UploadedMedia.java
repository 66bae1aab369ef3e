package com.wagateway.whatsapp.media;

import com.wagateway.whatsapp.crypto.MediaType;

/**
 * A media file encrypted and uploaded to a media host: what a media message must state about it (fact sheet §11.5).
 *
 * @param url               the host's {@code url} answer ({@code https://…}), may be null when only a direct path came
 * @param directPath        the host's {@code direct_path} answer, may be null when only a url came
 * @param mediaKeyTimestamp unix seconds when the media key was made
 */
public record UploadedMedia(MediaType type, String url, String directPath, byte[] mediaKey, MediaHashes hashes,
                            long mediaKeyTimestamp) {

    public UploadedMedia {
        mediaKey = mediaKey.clone();
    }

    @Override
    public byte[] mediaKey() {
        return mediaKey.clone();
    }

    @Override
    public String toString() {
        return "UploadedMedia[type=" + type + ", directPath=" + directPath + ", " + hashes + "]";
    }
}
