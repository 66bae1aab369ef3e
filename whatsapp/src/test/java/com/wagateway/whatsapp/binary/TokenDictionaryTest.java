package com.wagateway.whatsapp.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated v3 tables load, have the format's shape and hold the fact sheet's examples. */
class TokenDictionaryTest {
    private final TokenDictionary v3 = TokenDictionary.v3();

    @Test
    void shapeAndProvenance() {
        assertThat(v3.singleByteCount()).isEqualTo(236);
        assertThat(v3.doubleByteDictCount()).isEqualTo(4);
        for (int d = 0; d < 4; d++) {
            assertThat(v3.doubleByte(d, 255)).isNotNull();
            assertThat(v3.doubleByte(d, 256)).isNull();
        }
        assertThat(v3.source()).isEqualTo("@whiskeysockets/baileys@7.0.0-rc14");
        assertThat(v3.single(0)).isEmpty();
    }

    @Test
    void factSheetIndexExamples() {
        // §5.4 "Index examples, v3 (verified with node)"
        String[] names = {"iq", "id", "to", "type", "get", "set", "result", "xmlns", "w:p", "ping", "message",
            "enc", "receipt", "notification", "g.us", "participants", "v", "1", "0", "2", "pkmsg", "msg", "skmsg",
            "success", "stream:error", "ack", "class", "call", "broadcast", "lid", "usync", "devices", "encrypt",
            "msgr", "device-identity"};
        int[] indices = {25, 8, 17, 4, 41, 90, 20, 22, 87, 86, 19, 29, 7, 9, 28, 107, 81, 85, 45, 69, 83, 77, 50,
            76, 157, 27, 21, 100, 13, 118, 121, 15, 203, 204, 230};
        for (int i = 0; i < names.length; i++) {
            assertThat(v3.single(indices[i])).as(names[i]).isEqualTo(names[i]);
            assertThat(v3.code(names[i])).isEqualTo(indices[i]);
        }
        assertThat(v3.doubleByte(0, 95)).isEqualTo("phash");
        assertThat(v3.doubleByte(1, 238)).isEqualTo("pair-device");
        assertThat(v3.doubleByte(0, 0)).isEqualTo("read-self");
        for (String notToken : new String[] {"c.us", "hosted", "hosted.lid", "newsletter", "interop", "bot"}) {
            assertThat(v3.code(notToken)).as(notToken).isEqualTo(-1);
        }
    }

    @Test
    void noStringInBothTables() {
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < 236; i++) {
            assertThat(seen.add(v3.single(i))).isTrue();
        }
        for (int d = 0; d < 4; d++) {
            for (int i = 0; i < 256; i++) {
                assertThat(seen.add(v3.doubleByte(d, i))).as(v3.doubleByte(d, i)).isTrue();
            }
        }
    }

    @Test
    void refusesAnotherDictionaryVersionOrABrokenFile() {
        assertThatThrownBy(() -> TokenDictionary.parse(reader("wa-tokens dict=2 source=x\nsingle 1\n\"\"\n")))
                .hasMessageContaining("dict=2");
        assertThatThrownBy(() -> TokenDictionary.parse(reader("something else\n"))).hasMessageContaining("header");
        assertThatThrownBy(() -> TokenDictionary.parse(reader("wa-tokens dict=3 source=x\nsingle 2\n\"\"\n")))
                .hasMessageContaining("truncated");
        assertThat(TokenDictionary.unquote("\"a\\\"b\\u0041\\n\"")).isEqualTo("a\"bA\n");
    }

    private static BufferedReader reader(String s) {
        return new BufferedReader(new StringReader(s));
    }
}
