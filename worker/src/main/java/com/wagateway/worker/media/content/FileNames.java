package com.wagateway.worker.media.content;

import java.nio.charset.StandardCharsets;

/**
 * Makes a file name safe to show and to store: no directories (either slash), no control or invisible formatting
 * characters (a right-to-left override can disguise {@code exe.pdf}), none of {@code \ : * ? " < > |}, no leading
 * dots or spaces (hidden files, {@code ..}), no trailing dots or spaces (Windows drops them), whitespace collapsed, at
 * most {@value #MAX_BYTES} UTF-8 bytes with the extension kept. The requested name wins over the URL's; when neither
 * leaves anything, the name is the message type plus the content's extension ({@code image.jpg}).
 */
final class FileNames {

    static final int MAX_BYTES = 200;
    /** Longer "extensions" are just the tail of a name with a dot in it: they are cut like the rest. */
    private static final int MAX_EXTENSION_BYTES = 16;

    private FileNames() {
    }

    static String choose(String requested, String fromUrl, String typeName, String extension) {
        String name = sanitize(requested);
        if (name.isEmpty()) {
            name = sanitize(fromUrl);
        }
        return name.isEmpty() ? typeName + "." + extension : name;
    }

    static String sanitize(String raw) {
        if (raw == null) {
            return "";
        }
        String name = raw;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean pendingSpace = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = true;
                continue;
            }
            if (Character.isISOControl(cp) || "\\:*?\"<>|".indexOf(cp) >= 0 || invisible(cp)) {
                continue;
            }
            if (pendingSpace && out.length() > 0) {
                out.append(' ');
            }
            pendingSpace = false;
            out.appendCodePoint(cp);
        }
        String cleaned = stripEdges(out.toString());
        return stripEdges(capBytes(cleaned));
    }

    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.SURROGATE
                || type == Character.PRIVATE_USE;
    }

    /** No leading dots or spaces, no trailing dots or spaces. */
    private static String stripEdges(String name) {
        int start = 0;
        while (start < name.length() && (name.charAt(start) == '.' || name.charAt(start) == ' ')) {
            start++;
        }
        int end = name.length();
        while (end > start && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return name.substring(start, end);
    }

    private static String capBytes(String name) {
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot) : "";
        if (utf8Length(extension) > MAX_EXTENSION_BYTES) {
            extension = "";
        }
        String base = extension.isEmpty() ? name : name.substring(0, dot);
        return stripEdges(cutToBytes(base, MAX_BYTES - utf8Length(extension))) + extension;
    }

    /** The longest prefix within {@code limit} UTF-8 bytes, never splitting a code point. */
    private static String cutToBytes(String text, int limit) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int length = utf8Length(new String(Character.toChars(cp)));
            if (bytes + length > limit) {
                break;
            }
            bytes += length;
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
