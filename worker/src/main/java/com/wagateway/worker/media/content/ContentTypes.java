package com.wagateway.worker.media.content;

import java.util.Locale;
import java.util.Set;

/** Reading a declared Content-Type and deciding whether it contradicts the sniffed format. */
final class ContentTypes {

    /** Types that say nothing about the content: never a contradiction, never a better mimetype. */
    private static final Set<String> GENERIC = Set.of("", "application/octet-stream", "binary/octet-stream",
            "application/binary", "application/unknown", "application/x-unknown", "application/download",
            "application/force-download", "application/x-download", "unknown/unknown", "application/data");

    private ContentTypes() {
    }

    /** The type without parameters, trimmed and lower case; "" for null. */
    static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String bare = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return bare.trim().toLowerCase(Locale.ROOT);
    }

    static boolean isGeneric(String contentType) {
        String essence = essence(contentType);
        return GENERIC.contains(essence) || essence.indexOf('/') <= 0;
    }

    /** Whether the declared type names other content than {@code sniffed} is; a generic type never does. */
    static boolean contradicts(String declared, MediaFormat sniffed) {
        if (isGeneric(declared)) {
            return false;
        }
        String essence = essence(declared);
        String major = essence.substring(0, essence.indexOf('/'));
        MediaFormat.Family family = sniffed.family();
        if (sniffed.isNamed(essence) || family.tolerates(major)) {
            return false;
        }
        for (MediaFormat other : MediaFormat.values()) {
            if (other.family() == family && other.isNamed(essence)) {
                return false;
            }
        }
        if (!family.refinable()) {
            return true;
        }
        // zip, OLE2, text and unknown bytes: a declared type may refine them (image/svg+xml for text, image/heic for
        // unknown bytes), unless it names a format the sniffer knows by its bytes (those bytes would have matched)
        if (namesSpecificFormat(essence)) {
            return true;
        }
        return (family == MediaFormat.Family.ZIP || family == MediaFormat.Family.OLE2) && major.equals("text");
    }

    /** Whether the type is the name of a format the sniffer would have recognized by its bytes (e.g. a PDF). */
    private static boolean namesSpecificFormat(String essence) {
        for (MediaFormat format : MediaFormat.values()) {
            if (!format.family().refinable() && format.isNamed(essence)) {
                return true;
            }
        }
        return false;
    }
}
