package com.wagateway.worker.media.content;

import com.wagateway.worker.media.FileNames;
import com.wagateway.worker.message.MessageType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Decides whether a fetched file may be sent as the requested message type, and measures what the message carries
 * (fact sheet §11.5). The rules:
 * <ul>
 * <li>The format is sniffed from the bytes. An image must be JPEG, PNG, GIF or BMP that decodes (or a WebP with a
 * well-formed header: the JDK cannot decode WebP); a video an MP4/MOV/3GP with a video track, or WebM/Matroska; an
 * audio Ogg Opus/Vorbis, MP3, AAC (ADTS), AMR, WAV, an MP4/M4A with a sound track and no video track, or WebM; a
 * document anything but an empty file.</li>
 * <li>A declared Content-Type that names different content than the bytes are is refused; generic types
 * ({@code application/octet-stream}, missing) never are, and a type of the same family is tolerated (an image/png
 * label on JPEG bytes is a mislabel, not a disguise).</li>
 * <li>The mimetype sent is the sniffed one ({@code audio/ogg; codecs=opus} for Ogg Opus, which is then a voice
 * note); for documents a declared type refines bytes the sniffer cannot name precisely (a zip, text, OLE2 or
 * unknown bytes).</li>
 * </ul>
 * Video thumbnails need a video decoder (ffmpeg in the reference), which this gateway does not ship: videos are sent
 * without one.
 */
public final class MediaInspector {

