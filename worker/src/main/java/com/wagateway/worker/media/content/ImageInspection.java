package com.wagateway.worker.media.content;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decodes an image the JDK can read (JPEG, PNG, GIF, BMP) to prove it is one, and makes the thumbnail the reference
 * makes (Baileys {@code extractImageThumb}: resized to 32 pixels wide keeping the aspect ratio, JPEG quality 50).
 * The size is read from the header first and images over the pixel limit are refused before any decoding; the
 * decode itself is subsampled to at most {@link #DECODE_PIXELS} pixels, so memory stays bounded whatever the image.
 */
final class ImageInspection {

    record Facts(int width, int height, byte[] jpegThumbnail) {
    }

    static final int THUMBNAIL_WIDTH = 32;
    static final float THUMBNAIL_QUALITY = 0.5f;
    /** A very tall image would give a very tall 32-pixel-wide thumbnail; its height is capped (then narrower). */
    static final int THUMBNAIL_MAX_HEIGHT = 320;
    private static final long DECODE_PIXELS = 4_000_000;

    private ImageInspection() {
    }

    static Facts inspect(Path file, MediaFormat format, long maxPixels) throws MediaContentException, IOException {
        String formatName = switch (format) {
            case JPEG -> "jpeg";
            case PNG -> "png";
            case GIF -> "gif";
            case BMP -> "bmp";
            default -> throw new IllegalArgumentException("not decodable by the JDK: " + format);
        };
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName);
            if (in == null || !readers.hasNext()) {
                throw new IllegalStateException("the JDK has no " + formatName + " reader");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw undecodable(format, null);
                }
                checkPixels(width, height, maxPixels);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(width, height);
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage decoded = reader.read(0, param);
                return new Facts(width, height, thumbnail(decoded, width, height));
            } catch (IOException | RuntimeException e) {
                throw undecodable(format, e);
            } finally {
                reader.dispose();
            }
        }
    }

    static void checkPixels(long width, long height, long maxPixels) throws MediaContentException {
        if (width * height > maxPixels) {
            throw new MediaContentException(MediaContentException.Reason.IMAGE_TOO_LARGE,
                    "image of " + width + "x" + height + " pixels is over the limit of " + maxPixels + " pixels");
        }
    }

    /** Keeps at least ~128 pixels across (for a clean 32-pixel thumbnail) and at most DECODE_PIXELS in all. */
    private static int subsampling(int width, int height) {
        long pixels = (long) width * height;
        int byArea = (int) Math.ceil(Math.sqrt((double) pixels / DECODE_PIXELS));
        return Math.max(1, Math.max(byArea, Math.min(width, height) / 128));
    }

    private static byte[] thumbnail(BufferedImage source, int width, int height) throws IOException {
        int thumbWidth = THUMBNAIL_WIDTH;
        int thumbHeight = (int) Math.max(1, Math.round((double) height * THUMBNAIL_WIDTH / width));
        if (thumbHeight > THUMBNAIL_MAX_HEIGHT) {
            thumbHeight = THUMBNAIL_MAX_HEIGHT;
            thumbWidth = (int) Math.max(1, Math.round((double) width * THUMBNAIL_MAX_HEIGHT / height));
        }
        BufferedImage current = source;
        // halve with bilinear steps first: one bilinear step from far larger sizes aliases badly
        while (current.getWidth() >= thumbWidth * 2 && current.getHeight() >= thumbHeight * 2) {
            current = scale(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        BufferedImage thumb = scale(current, thumbWidth, thumbHeight);
        return jpeg(thumb);
    }

    /** Draws onto an opaque RGB canvas: transparent pixels become white (JPEG has no alpha). */
    private static BufferedImage scale(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(THUMBNAIL_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static MediaContentException undecodable(MediaFormat format, Exception cause) {
        return new MediaContentException(MediaContentException.Reason.IMAGE_UNDECODABLE,
                "the bytes start like " + format.mimetype() + " but do not decode as an image", cause);
    }
}
