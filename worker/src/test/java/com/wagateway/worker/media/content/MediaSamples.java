package com.wagateway.worker.media.content;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Media files generated in code for tests (no binary fixtures). JPEG, PNG, GIF, BMP, WAV, PDF and the 1x1 WebP are
 * complete files any decoder opens; the MP4/M4A have a correct box structure (ftyp, moov/mvhd, trak/tkhd, mdia/mdhd,
 * hdlr, minf/stbl, mdat) but empty sample tables, and the Ogg Opus file has correct pages (CRC, OpusHead, OpusTags, granules) whose
 * audio packets are empty 20 ms frames (decoders play them as silence). MP3 is a run of valid silent CBR frames.
 * Public so other test packages (the worker's media end-to-end tests) can use them.
 */
public final class MediaSamples {

    private MediaSamples() {
    }

    public static byte[] jpeg(int width, int height) {
        return image(width, height, "jpeg", BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] png(int width, int height) {
        return image(width, height, "png", BufferedImage.TYPE_INT_ARGB);
    }

    public static byte[] gif(int width, int height) {
        return image(width, height, "gif", BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] bmp(int width, int height) {
        return image(width, height, "bmp", BufferedImage.TYPE_INT_RGB);
    }

    private static byte[] image(int width, int height, String format, int imageType) {
        BufferedImage image = new BufferedImage(width, height, imageType);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.RED, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG whose header states {@code width x height} but whose pixel data is a stub: for the size limit. */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        pngChunk(out, "IHDR", ihdr.array());
        pngChunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A complete 1x1 lossless WebP. */
    public static byte[] webp1x1() {
        return Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    }

    /** A lossless WebP header stating {@code width x height} (14 bits each) with a stub bitstream: header parsing only. */
    public static byte[] webpHeader(int width, int height) {
        long bits = (width - 1L) | ((height - 1L) << 14);
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22).put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0x2f).putInt((int) bits)
                .put(new byte[5]);
        return b.array();
    }

    /**
     * An MP4 ({@code isom}) with one video track of {@code width x height} and, if {@code withAudio}, a sound track;
     * {@code mvhd} states {@code seconds} at a 1000 Hz timescale. The moov comes after a small mdat, as a camera
     * writes it, so the reader has to skip the mdat.
     */
    public static byte[] mp4(int width, int height, int seconds, boolean withAudio) {
        List<byte[]> traks = new ArrayList<>();
        traks.add(trak(1, "vide", width, height, seconds));
        if (withAudio) {
            traks.add(trak(2, "soun", 0, 0, seconds));
        }
        return isoFile("isom", seconds, traks);
    }

    /** An M4A ({@code M4A } brand) with one sound track of {@code seconds}. */
    public static byte[] m4a(int seconds) {
        return isoFile("M4A ", seconds, List.of(trak(1, "soun", 0, 0, seconds)));
    }

    private static byte[] isoFile(String brand, int seconds, List<byte[]> traks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(box("ftyp", concat(ascii(brand), u32(512), ascii(brand), ascii("isom"), ascii("mp41"))));
        out.writeBytes(box("mdat", new byte[1024]));
        ByteBuffer mvhd = ByteBuffer.allocate(100);
        mvhd.putInt(0).putInt(0).putInt(0).putInt(1000).putInt(seconds * 1000).putInt(0x00010000).putShort((short) 0x0100);
        byte[] moovBody = concat(box("mvhd", mvhd.array()), concat(traks.toArray(byte[][]::new)));
        out.writeBytes(box("moov", moovBody));
        return out.toByteArray();
    }

    private static byte[] trak(int id, String handler, int width, int height, int seconds) {
        ByteBuffer tkhd = ByteBuffer.allocate(84);
        tkhd.putInt(0x00000003).putInt(0).putInt(0).putInt(id).putInt(0).putInt(seconds * 1000)
                .put(new byte[8]).putShort((short) 0).putShort((short) 0)
                .putShort((short) (handler.equals("soun") ? 0x0100 : 0)).putShort((short) 0);
        int[] matrix = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};
        for (int m : matrix) {
            tkhd.putInt(m);
        }
        tkhd.putInt(width << 16).putInt(height << 16);
        ByteBuffer mdhd = ByteBuffer.allocate(24);
        mdhd.putInt(0).putInt(0).putInt(0).putInt(1000).putInt(seconds * 1000).putShort((short) 0x55c4).putShort((short) 0);
        ByteBuffer hdlr = ByteBuffer.allocate(25);
        hdlr.putInt(0).putInt(0).put(ascii(handler)).put(new byte[12]).put((byte) 0);
        // empty sample tables: a structurally complete track (parsers such as music-metadata expect stbl)
        byte[] empty = new byte[8];
        byte[] stbl = box("stbl", concat(box("stsd", empty), box("stts", empty), box("stsc", empty),
                box("stsz", new byte[12]), box("stco", empty)));
        byte[] media = handler.equals("soun") ? box("smhd", new byte[8]) : box("vmhd", new byte[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0});
        byte[] minf = box("minf", concat(media, stbl));
        byte[] mdia = box("mdia", concat(box("mdhd", mdhd.array()), box("hdlr", hdlr.array()), minf));
        return box("trak", concat(box("tkhd", tkhd.array()), mdia));
    }

    private static byte[] box(String type, byte[] body) {
        return concat(u32(8 + body.length), ascii(type), body);
    }

    /**
     * Ogg Opus (RFC 7845): OpusHead (mono, pre-skip 312, 48 kHz input), OpusTags, then {@code seconds} x 50 empty
     * 20 ms packets over as many pages as needed; the last page (end-of-stream) has granule
     * {@code 312 + seconds * 48000}. Page CRCs are correct.
     */
    public static byte[] oggOpus(int seconds) {
        int serial = 0x0A0B0C0D;
        int preSkip = 312;
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put(ascii("OpusHead")).put((byte) 1).put((byte) 1).putShort((short) preSkip).putInt(48_000)
                .putShort((short) 0).put((byte) 0);
        byte[] vendor = ascii("wa-gateway tests");
        ByteBuffer tags = ByteBuffer.allocate(8 + 4 + vendor.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        tags.put(ascii("OpusTags")).putInt(vendor.length).put(vendor).putInt(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int sequence = 0;
        out.writeBytes(oggPage(0x02, 0, serial, sequence++, List.of(head.array())));
        out.writeBytes(oggPage(0x00, 0, serial, sequence++, List.of(tags.array())));
        int packets = seconds * 50;
        byte[] silence = {(byte) 0xF8}; // TOC: CELT fullband 20 ms, mono, one frame; empty frame = silence
        int written = 0;
        do {
            int inPage = Math.min(200, packets - written);
            written += inPage;
            List<byte[]> list = new ArrayList<>();
            for (int i = 0; i < inPage; i++) {
                list.add(silence);
            }
            boolean last = written == packets;
            out.writeBytes(oggPage(last ? 0x04 : 0x00, preSkip + written * 960L, serial, sequence++, list));
        } while (written < packets);
        return out.toByteArray();
    }

    /**
     * An Ogg Vorbis stream with a correct identification header ({@code sampleRate}, stereo) and a final page whose
     * granule is {@code seconds * sampleRate}; the comment/setup headers and audio are stubs: header parsing only.
     */
    public static byte[] oggVorbisHeaders(int seconds, int sampleRate) {
        ByteBuffer ident = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        ident.put((byte) 1).put(ascii("vorbis")).putInt(0).put((byte) 2).putInt(sampleRate).putInt(0).putInt(128_000)
                .putInt(0).put((byte) 0xB8).put((byte) 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(oggPage(0x02, 0, 7, 0, List.of(ident.array())));
        out.writeBytes(oggPage(0x00, 0, 7, 1, List.of(concat(new byte[] {3}, ascii("vorbis"), new byte[8]))));
        out.writeBytes(oggPage(0x04, (long) seconds * sampleRate, 7, 2, List.of(new byte[40])));
        return out.toByteArray();
    }

    private static byte[] oggPage(int flags, long granule, int serial, int sequence, List<byte[]> packets) {
        ByteArrayOutputStream lacing = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte[] packet : packets) {
            int left = packet.length;
            while (left >= 255) {
                lacing.write(255);
                left -= 255;
            }
            lacing.write(left);
            data.writeBytes(packet);
        }
        byte[] segments = lacing.toByteArray();
        if (segments.length > 255) {
            throw new IllegalArgumentException("too many segments for one page");
        }
        ByteBuffer page = ByteBuffer.allocate(27 + segments.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        page.put(ascii("OggS")).put((byte) 0).put((byte) flags).putLong(granule).putInt(serial).putInt(sequence)
                .putInt(0).put((byte) segments.length).put(segments).put(data.toByteArray());
        byte[] bytes = page.array();
        int crc = oggCrc(bytes);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(22, crc);
        return bytes;
    }

    /** The Ogg page checksum: CRC-32, polynomial 0x04C11DB7, not reflected, initial value and final XOR zero. */
    public static int oggCrc(byte[] page) {
        int crc = 0;
        for (byte b : page) {
            crc ^= (b & 0xff) << 24;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }
        return crc;
    }

    /** 16-bit mono PCM silence. */
    public static byte[] wav(int seconds, int sampleRate) {
        int data = seconds * sampleRate * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + data).put(ascii("WAVE")).put(ascii("fmt ")).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16)
                .put(ascii("data")).putInt(data);
        return b.array();
    }

    /** MPEG-1 layer III, 128 kbit/s, 44.1 kHz, mono, silent frames for about {@code seconds}, after an ID3v2 tag. */
    public static byte[] mp3(int seconds) {
        int frameLength = 144 * 128_000 / 44_100; // 417, no padding
        int frames = (int) Math.round(seconds * 44_100 / 1152.0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 10});
        out.writeBytes(new byte[10]);
        for (int i = 0; i < frames; i++) {
            byte[] frame = new byte[frameLength];
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFB; // MPEG-1, layer III, no CRC
            frame[2] = (byte) 0x90; // 128 kbit/s, 44.1 kHz, no padding
            frame[3] = (byte) 0xC4; // mono
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** A one-page PDF with a correct cross-reference table. */
    public static byte[] pdf() {
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"
        };
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A minimal .docx-shaped zip ([Content_Types].xml and word/document.xml). */
    public static byte[] docx() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(ascii("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(ascii("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip with an arbitrary file in it. */
    public static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("notes/readme.txt"));
            zip.write(ascii("hello"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] text(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
