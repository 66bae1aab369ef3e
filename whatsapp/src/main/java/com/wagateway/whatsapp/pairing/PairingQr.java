package com.wagateway.whatsapp.pairing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The text of the pairing QR code (fact sheet §6 step 4), as Baileys 7.0.0-rc14's
 * {@code buildPairingQRData} builds it:
 * <pre>https://wa.me/settings/linked_devices#ref,base64(noiseKey.pub),base64(identityKey.pub),base64(advSecret),platformId</pre>
 * with standard base64 with padding, raw 32-byte X25519 public keys (no 0x05 prefix), the 32-byte ADV
 * secret and the decimal {@link CompanionWebClientType}. {@link #parse} also reads the 6.x form (the
 * four fields without prefix and platform id), which the emulator may be shown by older clients.
 *
 * <p>Instances are immutable: byte arrays are copied in and out.
 */
public final class PairingQr {

    public static final String PREFIX = "https://wa.me/settings/linked_devices#";
    public static final int KEY_LENGTH = 32;
    /** Longest QR text {@link #parse} accepts; real ones are under 300 characters. */
    public static final int MAX_LENGTH = 4096;

    private final String ref;
    private final byte[] noiseKey;
    private final byte[] identityKey;
    private final byte[] advSecret;
    private final String platformId;

    /**
     * @param ref         the {@code ref} content of one {@code pair-device} child (no comma)
     * @param noiseKey    the client's static Noise public key, 32 bytes
     * @param identityKey the client's signed identity public key, 32 bytes
     * @param advSecret   the client's ADV secret, 32 bytes
     * @param platformId  decimal companion web-client type, or null for the 6.x form
     */
    public PairingQr(String ref, byte[] noiseKey, byte[] identityKey, byte[] advSecret, String platformId) {
        Objects.requireNonNull(ref, "ref");
        if (ref.isEmpty() || ref.indexOf(',') >= 0 || ref.indexOf('#') >= 0) {
            throw new IllegalArgumentException("ref must be non-empty without ',' or '#'");
        }
        this.ref = ref;
        this.noiseKey = key(noiseKey, "noiseKey");
        this.identityKey = key(identityKey, "identityKey");
        this.advSecret = key(advSecret, "advSecret");
        if (platformId != null && !isPlatformId(platformId)) {
            throw new IllegalArgumentException("platformId must be 1-3 decimal digits");
        }
        this.platformId = platformId;
    }

    /** The QR of Baileys' {@code buildPairingQRData(ref, …, browser)} for a browser tuple {@code [os, browserName, …]}. */
    public static PairingQr of(String ref, byte[] noiseKey, byte[] identityKey, byte[] advSecret, String os,
                               String browserName) {
        return new PairingQr(ref, noiseKey, identityKey, advSecret,
                CompanionWebClientType.of(os, browserName).platformId());
    }

    /** The reference's {@code getCompanionPlatformId([os, browserName])}. */
    public static String companionPlatformId(String os, String browserName) {
        return CompanionWebClientType.of(os, browserName).platformId();
    }

    /** The text to render as the QR code. */
    public String text() {
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder sb = new StringBuilder(PREFIX.length() + ref.length() + 3 * 45 + 8);
        if (platformId != null) {
            sb.append(PREFIX);
        }
        sb.append(ref).append(',').append(b64.encodeToString(noiseKey)).append(',')
                .append(b64.encodeToString(identityKey)).append(',').append(b64.encodeToString(advSecret));
        if (platformId != null) {
            sb.append(',').append(platformId);
        }
        return sb.toString();
    }

    /**
     * Reads a QR text: the 7.x form ({@link #PREFIX}, five fields) or the 6.x form (no prefix, four
     * fields). Keys must be canonical standard base64 of exactly 32 bytes.
     *
     * @throws PairingQrException naming what is wrong
     */
    public static PairingQr parse(String text) throws PairingQrException {
        if (text == null) {
            throw new PairingQrException("QR text is null");
        }
        if (text.length() > MAX_LENGTH) {
            throw new PairingQrException("QR text longer than " + MAX_LENGTH + " characters");
        }
        boolean prefixed = text.startsWith(PREFIX);
        String body = prefixed ? text.substring(PREFIX.length()) : text;
        String[] fields = body.split(",", -1);
        int expected = prefixed ? 5 : 4;
        if (fields.length != expected) {
            throw new PairingQrException("QR text has " + fields.length + " comma-separated fields, expected "
                    + expected + (prefixed ? " after the linked_devices prefix" : " (6.x form without prefix)"));
        }
        String ref = fields[0];
        if (ref.isEmpty()) {
            throw new PairingQrException("QR ref is empty");
        }
        if (ref.indexOf('#') >= 0) {
            throw new PairingQrException("QR ref contains '#' (wrong prefix?)");
        }
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new PairingQrException("QR ref contains a non-printable or non-ASCII character at " + i);
            }
        }
        byte[] noise = decodeKey(fields[1], "noise key");
        byte[] identity = decodeKey(fields[2], "identity key");
        byte[] adv = decodeKey(fields[3], "adv secret");
        String platformId = null;
        if (prefixed) {
            platformId = fields[4];
            if (!isPlatformId(platformId)) {
                throw new PairingQrException("QR platform id is not 1-3 decimal digits");
            }
        }
        return new PairingQr(ref, noise, identity, adv, platformId);
    }

    public String ref() {
        return ref;
    }

    public byte[] noiseKey() {
        return noiseKey.clone();
    }

    public byte[] identityKey() {
        return identityKey.clone();
    }

    public byte[] advSecret() {
        return advSecret.clone();
    }

    /** Decimal platform id (5th field), or null for the 6.x form. */
    public String platformId() {
        return platformId;
    }

    /** The web-client type the platform id names, or null (6.x form or an id the reference does not define). */
    public CompanionWebClientType webClientType() {
        return platformId == null ? null : CompanionWebClientType.ofId(Integer.parseInt(platformId));
    }

    private static boolean isPlatformId(String s) {
        if (s.isEmpty() || s.length() > 3) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] key(byte[] key, String name) {
        Objects.requireNonNull(key, name);
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException(name + " must be " + KEY_LENGTH + " bytes, got " + key.length);
        }
        return key.clone();
    }

    private static byte[] decodeKey(String field, String name) throws PairingQrException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(field.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new PairingQrException("QR " + name + " is not valid base64");
        }
        if (bytes.length != KEY_LENGTH) {
            throw new PairingQrException("QR " + name + " is " + bytes.length + " bytes, expected " + KEY_LENGTH);
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(field)) {
            throw new PairingQrException("QR " + name + " is not canonical padded base64");
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairingQr q && ref.equals(q.ref) && Arrays.equals(noiseKey, q.noiseKey)
                && Arrays.equals(identityKey, q.identityKey) && Arrays.equals(advSecret, q.advSecret)
                && Objects.equals(platformId, q.platformId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ref, Arrays.hashCode(noiseKey), Arrays.hashCode(identityKey), Arrays.hashCode(advSecret),
                platformId);
    }

    /** Redacts the ADV secret. */
    @Override
    public String toString() {
        return "PairingQr[ref=" + ref + ", platformId=" + platformId + ", advSecret=redacted]";
    }
}
