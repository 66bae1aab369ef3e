package com.wagateway.worker.media.content;

/**
 * What a media file turned out to be: the mimetype to send (the sniffed specific type), a sanitized file name, and
 * whatever could be measured without external tools. {@code width}/{@code height} for images and MP4-family videos,
 * {@code seconds} for MP4-family video and audio, Ogg, WAV and MP3; {@code jpegThumbnail} for images the JDK decodes;
 * Durations are rounded to whole seconds. {@code voiceNote} for Ogg Opus (sent as {@code ptt}). Unknown values are null. The thumbnail array is copied in and
 * out.
 */
public record InspectedMedia(String mimetype, String fileName, Integer width, Integer height, Integer seconds,
                             byte[] jpegThumbnail, boolean voiceNote) {

    public InspectedMedia {
        jpegThumbnail = jpegThumbnail == null ? null : jpegThumbnail.clone();
    }

    @Override
    public byte[] jpegThumbnail() {
        return jpegThumbnail == null ? null : jpegThumbnail.clone();
    }

    @Override
    public String toString() {
        return "InspectedMedia[mimetype=" + mimetype + ", fileName=" + fileName + ", width=" + width + ", height="
                + height + ", seconds=" + seconds + ", thumbnailBytes="
                + (jpegThumbnail == null ? 0 : jpegThumbnail.length) + ", voiceNote=" + voiceNote + "]";
    }
}
