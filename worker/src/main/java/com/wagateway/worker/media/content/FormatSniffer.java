package com.wagateway.worker.media.content;

import static com.wagateway.worker.media.content.FileWindow.ascii;
import static com.wagateway.worker.media.content.FileWindow.le32;
import static com.wagateway.worker.media.content.FileWindow.u8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Names a file's format from its bytes (magic numbers and container headers), never from its name or labels. */
final class FormatSniffer {

    static final int HEADER_BYTES = 4096;
    private static final int MAX_ZIP_ENTRIES = 10_000;
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1",
            "msf1", "avif", "avis");
    private static final Set<Integer> BMP_DIB_SIZES = Set.of(12, 40, 52, 56, 64, 108, 124);
    private static final Pattern MIMETYPE = Pattern.compile("[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*");

    private FormatSniffer() {
    }

    static Sniffed sniff(Path file, FileWindow window) throws IOException {
        byte[] h = window.readUpTo(0, HEADER_BYTES);
        MediaFormat format = byMagic(h, window.size());
        return switch (format) {
            case ZIP -> zipContent(file);
            case OGG_OTHER -> Sniffed.of(oggCodec(h));
            default -> Sniffed.of(format);
        };
    }

    private static MediaFormat byMagic(byte[] h, long size) {
        if (h.length >= 3 && u8(h, 0) == 0xFF && u8(h, 1) == 0xD8 && u8(h, 2) == 0xFF) {
            return MediaFormat.JPEG;
        }
        if (h.length >= 8 && u8(h, 0) == 0x89 && ascii(h, 1, "PNG\r\n\u001a\n")) {
            return MediaFormat.PNG;
        }
        if (ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a")) {
            return MediaFormat.GIF;
        }
        if (ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP")) {
            return MediaFormat.WEBP;
        }
        if (ascii(h, 0, "RIFF") && ascii(h, 8, "WAVE")) {
            return MediaFormat.WAV;
        }
        if (ascii(h, 0, "BM") && h.length >= 18 && BMP_DIB_SIZES.contains((int) le32(h, 14))) {
            return MediaFormat.BMP;
        }
        if (ascii(h, 4, "ftyp") && h.length >= 12) {
            return isoBrand(new String(h, 8, 4, StandardCharsets.ISO_8859_1));
        }
        if (h.length >= 4 && u8(h, 0) == 0x1A && u8(h, 1) == 0x45 && u8(h, 2) == 0xDF && u8(h, 3) == 0xA3) {
            String head = new String(h, StandardCharsets.ISO_8859_1);
            return head.contains("webm") ? MediaFormat.WEBM
                    : head.contains("matroska") ? MediaFormat.MATROSKA : MediaFormat.UNKNOWN;
        }
        if (ascii(h, 0, "OggS")) {
            return MediaFormat.OGG_OTHER; // the codec is read from the first packet by oggCodec
        }
        if (pdfMarker(h)) {
            return MediaFormat.PDF;
        }
        if (ascii(h, 0, "#!AMR")) {
            return MediaFormat.AMR;
        }
        if (ascii(h, 0, "ID3") && h.length >= 10) {
            return MediaFormat.MP3;
        }
        if (h.length >= 4 && u8(h, 0) == 0xFF && (u8(h, 1) & 0xF6) == 0xF0) {
            return MediaFormat.AAC; // ADTS: 12-bit sync, layer 00
        }
        if (Mp3Frames.isFrameSyncAt(h, 0)) {
            return MediaFormat.MP3;
        }
        if (ascii(h, 0, "PK\u0003\u0004") || (ascii(h, 0, "PK\u0005\u0006") && size == 22)) {
            return MediaFormat.ZIP;
        }
        if (h.length >= 8 && u8(h, 0) == 0xD0 && u8(h, 1) == 0xCF && u8(h, 2) == 0x11 && u8(h, 3) == 0xE0
                && u8(h, 4) == 0xA1 && u8(h, 5) == 0xB1 && u8(h, 6) == 0x1A && u8(h, 7) == 0xE1) {
            return MediaFormat.OLE2;
        }
        if (isText(h)) {
            return MediaFormat.TEXT;
        }
        return MediaFormat.UNKNOWN;
    }

    private static MediaFormat isoBrand(String major) {
        if (HEIF_BRANDS.contains(major)) {
            return MediaFormat.UNKNOWN; // HEIF/AVIF still images share the box format: a document, not a video
        }
        if (major.startsWith("M4A") || major.startsWith("M4B") || major.startsWith("M4P")) {
            return MediaFormat.M4A;
        }
        if (major.equals("qt  ")) {
            return MediaFormat.MOV;
        }
        if (major.startsWith("3gp") || major.startsWith("3g2")) {
            return MediaFormat.THREE_GP;
        }
        return MediaFormat.MP4;
    }

    /** The PDF header may follow a little junk (readers look in the first 1024 bytes). */
    private static boolean pdfMarker(byte[] h) {
        int limit = Math.min(h.length - 5, 1024);
        for (int i = 0; i <= limit; i++) {
            if (ascii(h, i, "%PDF-")) {
                return true;
            }
        }
        return false;
    }

    /** The codec of an Ogg stream: the first page's first packet identifies it (RFC 7845 §5.1, Vorbis I §4.2). */
    private static MediaFormat oggCodec(byte[] h) {
        if (h.length < 27) {
            return MediaFormat.OGG_OTHER;
        }
        int segments = u8(h, 26);
        int packetStart = 27 + segments;
        if (ascii(h, packetStart, "OpusHead")) {
            return MediaFormat.OGG_OPUS;
        }
        if (packetStart < h.length && u8(h, packetStart) == 1 && ascii(h, packetStart + 1, "vorbis")) {
            return MediaFormat.OGG_VORBIS;
        }
        return MediaFormat.OGG_OTHER;
    }

    /** Office Open XML by its part folders; OpenDocument and EPUB by their stored {@code mimetype} entry. */
    private static Sniffed zipContent(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            for (int i = 0; entries.hasMoreElements() && i < MAX_ZIP_ENTRIES; i++) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith("word/")) {
                    return Sniffed.of(MediaFormat.DOCX);
                }
                if (name.startsWith("xl/")) {
                    return Sniffed.of(MediaFormat.XLSX);
                }
                if (name.startsWith("ppt/")) {
                    return Sniffed.of(MediaFormat.PPTX);
                }
                if (i == 0 && name.equals("mimetype") && entry.getSize() > 0 && entry.getSize() < 100) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        String declared = new String(in.readNBytes(100), StandardCharsets.US_ASCII).trim();
                        if (MIMETYPE.matcher(declared).matches()) {
                            return new Sniffed(MediaFormat.ZIP_WITH_MIMETYPE, declared);
                        }
                    }
                }
            }
            return Sniffed.of(MediaFormat.ZIP);
        } catch (ZipException e) {
            return Sniffed.of(MediaFormat.ZIP); // starts like a zip but its directory does not read: still a zip
        }
    }

    /** UTF-8 (or UTF-16 with a byte-order mark) without NUL or control characters other than whitespace. */
    private static boolean isText(byte[] h) {
        if (h.length == 0) {
            return false;
        }
        if (h.length >= 2 && ((u8(h, 0) == 0xFF && u8(h, 1) == 0xFE) || (u8(h, 0) == 0xFE && u8(h, 1) == 0xFF))) {
            return true;
        }
        for (byte b : h) {
            int c = b & 0xff;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
                return false;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        // a multi-byte sequence may be cut at the end of the header window: drop up to 3 trailing bytes
        for (int cut = 0; cut <= Math.min(3, h.length - 1); cut++) {
            try {
                decoder.reset().decode(ByteBuffer.wrap(h, 0, h.length - cut));
                return true;
            } catch (CharacterCodingException e) {
                if (h.length < HEADER_BYTES) {
                    return false; // the whole file was read: nothing was cut
                }
            }
        }
        return false;
    }
}
