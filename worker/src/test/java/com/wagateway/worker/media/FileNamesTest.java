package com.wagateway.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one file-name rule, for sent and received names alike. */
class FileNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "report.pdf                | report.pdf",
            "été 2024.pdf              | été 2024.pdf",
            "../../etc/passwd          | passwd",
            "C:\\Users\\x\\evil.exe    | evil.exe",
            "a/b\\c/d.txt              | d.txt",
            "...hidden                 | hidden",
            "'  . .profile'            | profile",
            "'trailing. . '            | trailing",
            "a<b>c:d\"e?g*h.txt        | a_b_c_d_e_g_h.txt",
            "100%;$(rm -rf)`id`.pdf    | 100___(rm -rf)_id_.pdf",
            "'  spaced    out  .doc '  | spaced out .doc",
            "CON.txt                   | fallback.bin",
            "con                       | fallback.bin",
            "'Nul .tar.gz'             | fallback.bin",
            "COM1.pdf                  | fallback.bin",
            "lpt9                      | fallback.bin",
            "CONSOLE.pdf               | CONSOLE.pdf",
            "'..'                      | fallback.bin",
            "'/'                       | fallback.bin",
    })
    void namesAreMadeSafe(String in, String out) {
        assertThat(FileNames.sanitize(in, "fallback.bin")).isEqualTo(out);
    }

    @Test
    void controlBidiAndInvisibleCharactersAreDroppedAndWhitespaceCollapses() {
        assertThat(FileNames.sanitize("re\u0000po\u0007rt\u007F.pdf")).isEqualTo("report.pdf");
        assertThat(FileNames.sanitize("line\r\nbreak.pdf")).isEqualTo("line break.pdf");
        // U+202E RIGHT-TO-LEFT OVERRIDE would display "invoice\u202Efdp.exe" as "invoiceexe.pdf"
        assertThat(FileNames.sanitize("in\u0000voice\u202Efdp.exe\r\n")).isEqualTo("invoicefdp.exe");
        assertThat(FileNames.sanitize("zero\u200Bwidth.txt")).isEqualTo("zerowidth.txt");
        assertThat(FileNames.sanitize("my \t  holiday\u00A0\u00A0photo.jpg")).isEqualTo("my holiday photo.jpg");
        assertThat(FileNames.sanitize("para\u2029graph.txt")).isEqualTo("para graph.txt");
        assertThat(FileNames.sanitize("pipe|d.txt")).isEqualTo("pipe_d.txt");
    }

    @Test
    void decomposedAccentsAreComposed() {
        assertThat(FileNames.sanitize("e\u0301te\u0301.pdf")).isEqualTo("\u00e9t\u00e9.pdf");
    }

    @Test
    void nothingUsableIsEmptyOrTheFallback() {
        assertThat(FileNames.sanitize(null)).isEmpty();
        assertThat(FileNames.sanitize("..")).isEmpty();
        assertThat(FileNames.sanitize("aux.pdf")).isEmpty();
        assertThat(FileNames.sanitize(null, "f")).isEqualTo("f");
    }

    @Test
    void longNamesAreCutTo200Utf8BytesKeepingTheExtensionAndWholeCharacters() {
        String ascii = FileNames.sanitize("a".repeat(300) + ".pdf");
        assertThat(ascii).endsWith(".pdf").startsWith("aaa");
        assertThat(ascii.getBytes(StandardCharsets.UTF_8)).hasSize(200);
        // 3-byte characters: 196 bytes leave room for 65 of them, not 65 and a third
        assertThat(FileNames.sanitize("文".repeat(100) + ".docx")).isEqualTo("文".repeat(65) + ".docx");
        String accented = FileNames.sanitize("é".repeat(300) + ".pdf");
        assertThat(accented).endsWith(".pdf");
        assertThat(accented.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
        // emoji (surrogate pairs, 4 bytes) are never split
        assertThat(FileNames.sanitize("😀".repeat(60))).isEqualTo("😀".repeat(50));
        // a dot far from the end is not an extension to keep
        String dotted = FileNames.sanitize("v1." + "x".repeat(250));
        assertThat(dotted.getBytes(StandardCharsets.UTF_8)).hasSize(200);
        assertThat(dotted).startsWith("v1.");
    }

    @Test
    void theRequestedNameWinsThenTheUrlsThenATypeName() {
        assertThat(FileNames.choose("report.pdf", "download.pdf", "document", "pdf")).isEqualTo("report.pdf");
        assertThat(FileNames.choose("  ", "download.pdf", "document", "pdf")).isEqualTo("download.pdf");
        assertThat(FileNames.choose("CON.pdf", "download.pdf", "document", "pdf")).isEqualTo("download.pdf");
        assertThat(FileNames.choose("../", "/", "image", "jpg")).isEqualTo("image.jpg");
        assertThat(FileNames.choose(null, null, "audio", "ogg")).isEqualTo("audio.ogg");
    }
}