    /** 50 megapixels: well above any phone camera, far below what would exhaust memory in a decoder. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    private final long maxPixels;

    public MediaInspector() {
        this(DEFAULT_MAX_PIXELS);
    }

    public MediaInspector(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive");
        }
        this.maxPixels = maxPixels;
    }

    /**
     * @param file                the fetched bytes (read, never modified)
     * @param type                image, video, audio or document
     * @param declaredContentType the Content-Type the source declared, or null
     * @param requestedFileName   the file name in the send command, or null
     * @param urlFileName         the last path segment of the URL (already percent-decoded), or null
     */
    public InspectedMedia inspect(Path file, MessageType type, String declaredContentType, String requestedFileName,
                                  String urlFileName) throws MediaContentException {
        if (type == MessageType.TEXT) {
            throw new IllegalArgumentException("text messages have no media");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileWindow window = new FileWindow(channel);
            if (window.size() == 0) {
                throw new MediaContentException(MediaContentException.Reason.EMPTY, "the file is empty");
            }
            Sniffed sniffed = FormatSniffer.sniff(file, window);
            MediaFormat format = sniffed.format();
            if (ContentTypes.contradicts(declaredContentType, format)) {
                throw new MediaContentException(MediaContentException.Reason.CONTENT_TYPE_MISMATCH,
                        "declared Content-Type " + ContentTypes.essence(declaredContentType) + " but the bytes are "
                                + describe(sniffed));
            }
            Measured measured = switch (type) {
                case IMAGE -> image(file, window, format);
                case VIDEO -> video(window, format);
                case AUDIO -> audio(window, format);
                case DOCUMENT -> new Measured(documentMimetype(sniffed, declaredContentType), null, null, null, null);
                case TEXT -> throw new IllegalStateException("unreachable");
            };
            String fileName = FileNames.choose(requestedFileName, urlFileName, type.wire(), extension(format, type));
            return new InspectedMedia(measured.mimetype(), fileName, measured.width(), measured.height(),
                    measured.seconds(), measured.thumbnail(), format == MediaFormat.OGG_OPUS && type == MessageType.AUDIO);
        } catch (IOException e) {
            // the class only: an IOException's message names the temporary file's path, and this reason reaches the
            // API caller and the Backend
            throw new MediaContentException(MediaContentException.Reason.UNREADABLE,
                    "the file could not be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private record Measured(String mimetype, Integer width, Integer height, Integer seconds, byte[] thumbnail) {
    }

    private Measured image(Path file, FileWindow window, MediaFormat format)
            throws MediaContentException, IOException {
        switch (format) {
            case JPEG, PNG, GIF, BMP -> {
                ImageInspection.Facts facts = ImageInspection.inspect(file, format, maxPixels);
                return new Measured(format.mimetype(), facts.width(), facts.height(), null, facts.jpegThumbnail());
            }
            case WEBP -> {
                WebpHeader.Size size = WebpHeader.size(window.readUpTo(0, 64));
                if (size == null) {
                    throw new MediaContentException(MediaContentException.Reason.IMAGE_UNDECODABLE,
                            "the bytes start like image/webp but the WebP header is malformed");
                }
                ImageInspection.checkPixels(size.width(), size.height(), maxPixels);
                return new Measured(format.mimetype(), size.width(), size.height(), null, null);
            }
            default -> throw new MediaContentException(MediaContentException.Reason.NOT_AN_IMAGE,
                    "an image must be JPEG, PNG, GIF, BMP or WebP; the bytes are " + format.mimetype());
        }
    }

    private Measured video(FileWindow window, MediaFormat format) throws MediaContentException, IOException {
        if (format.family() == MediaFormat.Family.ISO_MEDIA) {
            Mp4Boxes.Facts facts = Mp4Boxes.read(window);
            if (facts == null || !facts.hasVideo()) {
                throw new MediaContentException(MediaContentException.Reason.NOT_A_VIDEO,
                        "the " + format.mimetype() + " container has no video track");
            }
            String mimetype = format == MediaFormat.M4A ? MediaFormat.MP4.mimetype() : format.mimetype();
            return new Measured(mimetype, facts.width(), facts.height(), facts.seconds(), null);
        }
        if (format == MediaFormat.WEBM || format == MediaFormat.MATROSKA) {
            return new Measured(format.mimetype(), null, null, null, null); // EBML is not parsed: no size or length
        }
        throw new MediaContentException(MediaContentException.Reason.NOT_A_VIDEO,
                "a video must be MP4, MOV, 3GP, WebM or Matroska; the bytes are " + format.mimetype());
    }

    private Measured audio(FileWindow window, MediaFormat format) throws MediaContentException, IOException {
        return switch (format) {
            case OGG_OPUS, OGG_VORBIS -> new Measured(format.mimetype(), null, null,
                    OggPages.seconds(window, format), null);
            case MP3 -> new Measured(format.mimetype(), null, null, Mp3Frames.seconds(window), null);
            case WAV -> new Measured(format.mimetype(), null, null, WavChunks.seconds(window), null);
            case AAC, AMR -> new Measured(format.mimetype(), null, null, null, null);
            case WEBM, MATROSKA -> new Measured(format == MediaFormat.WEBM ? "audio/webm" : "audio/x-matroska",
                    null, null, null, null); // EBML tracks are not parsed: a WebM video passes as audio too
            case MP4, M4A, THREE_GP, MOV -> {
                Mp4Boxes.Facts facts = Mp4Boxes.read(window);
                if (facts == null || !facts.hasAudio() || facts.hasVideo()) {
                    throw new MediaContentException(MediaContentException.Reason.NOT_AN_AUDIO,
                            "an MP4-family audio must have a sound track and no video track");
                }
                yield new Measured(MediaFormat.M4A.mimetype(), null, null, facts.seconds(), null);
            }
            default -> throw new MediaContentException(MediaContentException.Reason.NOT_AN_AUDIO,
                    "an audio must be Ogg Opus/Vorbis, MP3, AAC, AMR, WAV, M4A or WebM; the bytes are "
                            + format.mimetype());
        };
    }

    /** The sniffed type, unless the bytes are only known as a container or text and the source named them better. */
    private static String documentMimetype(Sniffed sniffed, String declared) {
        if (sniffed.format().family().refinable() && sniffed.format() != MediaFormat.ZIP_WITH_MIMETYPE
                && !ContentTypes.isGeneric(declared)) {
            return ContentTypes.essence(declared);
        }
        return sniffed.mimetype();
    }

    private static String extension(MediaFormat format, MessageType type) {
        if (type == MessageType.AUDIO && format.family() == MediaFormat.Family.ISO_MEDIA) {
            return MediaFormat.M4A.extension();
        }
        return format.extension();
    }

    private static String describe(Sniffed sniffed) {
        return sniffed.format() == MediaFormat.UNKNOWN ? "of no known format"
                : sniffed.format() == MediaFormat.TEXT ? "text" : sniffed.mimetype();
    }
}
