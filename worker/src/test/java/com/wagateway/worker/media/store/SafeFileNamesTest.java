package com.wagateway.worker.media.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SafeFileNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "report.pdf                | report.pdf",
            "../../etc/passwd          | passwd",
            "C:\\Users\\x\\evil.exe    | evil.exe",
            "...hidden                 | hidden",
            "a<b>c:d\"e?g*h.txt        | a_b_c_d_e_g_h.txt",
            "'  spaced    out  .doc '  | spaced out .doc",
            "CON.txt                   | fallback.bin",
            "'..'                      | fallback.bin",
            "'/'                       | fallback.bin",
            "été 2024.pdf              | été 2024.pdf",
    })
    void namesAreMadeSafe(String in, String out) {
        assertThat(SafeFileNames.sanitize(in, "fallback.bin")).isEqualTo(out);
    }

    @Test
    void controlAndBidiCharactersAreDropped() {
        assertThat(SafeFileNames.sanitize("in\u0000voice\u202Efdp.exe\r\n", "f")).isEqualTo("invoicefdp.exe");
        assertThat(SafeFileNames.sanitize(null, "f")).isEqualTo("f");
    }

    @Test
    void longNamesKeepTheirExtensionWithin200Bytes() {
        String name = SafeFileNames.sanitize("é".repeat(300) + ".pdf", "f");
        assertThat(name).endsWith(".pdf");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
    }
}
