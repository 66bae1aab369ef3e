package com.wagateway.whatsapp.media;

import static com.wagateway.whatsapp.crypto.VectorFile.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Hkdf;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.crypto.VectorFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * MediaCipher against Baileys' own encryptedStream with fixed media keys (vectors/media/media-cipher.json) and the
 * media-retry crypto against encryptMediaRetryRequest / decryptMediaRetryData (vectors/media/media-retry.json), both
 * written by tools/interop/gen-media-vectors.mjs.
 */
class MediaVectorsTest {

    private static final JsonNode CIPHER = VectorFile.read("media/media-cipher.json");
    private static final JsonNode RETRY = VectorFile.read("media/media-retry.json");

    @Test
    void encryptionIsByteForByteTheReferenceForEveryTypeAndSize() throws Exception {
        Set<String> types = new HashSet<>();
        for (JsonNode v : CIPHER.get("small")) {
            MediaType type = MediaType.fromWireName(v.get("type").asString());
            types.add(type.wireName());
            byte[] plain = hex(v.get("plaintext"));
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            MediaHashes hashes = MediaCipher.encrypt(new ByteArrayInputStream(plain), blob, hex(v.get("mediaKey")), type,
                    plain.length);
            byte[] bytes = blob.toByteArray();
            String name = v.get("name").asString();
            assertThat(hex(bytes)).as(name).isEqualTo(v.get("blob").asString());
            assertThat(hex(Arrays.copyOfRange(bytes, bytes.length - MediaCipher.MAC_LENGTH, bytes.length))).as(name)
                    .isEqualTo(v.get("mac").asString());
            assertThat(hex(hashes.fileSha256())).as(name).isEqualTo(v.get("fileSha256").asString());
            assertThat(hex(hashes.fileEncSha256())).as(name).isEqualTo(v.get("fileEncSha256").asString());
            assertThat(hashes.fileLength()).as(name).isEqualTo(v.get("fileLength").asLong());
            assertThat(hashes.encryptedLength()).as(name).isEqualTo(bytes.length);
        }
        assertThat(types).containsExactlyInAnyOrder("image", "sticker", "video", "gif", "ptv", "audio", "ptt",
                "document");
        assertThat(CIPHER.get("small").size()).isEqualTo(types.size() * 9);
    }

    @Test
    void decryptsEveryReferenceBlobEvenWhenItArrivesInSmallPieces() throws Exception {
        for (JsonNode v : CIPHER.get("small")) {
            MediaType type = MediaType.fromWireName(v.get("type").asString());
            byte[] blob = hex(v.get("blob"));
            for (int piece : new int[] {blob.length, 7, 1}) {
                ByteArrayOutputStream plain = new ByteArrayOutputStream();
                MediaHashes hashes = MediaCipher.decrypt(new Trickle(new ByteArrayInputStream(blob), piece), plain,
                        hex(v.get("mediaKey")), type, hex(v.get("fileEncSha256")), hex(v.get("fileSha256")),
                        blob.length);
                assertThat(hex(plain.toByteArray())).as(v.get("name").asString()).isEqualTo(v.get("plaintext").asString());
                assertThat(hashes.fileLength()).isEqualTo(v.get("fileLength").asLong());
            }
        }
    }

    @Test
    void aReferenceBlobUnderTheWrongTypeOrWithAFlippedBitIsRefused() {
        JsonNode v = find("image-1000");
        byte[] key = hex(v.get("mediaKey"));
        byte[] blob = hex(v.get("blob"));
        // same key, other HKDF info ("Video" instead of "Image"): other MAC key
        assertThatThrownBy(() -> MediaCipher.decrypt(new ByteArrayInputStream(blob), new ByteArrayOutputStream(), key,
                MediaType.VIDEO, null, null, blob.length))
                .isInstanceOfSatisfying(MediaVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(MediaVerificationException.Reason.BAD_MAC));
        for (int at : new int[] {0, blob.length / 2, blob.length - 1}) {
            byte[] bad = blob.clone();
            bad[at] ^= 0x40;
            assertThatThrownBy(() -> MediaCipher.decrypt(new ByteArrayInputStream(bad), new ByteArrayOutputStream(),
                    key, MediaType.IMAGE, null, null, bad.length))
                    .isInstanceOfSatisfying(MediaVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(MediaVerificationException.Reason.BAD_MAC));
        }
        // a sticker shares the image keys, so the reference's sticker and image cipher agree
        assertThat(MediaType.STICKER.hkdfInfo()).isEqualTo(MediaType.IMAGE.hkdfInfo());
    }

