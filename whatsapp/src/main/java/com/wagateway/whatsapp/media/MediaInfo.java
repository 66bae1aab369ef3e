package com.wagateway.whatsapp.media;

import com.wagateway.whatsapp.crypto.MediaType;

/**
 * The media part of a received message (image, video, audio, document), as its proto states it: enough to download,
 * verify and decrypt the file, and to describe it. Numbers the sender left out are null.
 *
 * @param type     {@link MediaType#IMAGE}, {@link MediaType#VIDEO}, {@link MediaType#AUDIO} (also voice notes:
 *                 {@code ptt}) or {@link MediaType#DOCUMENT}
 * @param fileName documents only; the sender's text, unsanitized
 */
public record MediaInfo(MediaType type, String mimetype, String url, String directPath, byte[] mediaKey,
                        byte[] fileSha256, byte[] fileEncSha256, long fileLength, String fileName, String caption,
                        Integer seconds, boolean ptt, Integer width, Integer height) {

    public MediaInfo {
        mediaKey = mediaKey == null ? null : mediaKey.clone();
        fileSha256 = fileSha256 == null ? null : fileSha256.clone();
        fileEncSha256 = fileEncSha256 == null ? null : fileEncSha256.clone();
    }

    @Override
    public byte[] mediaKey() {
        return mediaKey == null ? null : mediaKey.clone();
    }

    @Override
    public byte[] fileSha256() {
        return fileSha256 == null ? null : fileSha256.clone();
    }

    @Override
    public byte[] fileEncSha256() {
        return fileEncSha256 == null ? null : fileEncSha256.clone();
    }

    @Override
    public String toString() {
        return "MediaInfo[type=" + type + ", mimetype=" + mimetype + ", directPath=" + directPath + ", fileLength="
                + fileLength + "]";
    }
}
