package com.wagateway.worker.media.content;

import java.util.Set;

/**
 * The formats the sniffer recognizes, each with the mimetype sent for it (WhatsApp's spelling where it has one, fact
 * sheet §11.5), a file extension, its {@link Family} and the other names servers use for it.
 */
enum MediaFormat {
    JPEG("image/jpeg", "jpg", Family.IMAGE, "image/jpg", "image/pjpeg"),
    PNG("image/png", "png", Family.IMAGE, "image/x-png", "image/apng"),
    GIF("image/gif", "gif", Family.IMAGE),
    WEBP("image/webp", "webp", Family.IMAGE),
    BMP("image/bmp", "bmp", Family.IMAGE, "image/x-bmp", "image/x-ms-bmp"),
    MP4("video/mp4", "mp4", Family.ISO_MEDIA),
    M4A("audio/mp4", "m4a", Family.ISO_MEDIA),
    THREE_GP("video/3gpp", "3gp", Family.ISO_MEDIA),
    MOV("video/quicktime", "mov", Family.ISO_MEDIA),
    WEBM("video/webm", "webm", Family.MATROSKA),
    MATROSKA("video/x-matroska", "mkv", Family.MATROSKA),
    OGG_OPUS("audio/ogg; codecs=opus", "ogg", Family.OGG),
    OGG_VORBIS("audio/ogg", "ogg", Family.OGG),
    /** Ogg carrying neither Opus nor Vorbis (Theora, FLAC, Speex…): a document only. */
    OGG_OTHER("application/ogg", "ogg", Family.OGG),
    MP3("audio/mpeg", "mp3", Family.AUDIO, "audio/mp3", "audio/x-mp3", "audio/mpeg3", "audio/x-mpeg"),
    AAC("audio/aac", "aac", Family.AUDIO, "audio/x-aac", "audio/aacp", "audio/x-hx-aac-adts"),
    AMR("audio/amr", "amr", Family.AUDIO, "audio/amr-nb", "audio/x-amr"),
    WAV("audio/wav", "wav", Family.AUDIO, "audio/x-wav", "audio/wave", "audio/vnd.wave"),
    PDF("application/pdf", "pdf", Family.DOCUMENT, "application/x-pdf", "application/acrobat"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", Family.ZIP),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", Family.ZIP),
    PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", Family.ZIP),
    /** OpenDocument and EPUB: the mimetype is read from the archive's own {@code mimetype} entry. */
    ZIP_WITH_MIMETYPE("application/zip", "zip", Family.ZIP),
    ZIP("application/zip", "zip", Family.ZIP, "application/x-zip-compressed", "application/x-zip"),
    /** The pre-2007 Office container (doc, xls, ppt, msg). */
    OLE2("application/x-ole-storage", "bin", Family.OLE2, "application/msword", "application/vnd.ms-excel",
            "application/vnd.ms-powerpoint", "application/vnd.ms-outlook"),
    TEXT("text/plain", "txt", Family.TEXT),
    UNKNOWN("application/octet-stream", "bin", Family.UNKNOWN);

    /**
     * Groups of formats that servers name loosely. A declared type is no contradiction when it is one of the
     * format's names, a name of another format of the same family, or of a major type the family tolerates (an
     * image labelled as another image format is mislabelled, not a lie about what it is).
     */
    enum Family {
        IMAGE(false, "image"),
        ISO_MEDIA(false, "video", "audio"),
        MATROSKA(false, "video", "audio"),
        OGG(false, "audio"),
        AUDIO(false, "audio"),
        DOCUMENT(false),
        /** Containers and text whose content the sniffer cannot name more precisely: a declared type may refine it. */
        ZIP(true),
        OLE2(true),
        TEXT(true, "text"),
        UNKNOWN(true);

        private final boolean refinable;
        private final Set<String> tolerantMajors;

        Family(boolean refinable, String... tolerantMajors) {
            this.refinable = refinable;
            this.tolerantMajors = Set.of(tolerantMajors);
        }

        boolean refinable() {
            return refinable;
        }

        boolean tolerates(String major) {
            return tolerantMajors.contains(major);
        }
    }

    private final String mimetype;
    private final String extension;
    private final Family family;
    private final Set<String> aliases;

    MediaFormat(String mimetype, String extension, Family family, String... aliases) {
        this.mimetype = mimetype;
        this.extension = extension;
        this.family = family;
        this.aliases = Set.of(aliases);
    }

    String mimetype() {
        return mimetype;
    }

    String extension() {
        return extension;
    }

    Family family() {
        return family;
    }

    /** Whether {@code essence} (lower case, no parameters) is one of this format's own names. */
    boolean isNamed(String essence) {
        return ContentTypes.essence(mimetype).equals(essence) || aliases.contains(essence);
    }
}