    @Test
    void largeFilesRegeneratedFromTheirPatternMatchTheReference() throws Exception {
        assertThat(CIPHER.get("large").size()).isEqualTo(2);
        for (JsonNode v : CIPHER.get("large")) {
            JsonNode pattern = v.get("plaintextPattern");
            assertThat(pattern.get("kind").asString()).isEqualTo("sha256-counter");
            String seed = pattern.get("seed").asString();
            long length = pattern.get("length").asLong();
            MediaType type = MediaType.fromWireName(v.get("type").asString());
            byte[] key = hex(v.get("mediaKey"));

            ByteArrayOutputStream blob = new ByteArrayOutputStream((int) v.get("encryptedLength").asLong());
            MediaHashes hashes = MediaCipher.encrypt(new PatternBytes(seed, length), blob, key, type, length);
            byte[] bytes = blob.toByteArray();
            String name = v.get("name").asString();
            assertThat(bytes.length).as(name).isEqualTo(v.get("encryptedLength").asInt());
            assertThat(hex(MessageDigest.getInstance("SHA-256").digest(bytes))).as(name)
                    .isEqualTo(v.get("blobSha256").asString());
            assertThat(hex(Arrays.copyOfRange(bytes, bytes.length - MediaCipher.MAC_LENGTH, bytes.length)))
                    .isEqualTo(v.get("mac").asString());
            assertThat(hex(hashes.fileSha256())).isEqualTo(v.get("fileSha256").asString());
            assertThat(hex(hashes.fileSha256())).isEqualTo(v.get("plaintextSha256").asString());
            assertThat(hex(hashes.fileEncSha256())).isEqualTo(v.get("fileEncSha256").asString());
            assertThat(hashes.fileLength()).isEqualTo(length);

            // the blob is the reference's (same SHA-256): decrypting it streams back the pattern
            MessageDigest plainSha = MessageDigest.getInstance("SHA-256");
            MediaHashes back = MediaCipher.decrypt(new Trickle(new ByteArrayInputStream(bytes), 65_543),
                    new DigestOutputStream(OutputStream.nullOutputStream(), plainSha), key, type,
                    hex(v.get("fileEncSha256")), hex(v.get("fileSha256")), bytes.length);
            assertThat(hex(plainSha.digest())).isEqualTo(v.get("plaintextSha256").asString());
            assertThat(back.fileLength()).isEqualTo(length);
        }
    }

    @Test
    void theLargePlaintextIsCappedBeforeItIsAllRead() {
        JsonNode v = CIPHER.get("large").get(1);
        long length = v.get("plaintextPattern").get("length").asLong();
        assertThatThrownBy(() -> MediaCipher.encrypt(new PatternBytes(v.get("plaintextPattern").get("seed").asString(),
                length), OutputStream.nullOutputStream(), hex(v.get("mediaKey")), MediaType.VIDEO, length - 1))
                .isInstanceOf(MediaTooLargeException.class);
    }

    @Test
    void mediaRetryRequestEncryptionMatchesEncryptMediaRetryRequest() throws CryptoException {
        assertThat(RETRY.get("requests").size()).isEqualTo(3);
        for (JsonNode r : RETRY.get("requests")) {
            byte[] retryKey = Hkdf.derive(hex(r.get("mediaKey")), null, "WhatsApp Media Retry Notification", 32);
            assertThat(hex(retryKey)).isEqualTo(r.get("retryKey").asString());
            String id = r.get("key").get("id").asString();
            // enc_p = AES-GCM(retryKey, enc_iv, aad = message id, ServerErrorReceipt{stanzaId = id})
            byte[] receipt = serverErrorReceipt(id);
            assertThat(hex(receipt)).isEqualTo(r.get("encPlaintext").asString());
            byte[] encP = AesGcm.encrypt(retryKey, hex(r.get("encIv")), id.getBytes(StandardCharsets.UTF_8), receipt);
            assertThat(hex(encP)).as(r.get("name").asString()).isEqualTo(r.get("encP").asString());
            assertThat(r.get("tag").asString()).isEqualTo("receipt");
            assertThat(r.get("attrs").get("type").asString()).isEqualTo("server-error");
            assertThat(r.get("attrs").get("id").asString()).isEqualTo(id);
            // the device part of our own id is dropped: receipt to=<user>@s.whatsapp.net
            assertThat(r.get("attrs").get("to").asString()).isEqualTo("15550001111@s.whatsapp.net");
            assertThat(r.get("rmrAttrs").get("from_me").asString())
                    .isEqualTo(String.valueOf(r.get("key").get("fromMe").asBoolean()));
        }
    }

    @Test
    void mediaRetryNotificationsDecryptAsDecryptMediaRetryDataDoes() throws CryptoException {
        assertThat(RETRY.get("notifications").size()).isEqualTo(4);
        for (JsonNode n : RETRY.get("notifications")) {
            byte[] retryKey = Hkdf.derive(hex(n.get("mediaKey")), null, "WhatsApp Media Retry Notification", 32);
            byte[] aad = n.get("msgId").asString().getBytes(StandardCharsets.UTF_8);
            byte[] plain = AesGcm.decrypt(retryKey, hex(n.get("iv")), aad, hex(n.get("ciphertext")));
            assertThat(hex(plain)).as(n.get("name").asString()).isEqualTo(n.get("plaintext").asString());
            assertThat(n.get("tamperedRejected").asBoolean()).isTrue();
            byte[] bad = hex(n.get("ciphertext"));
            bad[0] ^= 1;
            assertThatThrownBy(() -> AesGcm.decrypt(retryKey, hex(n.get("iv")), aad, bad))
                    .isInstanceOf(CryptoException.class);
            byte[] otherAad = (n.get("msgId").asString() + "X").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> AesGcm.decrypt(retryKey, hex(n.get("iv")), otherAad, hex(n.get("ciphertext"))))
                    .isInstanceOf(CryptoException.class);
        }
    }

    /** ServerErrorReceipt { string stanzaId = 1; } by hand, so this test needs no proto class. */
    private static byte[] serverErrorReceipt(String stanzaId) {
        byte[] id = stanzaId.getBytes(StandardCharsets.UTF_8);
        assertThat(id.length).isLessThan(128);
        byte[] out = new byte[id.length + 2];
        out[0] = 0x0a;
        out[1] = (byte) id.length;
        System.arraycopy(id, 0, out, 2, id.length);
        return out;
    }

    private static JsonNode find(String name) {
        for (JsonNode v : CIPHER.get("small")) {
            if (v.get("name").asString().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no vector " + name);
    }

    /** Hands out at most {@code piece} bytes per read, as a slow network does. */
    private static final class Trickle extends FilterInputStream {
        private final int piece;

        Trickle(InputStream in, int piece) {
            super(in);
            this.piece = piece;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            return super.read(b, off, Math.min(len, piece));
        }
    }
}
