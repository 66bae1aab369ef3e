package com.wagateway.worker.media.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.worker.media.content.MediaContentException.Reason;
import com.wagateway.worker.message.MessageType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Node;

class MediaInspectorTest {

    @TempDir
    Path dir;

    private final MediaInspector inspector = new MediaInspector();

    private Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "media", ".bin"), bytes);
    }

    private InspectedMedia inspect(byte[] bytes, MessageType type, String declared) throws Exception {
        return inspector.inspect(file(bytes), type, declared, null, null);
    }

    private void refused(byte[] bytes, MessageType type, String declared, Reason reason) {
        assertThatThrownBy(() -> inspect(bytes, type, declared))
                .isInstanceOfSatisfying(MediaContentException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void anUnreadableFileIsRefusedWithoutNamingItsPath() {
        Path gone = dir.resolve("fetch-4711-secret.part");
        assertThatThrownBy(() -> inspector.inspect(gone, MessageType.IMAGE, "image/jpeg", null, null))
                .isInstanceOfSatisfying(MediaContentException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
                    assertThat(e.getMessage()).isEqualTo("the file could not be read (NoSuchFileException)")
                            .doesNotContain("fetch-4711").doesNotContain(dir.toString());
                });
    }

    // --- images

    @Test
    void aJpegGetsItsSizeAndThe32PixelWideQuality50ThumbnailOfTheReference() throws Exception {
        InspectedMedia media = inspect(MediaSamples.jpeg(640, 480), MessageType.IMAGE, "image/jpeg");
        assertThat(media.mimetype()).isEqualTo("image/jpeg");
        assertThat(media.width()).isEqualTo(640);
        assertThat(media.height()).isEqualTo(480);
        assertThat(media.seconds()).isNull();
        assertThat(media.voiceNote()).isFalse();
        byte[] thumb = media.jpegThumbnail();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(thumb));
        assertThat(decoded.getWidth()).isEqualTo(32);
        assertThat(decoded.getHeight()).isEqualTo(24);
        assertThat(thumb.length).isLessThan(2048);
        // IJG quality 50 (sharp's and jimp's "quality: 50") uses the Annex K luminance table unscaled: DC step 16
        assertThat(jpegQuantTableFirstValue(thumb)).isEqualTo(16);
        assertThat(media.fileName()).isEqualTo("image.jpg");
    }

    @Test
    void pngGifAndBmpDecodeAndKeepTheirAspectInTheThumbnail() throws Exception {
        InspectedMedia png = inspect(MediaSamples.png(300, 600), MessageType.IMAGE, null);
        assertThat(png.mimetype()).isEqualTo("image/png");
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(png.jpegThumbnail()));
        assertThat(thumb.getWidth()).isEqualTo(32);
        assertThat(thumb.getHeight()).isEqualTo(64);
        assertThat(inspect(MediaSamples.gif(50, 20), MessageType.IMAGE, null).mimetype()).isEqualTo("image/gif");
        InspectedMedia bmp = inspect(MediaSamples.bmp(10, 10), MessageType.IMAGE, "application/octet-stream");
        assertThat(bmp.mimetype()).isEqualTo("image/bmp");
        assertThat(bmp.width()).isEqualTo(10);
        // smaller than the thumbnail: enlarged to 32 wide, as sharp's resize(32) does
        assertThat(ImageIO.read(new ByteArrayInputStream(bmp.jpegThumbnail())).getWidth()).isEqualTo(32);
    }

    @Test
    void aVeryTallImageGetsAThumbnailOfBoundedHeight() throws Exception {
        InspectedMedia tall = inspect(MediaSamples.png(20, 4000), MessageType.IMAGE, null);
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(tall.jpegThumbnail()));
        assertThat(thumb.getHeight()).isEqualTo(ImageInspection.THUMBNAIL_MAX_HEIGHT);
        assertThat(thumb.getWidth()).isLessThanOrEqualTo(32);
    }

    @Test
    void webpIsAcceptedOnItsHeaderWithoutAThumbnail() throws Exception {
        InspectedMedia one = inspect(MediaSamples.webp1x1(), MessageType.IMAGE, "image/webp");
        assertThat(one.mimetype()).isEqualTo("image/webp");
        assertThat(one.width()).isEqualTo(1);
        assertThat(one.height()).isEqualTo(1);
        assertThat(one.jpegThumbnail()).isNull();
        InspectedMedia big = inspect(MediaSamples.webpHeader(4000, 3000), MessageType.IMAGE, null);
        assertThat(big.width()).isEqualTo(4000);
        assertThat(big.height()).isEqualTo(3000);
        byte[] broken = MediaSamples.webpHeader(10, 10);
        broken[20] = 0; // the VP8L signature byte
        refused(broken, MessageType.IMAGE, null, Reason.IMAGE_UNDECODABLE);
    }

    @Test
    void anImageOverThePixelLimitIsRefusedFromItsHeaderBeforeDecoding() throws Exception {
        // 10000 x 6000 = 60 MP stated in IHDR; the pixel data is a stub that would not decode to that size
        refused(MediaSamples.pngHeaderOnly(10_000, 6_000), MessageType.IMAGE, null, Reason.IMAGE_TOO_LARGE);
        refused(MediaSamples.webpHeader(16_000, 16_000), MessageType.IMAGE, null, Reason.IMAGE_TOO_LARGE);
        MediaInspector small = new MediaInspector(5_000);
        assertThatThrownBy(() -> small.inspect(file(MediaSamples.jpeg(100, 100)), MessageType.IMAGE, null, null, null))
                .isInstanceOfSatisfying(MediaContentException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.IMAGE_TOO_LARGE));
        assertThat(small.inspect(file(MediaSamples.jpeg(50, 100)), MessageType.IMAGE, null, null, null).width())
                .isEqualTo(50);
    }

    @Test
    void bytesThatStartLikeAnImageButDoNotDecodeAreRefused() {
        byte[] jpeg = new byte[2000];
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        Arrays.fill(jpeg, 3, jpeg.length, (byte) 0x11);
        refused(jpeg, MessageType.IMAGE, "image/jpeg", Reason.IMAGE_UNDECODABLE);
        byte[] png = Arrays.copyOf(MediaSamples.png(10, 10), 40); // signature and part of IHDR only
        refused(png, MessageType.IMAGE, null, Reason.IMAGE_UNDECODABLE);
    }

    @Test
    void anImageMessageMustBeAnImage() {
        refused(MediaSamples.pdf(), MessageType.IMAGE, null, Reason.NOT_AN_IMAGE);
        refused(MediaSamples.mp4(320, 240, 3, false), MessageType.IMAGE, "application/octet-stream",
                Reason.NOT_AN_IMAGE);
        refused(MediaSamples.text("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), MessageType.IMAGE, "image/svg+xml",
                Reason.NOT_AN_IMAGE);
    }

    // --- video

    @Test
    void anMp4GetsSizeAndDurationFromItsBoxesEvenWithTheMoovAfterTheMdat() throws Exception {
        InspectedMedia media = inspect(MediaSamples.mp4(1280, 720, 12, true), MessageType.VIDEO, "video/mp4");
        assertThat(media.mimetype()).isEqualTo("video/mp4");
        assertThat(media.width()).isEqualTo(1280);
        assertThat(media.height()).isEqualTo(720);
        assertThat(media.seconds()).isEqualTo(12);
        assertThat(media.jpegThumbnail()).isNull(); // needs a video decoder (ffmpeg), which the gateway lacks
        assertThat(media.fileName()).isEqualTo("video.mp4");
    }

    @Test
    void aVideoMessageMustBeAVideoContainerWithAVideoTrack() {
        refused(MediaSamples.m4a(5), MessageType.VIDEO, null, Reason.NOT_A_VIDEO);
        refused(MediaSamples.jpeg(10, 10), MessageType.VIDEO, null, Reason.NOT_A_VIDEO);
        refused(MediaSamples.oggOpus(1), MessageType.VIDEO, null, Reason.NOT_A_VIDEO);
        byte[] broken = MediaSamples.mp4(320, 240, 3, false);
        broken[broken.length - 1] = 0;
        int moov = indexOf(broken, "moov") - 4;
        broken[moov] = 0x7f; // a moov size far past the end of the file
        refused(broken, MessageType.VIDEO, null, Reason.NOT_A_VIDEO);
        // a 64-bit box size announced by the last 8 bytes of the file: cut short, malformed, not unreadable
        byte[] ftyp = Arrays.copyOf(MediaSamples.mp4(320, 240, 3, false), 28);
        byte[] cut = Arrays.copyOf(ftyp, ftyp.length + 8);
        System.arraycopy(new byte[] {0, 0, 0, 1, 'm', 'o', 'o', 'v'}, 0, cut, ftyp.length, 8);
        refused(cut, MessageType.VIDEO, null, Reason.NOT_A_VIDEO);
    }

    @Test
    void aCutWavIsStillAudioWithoutADuration() throws Exception {
        byte[] cut = Arrays.copyOf(MediaSamples.wav(1, 8000), 30);
        InspectedMedia wav = inspect(cut, MessageType.AUDIO, null);
        assertThat(wav.mimetype()).isEqualTo("audio/wav");
        assertThat(wav.seconds()).isNull();
    }

    // --- audio

    @Test
    void oggOpusIsAVoiceNoteWithItsDurationFromTheLastGranule() throws Exception {
        InspectedMedia media = inspect(MediaSamples.oggOpus(3), MessageType.AUDIO, "audio/ogg");
        assertThat(media.mimetype()).isEqualTo("audio/ogg; codecs=opus");
        assertThat(media.voiceNote()).isTrue();
        assertThat(media.seconds()).isEqualTo(3);
        assertThat(media.fileName()).isEqualTo("audio.ogg");
        assertThat(inspect(MediaSamples.oggOpus(7), MessageType.AUDIO, null).seconds()).isEqualTo(7);
        // the same file as a document is not a voice note
        assertThat(inspect(MediaSamples.oggOpus(3), MessageType.DOCUMENT, null).voiceNote()).isFalse();
    }

    @Test
    void theOggSamplesPagesCarryCorrectChecksums() {
        // CRC-32 with polynomial 0x04C11DB7, unreflected, zero init and xor-out: check value of "123456789"
        assertThat(MediaSamples.oggCrc("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x89A1897F);
        byte[] ogg = MediaSamples.oggOpus(2);
        int pages = 0;
        for (int at = 0; at < ogg.length; pages++) {
            int segments = ogg[at + 26] & 0xff;
            int length = 27 + segments;
            for (int i = 0; i < segments; i++) {
                length += ogg[at + 27 + i] & 0xff;
            }
            byte[] page = Arrays.copyOfRange(ogg, at, at + length);
            int stated = (page[22] & 0xff) | (page[23] & 0xff) << 8 | (page[24] & 0xff) << 16 | (page[25] & 0xff) << 24;
            page[22] = page[23] = page[24] = page[25] = 0;
            assertThat(MediaSamples.oggCrc(page)).isEqualTo(stated);
            at += length;
        }
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void otherAudioFormatsAndTheirDurations() throws Exception {
        InspectedMedia vorbis = inspect(MediaSamples.oggVorbisHeaders(5, 44_100), MessageType.AUDIO, null);
        assertThat(vorbis.mimetype()).isEqualTo("audio/ogg");
        assertThat(vorbis.seconds()).isEqualTo(5);
        assertThat(vorbis.voiceNote()).isFalse();
        InspectedMedia mp3 = inspect(MediaSamples.mp3(3), MessageType.AUDIO, "audio/mpeg");
        assertThat(mp3.mimetype()).isEqualTo("audio/mpeg");
        assertThat(mp3.seconds()).isEqualTo(3);
        InspectedMedia wav = inspect(MediaSamples.wav(2, 8000), MessageType.AUDIO, "audio/x-wav");
        assertThat(wav.mimetype()).isEqualTo("audio/wav");
        assertThat(wav.seconds()).isEqualTo(2);
        InspectedMedia m4a = inspect(MediaSamples.m4a(7), MessageType.AUDIO, null);
        assertThat(m4a.mimetype()).isEqualTo("audio/mp4");
        assertThat(m4a.seconds()).isEqualTo(7);
        assertThat(m4a.fileName()).isEqualTo("audio.m4a");
        byte[] adts = {(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80, 0x02, 0x1F, (byte) 0xFC, 0, 0, 0};
        assertThat(inspect(adts, MessageType.AUDIO, null).mimetype()).isEqualTo("audio/aac");
        assertThat(inspect("#!AMR\n\u003c".getBytes(StandardCharsets.ISO_8859_1), MessageType.AUDIO, null).mimetype())
                .isEqualTo("audio/amr");
    }

    @Test
    void anAudioMessageMustBeAnAudioContainer() {
        refused(MediaSamples.pdf(), MessageType.AUDIO, null, Reason.NOT_AN_AUDIO);
        refused(MediaSamples.mp4(640, 360, 4, true), MessageType.AUDIO, null, Reason.NOT_AN_AUDIO);
        refused(MediaSamples.text("la la la"), MessageType.AUDIO, null, Reason.NOT_AN_AUDIO);
    }

    // --- documents

    @Test
    void aDocumentMayBeAnythingAndGetsTheBestKnownMimetype() throws Exception {
        assertThat(inspect(MediaSamples.pdf(), MessageType.DOCUMENT, null).mimetype()).isEqualTo("application/pdf");
        assertThat(inspect(MediaSamples.docx(), MessageType.DOCUMENT, "application/octet-stream").mimetype())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(inspect(MediaSamples.zip(), MessageType.DOCUMENT, "application/vnd.android.package-archive")
                .mimetype()).isEqualTo("application/vnd.android.package-archive");
        assertThat(inspect(MediaSamples.zip(), MessageType.DOCUMENT, null).mimetype()).isEqualTo("application/zip");
        assertThat(inspect(MediaSamples.text("a,b\n1,2\n"), MessageType.DOCUMENT, "text/csv; charset=utf-8").mimetype())
                .isEqualTo("text/csv");
        assertThat(inspect(MediaSamples.text("hello"), MessageType.DOCUMENT, null).mimetype()).isEqualTo("text/plain");
        byte[] unknown = {0, 1, 2, 3, (byte) 0x99, 5, 6, 7};
        assertThat(inspect(unknown, MessageType.DOCUMENT, null).mimetype()).isEqualTo("application/octet-stream");
        assertThat(inspect(unknown, MessageType.DOCUMENT, "application/x-custom").mimetype())
                .isEqualTo("application/x-custom");
        assertThat(inspect(MediaSamples.png(4, 4), MessageType.DOCUMENT, null).mimetype()).isEqualTo("image/png");
        assertThat(inspect(MediaSamples.pdf(), MessageType.DOCUMENT, null).jpegThumbnail()).isNull();
    }

    @Test
    void anEmptyFileIsRefusedForEveryType() {
        for (MessageType type : new MessageType[] {MessageType.IMAGE, MessageType.VIDEO, MessageType.AUDIO,
            MessageType.DOCUMENT}) {
            refused(new byte[0], type, null, Reason.EMPTY);
        }
        assertThatThrownBy(() -> inspect(MediaSamples.pdf(), MessageType.TEXT, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- a content type that lies

    @Test
    void aDeclaredContentTypeThatContradictsTheBytesIsRefused() {
        refused(MediaSamples.pdf(), MessageType.IMAGE, "image/png", Reason.CONTENT_TYPE_MISMATCH);
        refused(MediaSamples.pdf(), MessageType.DOCUMENT, "image/png", Reason.CONTENT_TYPE_MISMATCH);
        refused(MediaSamples.mp4(320, 240, 2, false), MessageType.IMAGE, "image/png", Reason.CONTENT_TYPE_MISMATCH);
        refused(MediaSamples.mp4(320, 240, 2, false), MessageType.VIDEO, "image/png", Reason.CONTENT_TYPE_MISMATCH);
        refused(MediaSamples.png(8, 8), MessageType.DOCUMENT, "application/pdf", Reason.CONTENT_TYPE_MISMATCH);
        refused(MediaSamples.png(8, 8), MessageType.IMAGE, "application/pdf", Reason.CONTENT_TYPE_MISMATCH);
        refused(MediaSamples.text("not a pdf"), MessageType.DOCUMENT, "application/pdf", Reason.CONTENT_TYPE_MISMATCH);
        refused(MediaSamples.text("not a song"), MessageType.DOCUMENT, "audio/mpeg", Reason.CONTENT_TYPE_MISMATCH);
        refused(MediaSamples.pdf(), MessageType.DOCUMENT, "text/plain", Reason.CONTENT_TYPE_MISMATCH);
        refused(MediaSamples.oggOpus(1), MessageType.AUDIO, "video/mp4", Reason.CONTENT_TYPE_MISMATCH);
        refused(MediaSamples.docx(), MessageType.DOCUMENT, "text/plain", Reason.CONTENT_TYPE_MISMATCH);
        refused(MediaSamples.jpeg(8, 8), MessageType.IMAGE, "video/mp4", Reason.CONTENT_TYPE_MISMATCH);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "application/octet-stream", "binary/octet-stream", "Application/Octet-Stream; x=y",
        "garbage"})
    void aGenericOrMissingContentTypeIsNoContradiction(String declared) throws Exception {
        assertThat(inspect(MediaSamples.jpeg(8, 8), MessageType.IMAGE, declared).mimetype()).isEqualTo("image/jpeg");
        assertThat(inspect(MediaSamples.pdf(), MessageType.DOCUMENT, declared).mimetype()).isEqualTo("application/pdf");
    }

    @Test
    void aMislabelWithinTheSameFamilyIsToleratedAndTheSniffedTypeIsSent() throws Exception {
        assertThat(inspect(MediaSamples.jpeg(8, 8), MessageType.IMAGE, "image/png").mimetype()).isEqualTo("image/jpeg");
        assertThat(inspect(MediaSamples.m4a(2), MessageType.AUDIO, "video/mp4").mimetype()).isEqualTo("audio/mp4");
        assertThat(inspect(MediaSamples.mp3(1), MessageType.AUDIO, "audio/ogg").mimetype()).isEqualTo("audio/mpeg");
        assertThat(inspect(MediaSamples.oggOpus(1), MessageType.AUDIO, "audio/opus").mimetype())
                .isEqualTo("audio/ogg; codecs=opus");
        assertThat(inspect(MediaSamples.jpeg(8, 8), MessageType.IMAGE, "IMAGE/JPEG; charset=binary").mimetype())
                .isEqualTo("image/jpeg");
    }

    // --- file names

    @Test
    void theRequestedNameWinsOverTheUrlsAndBothAreSanitized() throws Exception {
        Path pdf = file(MediaSamples.pdf());
        assertThat(inspector.inspect(pdf, MessageType.DOCUMENT, null, "../../etc/Report 2024.pdf", "x.pdf").fileName())
                .isEqualTo("Report 2024.pdf");
        assertThat(inspector.inspect(pdf, MessageType.DOCUMENT, null, null, "invoice.pdf").fileName())
                .isEqualTo("invoice.pdf");
        assertThat(inspector.inspect(pdf, MessageType.DOCUMENT, null, " ..\\ ", "C:\\temp\\a<b>.pdf").fileName())
                .isEqualTo("a_b_.pdf");
        assertThat(inspector.inspect(pdf, MessageType.DOCUMENT, null, "///", "").fileName()).isEqualTo("document.pdf");
    }

    private static int indexOf(byte[] bytes, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The first value of the first quantization table in the JPEG's metadata (it scales with the quality). */
    private static int jpegQuantTableFirstValue(byte[] jpeg) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node root = metadata.getAsTree("javax_imageio_jpeg_image_1.0");
            Node dqt = find(root, "dqt");
            return ((JPEGQTable) ((IIOMetadataNode) find(dqt, "dqtable")).getUserObject()).getTable()[0];
        }
    }

    private static Node find(Node node, String name) {
        if (node.getNodeName().equals(name)) {
            return node;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            Node found = find(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
