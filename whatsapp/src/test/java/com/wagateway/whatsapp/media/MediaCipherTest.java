package com.wagateway.whatsapp.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.MediaType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaCipherTest {

    private static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (i * 7 + 1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 65_535, 65_536, 65_537, 300_001})
    void roundTripsEveryLengthAndStatesTheHashes(int length) throws Exception {
        byte[] plain = new byte[length];
        new Random(length).nextBytes(plain);
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        MediaHashes sent = MediaCipher.encrypt(new ByteArrayInputStream(plain), blob, KEY, MediaType.IMAGE, length);
        byte[] bytes = blob.toByteArray();
        assertThat(bytes.length).isEqualTo((length / 16 + 1) * 16 + MediaCipher.MAC_LENGTH);
        assertThat(sent.encryptedLength()).isEqualTo(bytes.length);
        assertThat(sent.fileLength()).isEqualTo(length);
        assertThat(sent.fileSha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(plain));
        assertThat(sent.fileEncSha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(bytes));

        ByteArrayOutputStream back = new ByteArrayOutputStream();
        MediaHashes received = MediaCipher.decrypt(new ByteArrayInputStream(bytes), back, KEY, MediaType.IMAGE,
                sent.fileEncSha256(), sent.fileSha256(), bytes.length);
        assertThat(back.toByteArray()).isEqualTo(plain);
        assertThat(received.fileLength()).isEqualTo(length);
    }

    @Test
    void aFlippedBitAnywhereFailsTheMac() throws Exception {
        byte[] plain = new byte[1000];
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        MediaCipher.encrypt(new ByteArrayInputStream(plain), blob, KEY, MediaType.DOCUMENT, 1000);
        for (int at : new int[] {0, 500, 1007, 1013}) {
            byte[] bytes = blob.toByteArray();
            bytes[at] ^= 1;
            assertThatThrownBy(() -> MediaCipher.decrypt(new ByteArrayInputStream(bytes), new ByteArrayOutputStream(),
                    KEY, MediaType.DOCUMENT, null, null, bytes.length))
                    .isInstanceOfSatisfying(MediaVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(MediaVerificationException.Reason.BAD_MAC));
        }
    }

    @Test
    void theWrongTypeOrHashOrSizeIsRefused() throws Exception {
        byte[] plain = "hello media".getBytes();
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        MediaHashes sent = MediaCipher.encrypt(new ByteArrayInputStream(plain), blob, KEY, MediaType.AUDIO, 100);
        byte[] bytes = blob.toByteArray();
        assertThatThrownBy(() -> MediaCipher.decrypt(new ByteArrayInputStream(bytes), new ByteArrayOutputStream(),
                KEY, MediaType.VIDEO, null, null, 100)).isInstanceOf(MediaVerificationException.class);
        byte[] otherHash = sent.fileSha256();
        otherHash[0] ^= 1;
        assertThatThrownBy(() -> MediaCipher.decrypt(new ByteArrayInputStream(bytes), new ByteArrayOutputStream(),
                KEY, MediaType.AUDIO, sent.fileEncSha256(), otherHash, 100))
                .isInstanceOfSatisfying(MediaVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(MediaVerificationException.Reason.SHA256_MISMATCH));
        assertThatThrownBy(() -> MediaCipher.decrypt(new ByteArrayInputStream(bytes), new ByteArrayOutputStream(),
                KEY, MediaType.AUDIO, null, null, bytes.length - 1)).isInstanceOf(MediaTooLargeException.class);
        assertThatThrownBy(() -> MediaCipher.encrypt(new ByteArrayInputStream(plain), new ByteArrayOutputStream(),
                KEY, MediaType.AUDIO, plain.length - 1)).isInstanceOf(MediaTooLargeException.class);
        assertThatThrownBy(() -> MediaCipher.decrypt(new ByteArrayInputStream(new byte[20]),
                new ByteArrayOutputStream(), KEY, MediaType.AUDIO, null, null, 100))
                .isInstanceOfSatisfying(MediaVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(MediaVerificationException.Reason.TOO_SHORT));
    }
}
