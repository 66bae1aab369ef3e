package com.wagateway.whatsapp.jid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * binary-jids.json: every JID in the strict form (the generator's {@code canonical}) parses to
 * the user, server, domain type and device Baileys' jidDecode returns, prints as jidEncode
 * prints it and normalises as jidNormalizedUser; every other string is refused.
 */
class JidVectorsTest {
    private static final List<JsonNode> VECTORS = load();

    private static List<JsonNode> load() {
        try (InputStream in = JidVectorsTest.class.getResourceAsStream("/vectors/binary-jids.json")) {
            return new ArrayList<>(JsonMapper.builder().build().readTree(in).get("vectors").values());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void vectorsCoverEveryKind() {
        List<JidKind> kinds = VECTORS.stream().map(v -> Jid.tryParse(v.get("jid").stringValue()))
                .filter(j -> j != null).map(Jid::kind).distinct().toList();
        assertThat(kinds).contains(JidKind.values());
    }

    @TestFactory
    Stream<DynamicTest> agreesWithJidDecodeAndJidEncode() {
        return VECTORS.stream().map(v -> DynamicTest.dynamicTest("\"" + v.get("jid").stringValue() + "\"", () -> {
            String text = v.get("jid").stringValue();
            if (!v.path("canonical").asBoolean(false)) {
                assertThatThrownBy(() -> Jid.parse(text)).isInstanceOf(JidFormatException.class);
                return;
            }
            Jid jid = Jid.parse(text);
            JsonNode d = v.get("decoded");
            assertThat(jid.user()).isEqualTo(d.get("user").stringValue());
            assertThat(jid.server()).isEqualTo(d.get("server").stringValue());
            assertThat(jid.domainType()).isEqualTo(d.get("domainType").asInt());
            assertThat(jid.device()).isEqualTo(d.get("device").isNull() ? 0 : d.get("device").asInt());
            assertThat(jid.toString()).isEqualTo(v.get("encoded").stringValue());
            assertThat(jid.toNormalizedUser().toString()).isEqualTo(v.get("normalizedUser").stringValue());
            assertThat(Jid.parse(jid.toString())).isEqualTo(jid.device() == 0 ? jid.withDevice(0) : jid);
        }));
    }
}
