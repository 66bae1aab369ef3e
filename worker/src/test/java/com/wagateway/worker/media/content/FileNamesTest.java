package com.wagateway.worker.media.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void directoriesOfBothSlashKindsAreStripped() {
        assertThat(FileNames.sanitize("/etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitize("..\\..\\windows\\system.ini")).isEqualTo("system.ini");
        assertThat(FileNames.sanitize("a/b\\c/d.txt")).isEqualTo("d.txt");
    }

    @Test
    void controlReservedAndInvisibleCharactersAreRemoved() {
        assertThat(FileNames.sanitize("re\u0000po\u0007rt\u007F.pdf")).isEqualTo("report.pdf");
        assertThat(FileNames.sanitize("line\r\nbreak.pdf")).isEqualTo("line break.pdf");
        assertThat(FileNames.sanitize("a:b*c?d\"e<f>g|h.txt")).isEqualTo("abcdefgh.txt");
        // U+202E RIGHT-TO-LEFT OVERRIDE would display "invoice\u202Efdp.exe" as "invoiceexe.pdf"
        assertThat(FileNames.sanitize("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(FileNames.sanitize("zero\u200Bwidth.txt")).isEqualTo("zerowidth.txt");
    }

    @Test
    void leadingDotsAndSpacesGoAndWhitespaceCollapses() {
        assertThat(FileNames.sanitize("..hidden")).isEqualTo("hidden");
        assertThat(FileNames.sanitize("  . .profile")).isEqualTo("profile");
        assertThat(FileNames.sanitize("my \t  holiday\u00A0\u00A0photo.jpg")).isEqualTo("my holiday photo.jpg");
        assertThat(FileNames.sanitize("trailing. . ")).isEqualTo("trailing");
        assertThat(FileNames.sanitize("..")).isEmpty();
        assertThat(FileNames.sanitize(null)).isEmpty();
    }

    @Test
    void longNamesAreCutTo200Utf8BytesKeepingTheExtensionAndWholeCharacters() {
        String ascii = FileNames.sanitize("a".repeat(300) + ".pdf");
        assertThat(ascii).endsWith(".pdf").startsWith("aaa");
        assertThat(ascii.getBytes(StandardCharsets.UTF_8)).hasSize(200);
        // 3-byte characters: 196 bytes leave room for 65 of them, not 65 and a third
        String cjk = FileNames.sanitize("文".repeat(100) + ".docx");
        assertThat(cjk).endsWith(".docx");
        assertThat(cjk.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
        assertThat(cjk).isEqualTo("文".repeat(65) + ".docx");
        // emoji (surrogate pairs, 4 bytes) are never split
        String emoji = FileNames.sanitize("😀".repeat(60));
        assertThat(emoji).isEqualTo("😀".repeat(50));
        // a dot far from the end is not an extension to keep
        String dotted = FileNames.sanitize("v1." + "x".repeat(250));
        assertThat(dotted.getBytes(StandardCharsets.UTF_8)).hasSize(200);
        assertThat(dotted).startsWith("v1.");
    }

    @Test
    void theRequestedNameWinsThenTheUrlsThenATypeName() {
        assertThat(FileNames.choose("report.pdf", "download.pdf", "document", "pdf")).isEqualTo("report.pdf");
        assertThat(FileNames.choose("  ", "download.pdf", "document", "pdf")).isEqualTo("download.pdf");
        assertThat(FileNames.choose("../", "/", "image", "jpg")).isEqualTo("image.jpg");
        assertThat(FileNames.choose(null, null, "audio", "ogg")).isEqualTo("audio.ogg");
    }
}
