package com.wagateway.whatsapp.media;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.proto.MessageProtos.Message;

/**
 * Builds the four media messages with the fields the reference sets (fact sheet §11.5: url, directPath, mediaKey,
 * both hashes, length, mimetype, key timestamp, plus caption, file name, dimensions, thumbnail, seconds and
 * {@code ptt} where the kind has them), and reads them back into a {@link MediaInfo}. Optional values are null
 * when unknown and then left out, as the reference leaves them out.
 */
public final class MediaMessages {

    private MediaMessages() {
    }

    public static Message image(UploadedMedia media, String mimetype, String caption, Integer width, Integer height,
                                byte[] jpegThumbnail) {
        var b = common(Message.ImageMessage.newBuilder(), media, mimetype);
        if (caption != null && !caption.isEmpty()) {
            b.setCaption(caption);
        }
        if (width != null && height != null) {
            b.setWidth(width).setHeight(height);
        }
        if (jpegThumbnail != null) {
            b.setJpegThumbnail(ByteString.copyFrom(jpegThumbnail));
        }
        return Message.newBuilder().setImageMessage(b).build();
    }

    public static Message video(UploadedMedia media, String mimetype, String caption, Integer seconds, Integer width,
                                Integer height, byte[] jpegThumbnail) {
        var b = common(Message.VideoMessage.newBuilder(), media, mimetype);
        if (caption != null && !caption.isEmpty()) {
            b.setCaption(caption);
        }
        if (seconds != null) {
            b.setSeconds(seconds);
        }
        if (width != null && height != null) {
            b.setWidth(width).setHeight(height);
        }
        if (jpegThumbnail != null) {
            b.setJpegThumbnail(ByteString.copyFrom(jpegThumbnail));
        }
        return Message.newBuilder().setVideoMessage(b).build();
    }

    /** @param ptt a voice note ({@code audio/ogg; codecs=opus}), shown with a waveform rather than as a file */
    public static Message audio(UploadedMedia media, String mimetype, Integer seconds, boolean ptt) {
        var b = common(Message.AudioMessage.newBuilder(), media, mimetype).setPtt(ptt);
        if (seconds != null) {
            b.setSeconds(seconds);
        }
        return Message.newBuilder().setAudioMessage(b).build();
    }

    public static Message document(UploadedMedia media, String mimetype, String fileName, String caption) {
        var b = common(Message.DocumentMessage.newBuilder(), media, mimetype);
        if (fileName != null && !fileName.isEmpty()) {
            b.setFileName(fileName);
        }
        if (caption != null && !caption.isEmpty()) {
            b.setCaption(caption);
        }
        return Message.newBuilder().setDocumentMessage(b).build();
    }

    /**
     * The fields every media message shares (§11.5). The four protos name them alike but number them differently
     * and share no Java interface, so they are set through the descriptor by name; a renamed field fails here
     * at once (every builder is exercised by the tests), not silently.
     */
    private static <B extends com.google.protobuf.Message.Builder> B common(B builder, UploadedMedia media,
                                                                            String mimetype) {
        set(builder, "mimetype", mimetype);
        set(builder, "fileSha256", ByteString.copyFrom(media.hashes().fileSha256()));
        set(builder, "fileLength", media.hashes().fileLength());
        set(builder, "mediaKey", ByteString.copyFrom(media.mediaKey()));
        set(builder, "fileEncSha256", ByteString.copyFrom(media.hashes().fileEncSha256()));
        set(builder, "mediaKeyTimestamp", media.mediaKeyTimestamp());
        if (media.url() != null) {
            set(builder, "url", media.url());
        }
        if (media.directPath() != null) {
            set(builder, "directPath", media.directPath());
        }
        return builder;
    }

    private static void set(com.google.protobuf.Message.Builder builder, String field, Object value) {
        var descriptor = builder.getDescriptorForType().findFieldByName(field);
        if (descriptor == null) {
            throw new IllegalStateException(builder.getDescriptorForType().getName() + " has no field " + field);
        }
        builder.setField(descriptor, value);
    }

    /** The media part of a message, or null when it carries none of the four kinds (or no media key). */
    public static MediaInfo read(Message message) {
        if (message.hasImageMessage()) {
            var m = message.getImageMessage();
            return info(m.hasMediaKey(), MediaType.IMAGE, m.getMimetype(), m.getUrl(), m.getDirectPath(),
                    m.getMediaKey(), m.getFileSha256(), m.getFileEncSha256(), m.getFileLength(), null,
                    m.hasCaption() ? m.getCaption() : null, null, false,
                    m.hasWidth() ? m.getWidth() : null, m.hasHeight() ? m.getHeight() : null);
        }
        if (message.hasVideoMessage()) {
            var m = message.getVideoMessage();
            return info(m.hasMediaKey(), MediaType.VIDEO, m.getMimetype(), m.getUrl(), m.getDirectPath(),
                    m.getMediaKey(), m.getFileSha256(), m.getFileEncSha256(), m.getFileLength(), null,
                    m.hasCaption() ? m.getCaption() : null, m.hasSeconds() ? m.getSeconds() : null, false,
                    m.hasWidth() ? m.getWidth() : null, m.hasHeight() ? m.getHeight() : null);
        }
        if (message.hasAudioMessage()) {
            var m = message.getAudioMessage();
            return info(m.hasMediaKey(), MediaType.AUDIO, m.getMimetype(), m.getUrl(), m.getDirectPath(),
                    m.getMediaKey(), m.getFileSha256(), m.getFileEncSha256(), m.getFileLength(), null, null,
                    m.hasSeconds() ? m.getSeconds() : null, m.getPtt(), null, null);
        }
        if (message.hasDocumentMessage()) {
            var m = message.getDocumentMessage();
            return info(m.hasMediaKey(), MediaType.DOCUMENT, m.getMimetype(), m.getUrl(), m.getDirectPath(),
                    m.getMediaKey(), m.getFileSha256(), m.getFileEncSha256(), m.getFileLength(),
                    m.hasFileName() ? m.getFileName() : null, m.hasCaption() ? m.getCaption() : null, null, false,
                    null, null);
        }
        return null;
    }

    private static MediaInfo info(boolean hasKey, MediaType type, String mimetype, String url, String directPath,
                                  ByteString mediaKey, ByteString sha, ByteString encSha, long length, String fileName,
                                  String caption, Integer seconds, boolean ptt, Integer width, Integer height) {
        if (!hasKey) {
            return null;
        }
        return new MediaInfo(type, mimetype.isEmpty() ? null : mimetype, url.isEmpty() ? null : url,
                directPath.isEmpty() ? null : directPath, mediaKey.toByteArray(),
                sha.isEmpty() ? null : sha.toByteArray(), encSha.isEmpty() ? null : encSha.toByteArray(), length,
                fileName, caption, seconds, ptt, width, height);
    }
}
