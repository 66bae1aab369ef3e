package com.wagateway.worker.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageIdGeneratorTest {

    /** 2023-11-14T22:13:20Z, unix 1700000000. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    /** Yields bytes 00 01 02 … 0f for every 16-byte request, like a stubbed randomBytes(16). */
    private static final RandomGenerator COUNTING = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
        }
    };

    private final MessageIdGenerator fixed = new MessageIdGenerator(CLOCK, COUNTING);

    /**
     * Vectors from the reference algorithm run in Node (Baileys 7.0.0-rc14 {@code generateMessageIDV2}'s body with
     * {@code Date.now()} = 1700000000000 and {@code randomBytes(16)} = 00..0f; tools/interop has the package).
     */
    @ParameterizedTest
    @CsvSource({
            "+6281234567890,             3EB0692231D7D76958F4FE",
            "6281234567890,              3EB0692231D7D76958F4FE",
            "6281234567890:12@s.whatsapp.net, 3EB0692231D7D76958F4FE",
            "'',                         3EB012DFF6F6FCC4A5806F",
            "123456789012345678,         3EB099DF54A27B18443B32"})
    void matchesTheReferenceVectors(String phone, String expected) {
        assertThat(fixed.generate(phone)).isEqualTo(expected);
    }

    @Test
    void unknownPhoneNumberZeroesTheUserFieldLikeBaileysWithoutMeId() {
        assertThat(fixed.generate(null)).isEqualTo("3EB012DFF6F6FCC4A5806F");
    }

    @Test
    void matchesAnIndependentComputationOfTheLayout() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(44);
        data.putLong(1_700_000_000L);
        data.put("6281234567890@c.us".getBytes(StandardCharsets.US_ASCII));
        data.position(28);
        for (int i = 0; i < 16; i++) {
            data.put((byte) i);
        }
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data.array()));
        assertThat(fixed.generate("6281234567890")).isEqualTo("3EB0" + hex.substring(0, 18).toUpperCase());
    }

    @Test
    void formatIsTwentyTwoUpperHexCharactersAfter3EB0() {
        MessageIdGenerator real = MessageIdGenerator.system();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = real.generate(i % 2 == 0 ? "+6281234567890" : null);
            assertThat(id).hasSize(MessageIdGenerator.LENGTH).startsWith("3EB0").matches("^3EB0[0-9A-F]{18}$");
            seen.add(id);
        }
        assertThat(seen).as("random bytes make every id unique within the same second").hasSize(1000);
    }

    @Test
    void deterministicForSameClockAndRandomAndSensitiveToEachInput() {
        assertThat(fixed.generate("6281234567890")).isEqualTo(fixed.generate("6281234567890"));
        assertThat(fixed.generate("6281234567891")).isNotEqualTo(fixed.generate("6281234567890"));
        MessageIdGenerator later = new MessageIdGenerator(Clock.offset(CLOCK, java.time.Duration.ofSeconds(1)),
                COUNTING);
        assertThat(later.generate("6281234567890")).isNotEqualTo(fixed.generate("6281234567890"));
    }

    @Test
    void userPartDropsPlusSuffixesAndSeparators() {
        assertThat(MessageIdGenerator.userPart("+62 812-3456-7890")).isEqualTo("6281234567890");
        assertThat(MessageIdGenerator.userPart("6281234567890:3@s.whatsapp.net")).isEqualTo("6281234567890");
        assertThat(MessageIdGenerator.userPart(null)).isEmpty();
        assertThat(MessageIdGenerator.userPart("+")).isEmpty();
    }
}
