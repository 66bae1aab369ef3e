package com.wagateway.worker.media;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for file names from outside, both ways: the name a send states or its URL ends with, and the name a
 * received document carries. The result is safe to show, store, log and put in a Content-Disposition, and to save
 * under on the Backend's side, whatever its system:
 * <ul>
 *   <li>the last path segment only (either slash), NFC;</li>
 *   <li>no control, format or invisible characters (a right-to-left override can make {@code exe.pdf} look like
 *       a PDF); whitespace of any kind (CR, LF, tab, no-break space) collapsed to one space;</li>
 *   <li>path, shell and URL punctuation {@code \ : * ? " < > | ; % $ `} each replaced by {@code _};</li>
 *   <li>no leading dots or spaces (hidden files, {@code ..}) and no trailing ones (Windows drops them);</li>
 *   <li>Windows device names ({@code CON}, {@code PRN}, {@code AUX}, {@code NUL}, {@code COM0-9}, {@code LPT0-9},
 *       with any extension: {@code CON.pdf}) refused;</li>
 *   <li>at most {@value #MAX_BYTES} UTF-8 bytes, the extension (up to {@value #MAX_EXTENSION_BYTES} bytes) kept and
 *       no character split.</li>
 * </ul>
 * What is left empty or refused becomes the caller's fallback.
 */
public final class FileNames {

    public static final int MAX_BYTES = 200;
    /** Longer "extensions" are just the tail of a name with a dot in it: they are cut like the rest. */
    static final int MAX_EXTENSION_BYTES = 16;
    private static final String REPLACED = "\\:*?\"<>|;%$`";
    private static final Pattern DEVICE = Pattern.compile("CON|PRN|AUX|NUL|COM[0-9\u00B9\u00B2\u00B3]"
            + "|LPT[0-9\u00B9\u00B2\u00B3]|CONIN\\$|CONOUT\\$");

    private FileNames() {
    }

    /** The safe name, or {@code ""} when nothing usable is left (or the name is a device name). */
    public static String sanitize(String raw) {
        if (raw == null) {
            return "";
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder out = new StringBuilder(name.length());
        boolean pendingSpace = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = true;
                continue;
            }
            if (Character.isISOControl(cp) || invisible(cp)) {
                continue;
            }
            if (pendingSpace && !out.isEmpty()) {
                out.append(' ');
            }
            pendingSpace = false;
            if (REPLACED.indexOf(cp) >= 0) {
                out.append('_');
            } else {
                out.appendCodePoint(cp);
            }
        }
        String cleaned = stripEdges(capBytes(stripEdges(out.toString())));
        return device(cleaned) ? "" : cleaned;
    }

    /** @param fallback used when nothing usable is left; must itself be safe (e.g. made from a message id) */
    public static String sanitize(String raw, String fallback) {
        String name = sanitize(raw);
        return name.isEmpty() ? fallback : name;
    }

    /**
     * A sent file's name: the requested one wins over the URL's; when neither leaves anything, the message type plus
     * the content's extension ({@code image.jpg}).
     */
    public static String choose(String requested, String fromUrl, String typeName, String extension) {
        String name = sanitize(requested);
        if (name.isEmpty()) {
            name = sanitize(fromUrl);
        }
        return name.isEmpty() ? typeName + "." + extension : name;
    }

    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.SURROGATE
                || type == Character.PRIVATE_USE;
    }

    /** Windows opens the device whatever the extension ({@code CON.pdf}, {@code nul .txt}). */
    private static boolean device(String name) {
        int dot = name.indexOf('.');
        String base = (dot >= 0 ? name.substring(0, dot) : name).strip();
        return DEVICE.matcher(base.toUpperCase(Locale.ROOT)).matches();
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
            int length = utf8Length(Character.toString(cp));
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
