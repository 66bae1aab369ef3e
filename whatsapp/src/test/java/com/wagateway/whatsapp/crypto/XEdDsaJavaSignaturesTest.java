package com.wagateway.whatsapp.crypto;

import static com.wagateway.whatsapp.crypto.VectorFile.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reverse cross-check: the reference verifies Java-made signatures. This test owns
 * vectors/xeddsa-java-signatures.json (rewritten with {@code -Dvectors.write=true}, otherwise it must
 * equal what Java signs today); tools/interop/gen-crypto.mjs verifies those signatures with
 * curve25519-js {@code verify} and libsignal {@code verifySignature} — the correct verifiers, not
 * rc14's {@code Curve.verify} (§3.4) — and records the verdicts in xeddsa-java-verified.json, asserted here.
 */
class XEdDsaJavaSignaturesTest {

    private static final Path SIGNATURES = Path.of("src/test/resources/vectors/xeddsa-java-signatures.json");

    @Test
    void committedJavaSignaturesAreCurrentAndTheReferenceAcceptsThem() throws IOException {
        Map<String, Object> current = javaSignatures();
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        if (Boolean.getBoolean("vectors.write")) {
            Files.writeString(SIGNATURES, mapper.writeValueAsString(current) + "\n", StandardCharsets.UTF_8);
        }
        // read from the source tree: in write mode the classpath copy is the previous version
        JsonNode committed = mapper.readTree(SIGNATURES.toFile());
        assertThat(committed).isEqualTo(mapper.valueToTree(current));

        JsonNode results = VectorFile.read("xeddsa-java-verified.json").get("results");
        assertThat(results.size()).isEqualTo(committed.get("signatures").size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            assertThat(r.get("signature").asString()).isEqualTo(committed.get("signatures").get(i).get("signature").asString());
            assertThat(r.get("curve25519JsVerify").asBoolean()).as("curve25519-js verify #%d", i).isTrue();
            assertThat(r.get("libsignalVerifySignature").asBoolean()).as("libsignal verify #%d", i).isTrue();
            assertThat(r.get("tamperedRejected").asBoolean()).as("tampered #%d", i).isTrue();
            assertThat(r.get("baileysSignMatches").asBoolean()).as("Curve.sign equality #%d", i).isTrue();
        }
    }

    private static Map<String, Object> javaSignatures() {
        RandomSource random = new FixedRandom("java-xeddsa-signatures");
        Map<String, String> keys = new LinkedHashMap<>();
        List<Map<String, String>> signatures = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            Curve25519KeyPair pair = Curve25519.generateKeyPair(random);
            String name = "java-key-" + k;
            keys.put(name, hex(pair.privateKey()));
            for (int length : new int[] {0, 1, 32, 33, 64, 500}) {
                byte[] message = random.bytes(length);
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("key", name);
                entry.put("publicKey", hex(pair.publicKey()));
                entry.put("message", hex(message));
                entry.put("signature", hex(XEdDsa.sign(pair.privateKey(), message)));
                signatures.add(entry);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", "Java XEdDsa.sign with keys from FixedRandom(\"java-xeddsa-signatures\"); written by XEdDsaJavaSignaturesTest");
        out.put("keys", keys);
        out.put("signatures", signatures);
        return out;
    }
}
