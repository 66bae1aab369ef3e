package com.wagateway.worker.media.store;

import java.text.Normalizer;
import java.util.Locale;

/**
 * File names from outside (a sender's document name, a URL's last segment) made safe to store, log and put in a
 * Content-Disposition: the last path segment only, NFC, no control or format characters, no path or shell
 * punctuation, no leading dots, at most 200 UTF-8 bytes with the extension kept. What is left empty becomes the
 * fallback.
 */
public final class SafeFileNames {

    static final int MAX_UTF8_BYTES = 200;

    private SafeFileNames() {}

    /** @param fallback used when nothing usable is left; must itself be safe (e.g. made from a message id) */
    public static String sanitize(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFC);
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(slash + 1);
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int kind = Character.getType(cp);
            boolean invisible = Character.isISOControl(cp) || kind == Character.FORMAT || kind == Character.SURROGATE
                    || kind == Character.PRIVATE_USE || kind == Character.UNASSIGNED
                    || kind == Character.LINE_SEPARATOR || kind == Character.PARAGRAPH_SEPARATOR;
            if (invisible) {
                return;
            }
            if ("<>:\"|?*;%`$".indexOf(cp) >= 0 || Character.isWhitespace(cp)) {
                out.append(Character.isWhitespace(cp) ? ' ' : '_');
            } else {
                out.appendCodePoint(cp);
            }
        });
        String cleaned = out.toString().replaceAll(" +", " ").strip();
        while (cleaned.startsWith(".")) {
            cleaned = cleaned.substring(1);
        }
        cleaned = cleaned.strip();
        if (cleaned.isEmpty() || reserved(cleaned)) {
            return fallback;
        }
        return truncate(cleaned);
    }

    /** Windows device names, which some Backends will one day save the file under. */
    private static boolean reserved(String name) {
        String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return base.toUpperCase(Locale.ROOT).matches("CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]");
    }

    private static String truncate(String name) {
        if (utf8(name) <= MAX_UTF8_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String base = ext.isEmpty() ? name : name.substring(0, dot);
        int budget = MAX_UTF8_BYTES - utf8(ext);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int size = utf8(new String(Character.toChars(cp)));
            if (used + size > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return kept.toString().strip() + ext;
    }

    private static int utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
