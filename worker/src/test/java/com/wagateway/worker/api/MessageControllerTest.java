package com.wagateway.worker.api;

import static com.wagateway.worker.api.ContractFakes.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.wagateway.worker.command.SendMessage;
import com.wagateway.worker.message.MessagePage;
import com.wagateway.worker.message.MessageRecord;
import com.wagateway.worker.message.MessageStatus;
import com.wagateway.worker.message.MessageType;
import com.wagateway.worker.message.SendOutcome;
import com.wagateway.worker.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

class MessageControllerTest extends ApiSliceTest {

    private static final String SEND = "/api/session/s1/send";
    private static final String ID_PATTERN = "^3EB0[0-9A-F]{18}$";
    private static final Instant T = Instant.parse("2024-01-15T10:30:00Z");

    @BeforeEach
    void connectedSession() {
        directory.put(session("s1", SessionStatus.CONNECTED));
    }

    // ---- send: outcomes ---------------------------------------------------------------------------------------

    @Test
    void sentIs200WithTheGeneratedId() throws Exception {
        MvcResult result = mvc.perform(postJson(SEND, """
                        {"to": "6281234567890", "type": "text", "message": "Hello World!"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.success").value(true))
                .andExpect(jsonPath("$.data.messageId", matchesPattern(ID_PATTERN)))
                .andExpect(jsonPath("$.data.status").value("sent"))
                .andExpect(jsonPath("$.data.timestamp").value("2024-01-15T10:30:00Z"))
                .andExpect(jsonPath("$.data.error").doesNotExist())
                .andReturn();
        SendMessage command = (SendMessage) gateway.only();
        assertThat(result.getResponse().getContentAsString()).contains(command.messageId());
        assertThat(command.sessionId()).isEqualTo("s1");
        assertThat(command.to()).isEqualTo("6281234567890");
        assertThat(command.type()).isEqualTo(MessageType.TEXT);
        assertThat(command.text()).isEqualTo("Hello World!");
        assertThat(command.media()).isNull();
        // The facade waited for exactly this id, with the configured bound.
        assertThat(outcomes.awaited).containsExactly(java.util.Map.entry(command.messageId(), Duration.ofSeconds(3)));
    }

    @Test
    void pendingIs200WithTheIdToTrack() throws Exception {
        outcomes.script = id -> new SendOutcome(id, MessageStatus.PENDING, T, null);
        mvc.perform(postJson(SEND, "{\"to\":\"6281234567890\",\"type\":\"text\",\"message\":\"hi\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.success").value(true))
                .andExpect(jsonPath("$.error").doesNotExist())
                .andExpect(jsonPath("$.data.timestamp").value("2024-01-15T10:30:00Z"))
                .andExpect(jsonPath("$.data.status").value("pending"))
                .andExpect(jsonPath("$.data.messageId", matchesPattern(ID_PATTERN)));
    }

    @Test
    void failedIs200WithSuccessFalseReasonAndId() throws Exception {
        outcomes.script = id -> new SendOutcome(id, MessageStatus.FAILED, T, "Session not connected");
        mvc.perform(postJson(SEND, "{\"to\":\"6281234567890\",\"type\":\"text\",\"message\":\"hi\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.timestamp").value("2024-01-15T10:30:00Z"))
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.error").value("Session not connected"))
                .andExpect(jsonPath("$.data.status").value("failed"))
                .andExpect(jsonPath("$.data.error").value("Session not connected"))
                .andExpect(jsonPath("$.data.messageId", matchesPattern(ID_PATTERN)));
    }

    @Test
    void nullOutcomeIsTreatedAsPending() throws Exception {
        outcomes.script = id -> null;
        mvc.perform(postJson(SEND, "{\"to\":\"6281234567890\",\"type\":\"text\",\"message\":\"hi\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.status").value("pending"))
                .andExpect(jsonPath("$.data.timestamp").exists());
    }

    @ParameterizedTest
    @CsvSource({"+6281234567890, 6281234567890", "6281234567890, 6281234567890",
            "6281234567890@s.whatsapp.net, 6281234567890@s.whatsapp.net",
            "120363025246125888@g.us, 120363025246125888@g.us",
            "6281234567890-1577865438@g.us, 6281234567890-1577865438@g.us",
            "123456789012345@lid, 123456789012345@lid"})
    void recipientsAcceptedAndNormalized(String to, String expected) throws Exception {
        mvc.perform(postJson(SEND, "{\"to\":\"" + to + "\",\"type\":\"text\",\"message\":\"hi\"}"))
                .andExpect(status().isOk());
        assertThat(((SendMessage) gateway.only()).to()).isEqualTo(expected);
    }

    @Test
    void sendToUnknownSessionIs404() throws Exception {
        mvc.perform(postJson("/api/session/other/send", "{\"to\":\"6281234567890\",\"type\":\"text\",\"message\":\"x\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().json("{\"success\":false,\"error\":\"Session not found: other\"}", true));
        assertThat(gateway.commands).isEmpty();
    }

    @Test
    void sendIs503WhenKafkaDoesNotAck() throws Exception {
        gateway.rejecting = true;
        mvc.perform(postJson(SEND, "{\"to\":\"6281234567890\",\"type\":\"text\",\"message\":\"hi\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.error").value(
                        "Command bus unavailable: the request was not accepted, retry later"));
        assertThat(outcomes.awaited).isEmpty();
    }

    // ---- send: validation -------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"text\",\"message\":\"hi\"}                          | to is required",
            "{\"to\":\"\",\"type\":\"text\",\"message\":\"hi\"}              | to is required",
            "{\"to\":123,\"type\":\"text\",\"message\":\"hi\"}               | field 'to' must be a string",
            "{\"to\":6281234567890,\"type\":\"text\",\"message\":\"hi\"}     | field 'to' must be a string",
            "{\"to\":\"6281234567890\",\"type\":1,\"message\":\"hi\"}        | field 'type' must be a string",
            "{\"to\":\"6281234567890\",\"type\":\"text\",\"message\":42}     | field 'message' must be a string",
            "{\"to\":\"6281234567890\",\"type\":\"image\",\"media\":\"u\"}   | field 'media' must be a JSON object",
            "{\"to\":\"6281234567890\",\"type\":\"image\",\"media\":{\"url\":5}} | field 'media.url' must be a string",
            "{\"to\":\"6281234567890\",\"message\":\"hi\"}                   | type is required (one of: text, image, document, audio, video)",
            "{\"to\":\"6281234567890\",\"type\":\"sticker\",\"message\":\"x\"} | type must be one of: text, image, document, audio, video",
            "{\"to\":\"6281234567890\",\"type\":\"TEXT\",\"message\":\"x\"}  | type must be one of: text, image, document, audio, video",
            "{\"to\":\"6281234567890\",\"type\":\"text\"}                    | message is required for type text",
            "{\"to\":\"6281234567890\",\"type\":\"text\",\"message\":\" \"}  | message is required for type text",
            "{\"to\":\"6281234567890\",\"type\":\"image\"}                   | media.url is required for type image",
            "{\"to\":\"6281234567890\",\"type\":\"document\",\"media\":{}}   | media.url is required for type document",
            "{\"to\":\"6281234567890\",\"type\":\"audio\",\"media\":{\"url\":\"ftp://x.org/a.ogg\"}} | media.url refused: unsupported_scheme: only http and https URLs are fetched, not ftp",
            "{\"to\":\"6281234567890\",\"type\":\"video\",\"media\":{\"url\":\"/local/file\"}}      | media.url refused: unsupported_scheme: not an absolute http or https URL",
            "{\"to\":\"6281234567890\",\"type\":\"video\",\"media\":{\"url\":\"http://\"}}          | media.url refused: malformed_url: not a valid URL",
    })
    void sendRejectsBadFieldsNamingThem(String body, String error) throws Exception {
        mvc.perform(postJson(SEND, body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.error").value(error.strip()));
        assertThat(gateway.commands).isEmpty();
    }

    /** What the media fetch guard knows without a lookup is a 400 before anything is queued (issue 8). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1/a.jpg                   | blocked_address: 127.0.0.1 is a refused address: loopback",
            "http://10.0.0.1/                         | blocked_address: 10.0.0.1 is a refused address: private, RFC 1918",
            "http://169.254.169.254/latest/meta-data/ | blocked_address: 169.254.169.254 is a refused address: link-local, incl. cloud metadata",
            "http://[::1]/                            | blocked_address: [::1] is a refused address: loopback",
            "http://[::ffff:127.0.0.1]/               | blocked_address: 127.0.0.1 is a refused address: loopback",
            "http://2130706433/                       | blocked_address: 127.0.0.1 is a refused address: loopback",
            "http://0x7f.1/                           | blocked_address: 127.0.0.1 is a refused address: loopback",
            "http://0177.0.0.1:8080/                  | blocked_address: 127.0.0.1:8080 is a refused address: loopback",
            "http://100.64.0.9/                       | blocked_address: 100.64.0.9 is a refused address: shared carrier-grade NAT, RFC 6598",
            "http://[fd00::1]/                        | blocked_address: [fd00::1] is a refused address: unique-local IPv6, fc00::/7",
            "http://localhost:8001/api                | blocked_address: localhost:8001 is a refused address: loopback name",
            "file:///etc/passwd                       | unsupported_scheme: only http and https URLs are fetched, not file",
            "http://user:pw@example.com/a.jpg         | malformed_url: user info (name@) in the URL is not allowed",
            "http://999.1.1.1/a.jpg                   | malformed_url: the host looks like an IPv4 address but is not a valid one",
    })
    void mediaUrlsTheFetcherWouldRefuseAre400BeforeQueueing(String url, String reason) throws Exception {
        mvc.perform(postJson(SEND, "{\"to\":\"6281234567890\",\"type\":\"image\",\"media\":{\"url\":\""
                        + url.strip() + "\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.error").value("media.url refused: " + reason.strip()));
        assertThat(gateway.commands).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "62 812 3456", "0812345678", "12345", "1234567890123456", "++6281234567890",
            "6281234567890@c.us", "6281234567890@s.whatsapp.net.evil", "user@example.com", "@g.us",
            "6281234567890:1@s.whatsapp.net", "62812345678a"})
    void recipientNeitherPhoneNorJidIs400(String to) throws Exception {
        mvc.perform(postJson(SEND, "{\"to\":\"" + to + "\",\"type\":\"text\",\"message\":\"hi\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(Recipients.RULE));
    }

    @Test
    void sendBodyChecks415And413And405() throws Exception {
        mvc.perform(authed(HttpMethod.POST, SEND).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("to=6281234567890&type=text&message=hi"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.error").value("Content-Type must be application/json"));
        mvc.perform(postJson(SEND, "{\"to\":\"6281234567890\",\"type\":\"text\",\"message\":\""
                        + "x".repeat(1100) + "\"}"))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.success").value(false));
        mvc.perform(authed(HttpMethod.GET, SEND)).andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.success").value(false));
        assertThat(gateway.commands).isEmpty();
    }

    @Test
    void sendWithBadSessionIdIs400() throws Exception {
        mvc.perform(postJson("/api/session/%2e%2e/send",
                        "{\"to\":\"6281234567890\",\"type\":\"text\",\"message\":\"hi\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(SessionIds.RULE));
    }

    // ---- messages -----------------------------------------------------------------------------------------------

    @Test
    void historyUsesDefaultsAndTheSpecShape() throws Exception {
        history.page = new MessagePage(List.of(new MessageRecord("3EB0692231D7D76958F4FE", "outbound",
                "6281234567890@s.whatsapp.net", "6289876543210@s.whatsapp.net", "text", "Hello!", T, "delivered"),
                new MessageRecord("3EB012DFF6F6FCC4A5806F", "inbound", "6289876543210@s.whatsapp.net",
                        "6281234567890@s.whatsapp.net", "image", null, T, null)), 150, true);
        mvc.perform(authed(HttpMethod.GET, "/api/session/s1/messages"))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"success": true, "data": {"messages": [
                          {"id": "3EB0692231D7D76958F4FE", "direction": "outbound",
                           "from": "6281234567890@s.whatsapp.net", "to": "6289876543210@s.whatsapp.net",
                           "type": "text", "content": "Hello!", "timestamp": "2024-01-15T10:30:00Z",
                           "status": "delivered"},
                          {"id": "3EB012DFF6F6FCC4A5806F", "direction": "inbound",
                           "from": "6289876543210@s.whatsapp.net", "to": "6281234567890@s.whatsapp.net",
                           "type": "image", "timestamp": "2024-01-15T10:30:00Z"}],
                         "total": 150, "hasMore": true}}""", true));
        assertThat(history.calls).singleElement().satisfies(c -> assertThat(c).containsExactly(50, 0));
    }

