package com.wagateway.worker.api;

import static com.wagateway.worker.api.ContractFakes.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.wagateway.worker.media.store.MediaStore;
import com.wagateway.worker.session.SessionStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MvcResult;

/** {@code GET /api/session/{id}/media/{messageId}}: the stored bytes with safe headers, or the spec's envelope. */
class MediaControllerTest extends ApiSliceTest {

    @Autowired
    MediaStore store;

    @Test
    void aStoredFileComesBackByteForByteWithItsTypeLengthAndASafeName() throws Exception {
        directory.put(session("s1", SessionStatus.CONNECTED));
        byte[] bytes = "%PDF-1.4 not really".getBytes(StandardCharsets.US_ASCII);
        stored("s1", "3EB0AA01", "document", "application/pdf", bytes, "Rapport \"été\" 2024.pdf");

        MvcResult r = mvc.perform(authed(HttpMethod.GET, "/api/session/s1/media/3EB0AA01"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().longValue("Content-Length", bytes.length))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"Rapport __t__ 2024.pdf\"; "
                        + "filename*=UTF-8''Rapport%20_%C3%A9t%C3%A9_%202024.pdf"))
                .andReturn();
        assertThat(r.getResponse().getContentAsByteArray()).isEqualTo(bytes);
    }

    @Test
    void theTokenIsRequired() throws Exception {
        directory.put(session("s1", SessionStatus.CONNECTED));
        stored("s1", "3EB0AA02", "image", "image/jpeg", new byte[] {1, 2, 3}, null);
        mvc.perform(get(URI.create("/api/session/s1/media/3EB0AA02")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.success").value(false));
    }

    @Test
    void unknownSessionMessageOrFileIs404WithTheEnvelope() throws Exception {
        mvc.perform(authed(HttpMethod.GET, "/api/session/nobody/media/3EB0AA03"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("Session not found: nobody"));
        directory.put(session("s1", SessionStatus.CONNECTED));
        mvc.perform(authed(HttpMethod.GET, "/api/session/s1/media/3EB0FFFF"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/json"))
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.error").value("Media not found: 3EB0FFFF"));
    }

    @Test
    void aFileWithoutItsSidecarIsNotServed() throws Exception {
        directory.put(session("s1", SessionStatus.CONNECTED));
        Path dir = Files.createDirectories(store.sessionDir("s1"));
        Files.write(dir.resolve("3EB0AA04"), new byte[] {9});
        mvc.perform(authed(HttpMethod.GET, "/api/session/s1/media/3EB0AA04")).andExpect(status().isNotFound());
    }

    @Test
    void malformedIdsAre400AndReachNoFile() throws Exception {
        directory.put(session("s1", SessionStatus.CONNECTED));
        Path secret = Files.writeString(store.root().resolve("secret.json"), "{}");
        for (String id : new String[] {"..", ".secret", "a.b", "%2e%2e", "..%2fsecret", "a%00b", "x".repeat(129)}) {
            int code = mvc.perform(authed(HttpMethod.GET, "/api/session/s1/media/" + id)).andReturn().getResponse()
                    .getStatus();
            assertThat(code).as(id).isIn(400, 404);
        }
        mvc.perform(authed(HttpMethod.GET, "/api/session/s1/media/a.b"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(com.wagateway.worker.media.store.MediaIds.RULE));
        mvc.perform(authed(HttpMethod.GET, "/api/session/s.1/media/3EB0AA01"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(SessionIds.RULE));
        assertThat(secret).exists();
    }

    @Test
    void aMimetypeThatDoesNotParseIsServedAsOctetStream() throws Exception {
        directory.put(session("s1", SessionStatus.CONNECTED));
        stored("s1", "3EB0AA05", "document", "text/html\r\nX-Evil: 1", new byte[] {1}, "page.html");
        mvc.perform(authed(HttpMethod.GET, "/api/session/s1/media/3EB0AA05"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/octet-stream"))
                .andExpect(header().doesNotExist("X-Evil"));
    }

    private void stored(String sessionId, String messageId, String type, String mimetype, byte[] bytes,
                        String fileName) throws Exception {
        Path temp = store.reserveTemp(sessionId, messageId);
        Files.write(temp, bytes);
        store.commit(sessionId, messageId, temp, type, mimetype, "00", fileName);
    }
}
