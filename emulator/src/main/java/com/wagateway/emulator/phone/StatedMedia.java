package com.wagateway.emulator.phone;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What a media message states about its file besides keys, hashes and length (fact sheet §11.5): the dimensions
 * (image, video), the duration (video, audio), whether audio is a voice note, the media key timestamp and the inline
 * JPEG thumbnail (image, video, document). Fields the message leaves out are null, so a test can tell "not sent"
 * from zero.
 *
 * @param ptt       audio sent as a voice note; false for other kinds
 * @param thumbnail null when the message carries no {@code jpegThumbnail}
 */
record StatedMedia(Integer width, Integer height, Integer seconds, boolean ptt, Long mediaKeyTimestamp,
                   Thumbnail thumbnail) {

    static final StatedMedia NONE = new StatedMedia(null, null, null, false, null, null);

    /**
     * The inline thumbnail as it arrived.
     *
     * @param bytes  its length
     * @param sha256 hex SHA-256 of its bytes
     * @param width  the width its image header states, null when it is no image ImageIO reads
     * @param height the height its image header states, null likewise
     */
    record Thumbnail(int bytes, String sha256, Integer width, Integer height) {
    }

    /** The stated facts of the image, video, audio or document in {@code message}; {@link #NONE} for other content. */
    static StatedMedia of(Message message) {
        if (message.hasImageMessage()) {
            var m = message.getImageMessage();
            return new StatedMedia(m.hasWidth() ? m.getWidth() : null, m.hasHeight() ? m.getHeight() : null, null,
                    false, m.hasMediaKeyTimestamp() ? m.getMediaKeyTimestamp() : null,
                    m.hasJpegThumbnail() ? thumbnail(m.getJpegThumbnail()) : null);
        }
        if (message.hasVideoMessage()) {
            var m = message.getVideoMessage();
            return new StatedMedia(m.hasWidth() ? m.getWidth() : null, m.hasHeight() ? m.getHeight() : null,
                    m.hasSeconds() ? m.getSeconds() : null, false,
                    m.hasMediaKeyTimestamp() ? m.getMediaKeyTimestamp() : null,
                    m.hasJpegThumbnail() ? thumbnail(m.getJpegThumbnail()) : null);
        }
        if (message.hasAudioMessage()) {
            var m = message.getAudioMessage();
            return new StatedMedia(null, null, m.hasSeconds() ? m.getSeconds() : null, m.getPtt(),
                    m.hasMediaKeyTimestamp() ? m.getMediaKeyTimestamp() : null, null);
        }
        if (message.hasDocumentMessage()) {
            var m = message.getDocumentMessage();
            return new StatedMedia(null, null, null, false,
                    m.hasMediaKeyTimestamp() ? m.getMediaKeyTimestamp() : null,
                    m.hasJpegThumbnail() ? thumbnail(m.getJpegThumbnail()) : null);
        }
        return NONE;
    }

    static Thumbnail thumbnail(ByteString jpeg) {
        byte[] bytes = jpeg.toByteArray();
        int[] size = headerSize(bytes);
        return new Thumbnail(bytes.length, HexFormat.of().formatHex(sha256(bytes)),
                size == null ? null : size[0], size == null ? null : size[1]);
    }

    /**
     * Width and height from the image header only: the pixels are never decoded, so a thumbnail that claims huge
     * dimensions costs nothing. Null when no ImageIO reader takes the bytes.
     */
    private static int[] headerSize(byte[] image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