    @ParameterizedTest
    @CsvSource({"1, 0", "200, 0", "20, 40"})
    void historyPassesValidPaging(int limit, int offset) throws Exception {
        mvc.perform(authed(HttpMethod.GET, "/api/session/s1/messages?limit=" + limit + "&offset=" + offset))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.total").value(0))
                .andExpect(jsonPath("$.data.hasMore").value(false))
                .andExpect(jsonPath("$.data.messages").isEmpty());
        assertThat(history.calls).singleElement().satisfies(c -> assertThat(c).containsExactly(limit, offset));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "limit=0          | limit must be between 1 and 200",
            "limit=201        | limit must be between 1 and 200",
            "limit=500        | limit must be between 1 and 200",
            "limit=-5         | limit must be between 1 and 200",
            "offset=-1        | offset must be 0 or greater",
            "limit=abc        | limit must be an integer",
            "offset=1.5       | offset must be an integer",
            "limit=99999999999 | limit must be an integer"})
    void historyRejectsBadPaging(String query, String error) throws Exception {
        mvc.perform(authed(HttpMethod.GET, "/api/session/s1/messages?" + query.strip()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(error.strip()));
        assertThat(history.calls).isEmpty();
    }

    @Test
    void historyOfUnknownSessionIs404() throws Exception {
        mvc.perform(authed(HttpMethod.GET, "/api/session/other/messages"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("Session not found: other"));
    }

    @Test
    void historyNeedsTheToken() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/api/session/s1/messages").header(HttpHeaders.AUTHORIZATION, "Bearer wrong"))
                .andExpect(status().isUnauthorized());
    }
}
