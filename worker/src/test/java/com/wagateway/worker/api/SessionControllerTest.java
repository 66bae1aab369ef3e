package com.wagateway.worker.api;

import static com.wagateway.worker.api.ContractFakes.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.DeleteSession;
import com.wagateway.worker.command.DisconnectSession;
import com.wagateway.worker.command.LogoutSession;
import com.wagateway.worker.command.RestartSession;
import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.session.SessionView;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

class SessionControllerTest extends ApiSliceTest {

    private static final String CREATE = "/api/session/create";

    // ---- create -------------------------------------------------------------------------------------------

    @Test
    void createAnswers201AndProducesTheCommand() throws Exception {
        Instant before = Instant.now();
        mvc.perform(postJson(CREATE, """
                        {"sessionId": "user123-personal", "userId": "user123", "sessionName": "Personal WhatsApp"}"""))
                .andExpect(status().isCreated())
                .andExpect(content().json("""
                        {"success": true, "data": {"sessionId": "user123-personal", "status": "initializing"}}""",
                        true));
        CreateSession command = (CreateSession) gateway.only();
        assertThat(command.sessionId()).isEqualTo("user123-personal");
        assertThat(command.userId()).isEqualTo("user123");
        assertThat(command.sessionName()).isEqualTo("Personal WhatsApp");
        assertThat(UUID.fromString(command.commandId())).isNotNull();
        assertThat(command.issuedAt()).isBetween(before, Instant.now());
    }

    @Test
    void sessionNameIsOptional() throws Exception {
        mvc.perform(postJson(CREATE, "{\"sessionId\":\"s1\",\"userId\":\"u1\"}")).andExpect(status().isCreated());
        assertThat(((CreateSession) gateway.only()).sessionName()).isNull();
    }

    @Test
    void unknownFieldsAreIgnoredSoTheBackendMayAddSome() throws Exception {
        mvc.perform(postJson(CREATE, "{\"sessionId\":\"s1\",\"userId\":\"u1\",\"plan\":\"pro\",\"n\":1}"))
                .andExpect(status().isCreated());
    }

    @Test
    void createOfALiveSessionIs409() throws Exception {
        directory.put(session("s1", SessionStatus.CONNECTED));
        mvc.perform(postJson(CREATE, "{\"sessionId\":\"s1\",\"userId\":\"u1\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().json("""
                        {"success": false,
                         "error": "Session already exists: s1 (status connected); restart it or delete it first"}""",
                        true));
        assertThat(gateway.commands).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"DISCONNECTED", "ERROR"})
    void createOfASessionRetryingByItselfIs409(SessionStatus status) throws Exception {
        SessionView base = session("s1", status);
        directory.put(new SessionView(base.sessionId(), base.userId(), base.sessionName(), base.status(),
                base.phoneNumber(), base.qrCode(), base.qrString(), base.error(), base.lastActivity(),
                base.ownerWorkerId(), true));
        mvc.perform(postJson(CREATE, "{\"sessionId\":\"s1\",\"userId\":\"u1\"}")).andExpect(status().isConflict());
        assertThat(gateway.commands).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"DISCONNECTED", "ERROR"})
    void createOfASessionWithoutAConnectionIsAllowed(SessionStatus status) throws Exception {
        directory.put(session("s1", status));
        mvc.perform(postJson(CREATE, "{\"sessionId\":\"s1\",\"userId\":\"u1\"}")).andExpect(status().isCreated());
        assertThat(gateway.only()).isInstanceOf(CreateSession.class);
    }

    @Test
    void createAfterLogoutIsAllowed() throws Exception {
        directory.put(session("s1", SessionStatus.LOGGED_OUT));
        mvc.perform(postJson(CREATE, "{\"sessionId\":\"s1\",\"userId\":\"u1\"}")).andExpect(status().isCreated());
        assertThat(gateway.only()).isInstanceOf(CreateSession.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"userId\":\"u1\"}                                   | sessionId is required",
            "{\"sessionId\":\"s1\"}                                | userId is required",
            "{\"sessionId\":\"\",\"userId\":\"u1\"}                | sessionId is required",
            "{\"sessionId\":\"s1\",\"userId\":\"  \"}              | userId is required",
            "{}                                                    | sessionId is required; userId is required",
            "{\"sessionId\":\"../x\",\"userId\":\"u1\"}            | " + SessionIds.RULE,
            "{\"sessionId\":\"a/b\",\"userId\":\"u1\"}             | " + SessionIds.RULE,
            "{\"sessionId\":\"-lead\",\"userId\":\"u1\"}           | " + SessionIds.RULE,
            "{\"sessionId\":\"has space\",\"userId\":\"u1\"}       | " + SessionIds.RULE,
            "{\"sessionId\":123,\"userId\":\"u1\"}                 | field 'sessionId' must be a string",
            "{\"sessionId\":\"s1\",\"userId\":true}                | field 'userId' must be a string",
            "{\"sessionId\":\"s1\",\"userId\":[\"u\"]}             | field 'userId' must be a string",
            "{\"sessionId\":\"s1\",\"userId\":{\"a\":1}}           | field 'userId' must be a string",
            "[]                                                    | Request body must be a JSON object",
            "\"text\"                                              | Request body must be a JSON object",
    })
    void createRejectsBadFieldsNamingThem(String body, String error) throws Exception {
        mvc.perform(postJson(CREATE, body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(JSON))
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.error").value(error.strip()));
        assertThat(gateway.commands).isEmpty();
    }

    @Test
    void sessionIdLongerThan64Is400() throws Exception {
        String id = "a".repeat(65);
        mvc.perform(postJson(CREATE, "{\"sessionId\":\"" + id + "\",\"userId\":\"u1\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value(SessionIds.RULE));
        mvc.perform(postJson(CREATE, "{\"sessionId\":\"" + id.substring(1) + "\",\"userId\":\"u1\"}"))
                .andExpect(status().isCreated());
    }

    @Test
    void tooLongUserIdIs400() throws Exception {
        mvc.perform(postJson(CREATE, "{\"sessionId\":\"s1\",\"userId\":\"" + "u".repeat(129) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("userId must be at most 128 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"sessionId\": \"s1\"", "{sessionId: s1}", "{\"sessionId\": \"s1\",}", "nope"})
    void malformedJsonIs400(String body) throws Exception {
        mvc.perform(postJson(CREATE, body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.error", org.hamcrest.Matchers.startsWith("Malformed JSON in request body")));
    }

    @Test
    void emptyBodyIs400() throws Exception {
        mvc.perform(postJson(CREATE, ""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("Request body is required (a JSON object)"));
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        mvc.perform(authed(HttpMethod.POST, CREATE).contentType(MediaType.TEXT_PLAIN)
                        .content("{\"sessionId\":\"s1\",\"userId\":\"u1\"}"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().json("{\"success\":false,\"error\":\"Content-Type must be application/json\"}",
                        true));
        mvc.perform(authed(HttpMethod.POST, CREATE).content("{\"sessionId\":\"s1\",\"userId\":\"u1\"}"))
                .andExpect(status().isUnsupportedMediaType());
        assertThat(gateway.commands).isEmpty();
    }

    @Test
    void oversizedBodyIs413BeforeReading() throws Exception {
        String big = "{\"sessionId\":\"s1\",\"userId\":\"u1\",\"sessionName\":\"" + "x".repeat(2000) + "\"}";
        mvc.perform(postJson(CREATE, big))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().json(
                        "{\"success\":false,\"error\":\"Request body too large: the limit is 1024 bytes\"}", true));
        assertThat(gateway.commands).isEmpty();
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        mvc.perform(authed(HttpMethod.PUT, CREATE))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string(HttpHeaders.ALLOW, org.hamcrest.Matchers.containsString("POST")))
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.error", org.hamcrest.Matchers.startsWith("Method PUT is not allowed here")));
        mvc.perform(authed(HttpMethod.GET, "/api/session/s1/restart")).andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.error").value("Method GET is not allowed here; allowed: POST"));
        mvc.perform(authed(HttpMethod.POST, "/api/session/s1/status")).andExpect(status().isMethodNotAllowed());
    }

    @Test
    void createIs503WhenKafkaDoesNotAck() throws Exception {
        gateway.rejecting = true;
        mvc.perform(postJson(CREATE, "{\"sessionId\":\"s1\",\"userId\":\"u1\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(content().json("""
                        {"success": false,
                         "error": "Command bus unavailable: the request was not accepted, retry later"}""", true));
    }

    // ---- status -------------------------------------------------------------------------------------------

    @Test
    void statusShowsEveryKnownFieldWithIsoTime() throws Exception {
        directory.put(new SessionView("s1", "u1", "n", SessionStatus.QR_REQUIRED, null, "data:image/png;base64,AAA",
                "2@qr", null, Instant.parse("2024-01-15T10:30:00Z"), "worker-test", false));
        mvc.perform(authed(HttpMethod.GET, "/api/session/s1/status"))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"success": true, "data": {"sessionId": "s1", "status": "qr_required",
                         "qrCode": "data:image/png;base64,AAA", "qrString": "2@qr",
                         "lastActivity": "2024-01-15T10:30:00Z"}}""", true));
    }

    @Test
    void statusOmitsAbsentFieldsAndShowsError() throws Exception {
        directory.put(new SessionView("s1", "u1", "n", SessionStatus.ERROR, null, null, null, "Connection failed",
                null, null, false));
        mvc.perform(authed(HttpMethod.GET, "/api/session/s1/status"))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"success": true, "data": {"sessionId": "s1", "status": "error",
                         "error": "Connection failed"}}""", true));
        directory.put(new SessionView("s2", "u1", "n", SessionStatus.CONNECTED, "+6281234567890", null, null, null,
                Instant.parse("2024-01-15T10:30:00.123Z"), "w", false));
        mvc.perform(authed(HttpMethod.GET, "/api/session/s2/status"))
                .andExpect(content().json("""
                        {"success": true, "data": {"sessionId": "s2", "status": "connected",
                         "phoneNumber": "+6281234567890", "lastActivity": "2024-01-15T10:30:00.123Z"}}""", true));
    }

    @Test
    void statusOfUnknownSessionIs404() throws Exception {
        mvc.perform(authed(HttpMethod.GET, "/api/session/nope/status"))
                .andExpect(status().isNotFound())
                .andExpect(content().json("{\"success\":false,\"error\":\"Session not found: nope\"}", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/session/%2e%2e/status", "/api/session/../status", "/api/session/a%2Fb/status",
            "/api/session/a%5Cb/status", "/api/session/.hidden/status", "/api/session/a.b/status",
            "/api/session/%00/status", "/api/session/_x/status"})
    void unsafeSessionIdsAre400NeverAPath(String path) throws Exception {
        mvc.perform(authed(HttpMethod.GET, path))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(SessionIds.RULE));
    }

    @Test
    void overlongPathSessionIdIs400() throws Exception {
        mvc.perform(authed(HttpMethod.POST, "/api/session/" + "a".repeat(65) + "/restart"))
                .andExpect(status().isBadRequest());
        mvc.perform(authed(HttpMethod.DELETE, "/api/session/%2e%2e")).andExpect(status().isBadRequest());
        assertThat(gateway.commands).isEmpty();
    }

    // ---- delete / restart / disconnect / logout -------------------------------------------------------------

    @Test
    void deleteProducesTheCommand() throws Exception {
        directory.put(session("s1", SessionStatus.CONNECTED));
        mvc.perform(authed(HttpMethod.DELETE, "/api/session/s1"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"success\":true,\"message\":\"Session deleted successfully\"}", true));
        assertThat(gateway.only()).isInstanceOfSatisfying(DeleteSession.class,
                c -> assertThat(c.sessionId()).isEqualTo("s1"));
    }

    @Test
    void deleteOfUnknownSessionIsIdempotentSuccess() throws Exception {
        mvc.perform(authed(HttpMethod.DELETE, "/api/session/gone"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"success\":true,\"message\":\"Session deleted successfully\"}", true));
        // Still produced: the read model may lag a create that was just accepted.
        assertThat(gateway.only()).isInstanceOf(DeleteSession.class);
    }

    @Test
    void restartAnswersInitializing() throws Exception {
        directory.put(session("s1", SessionStatus.DISCONNECTED));
        mvc.perform(authed(HttpMethod.POST, "/api/session/s1/restart"))
                .andExpect(status().isOk())
                .andExpect(content().json(
                        "{\"success\":true,\"data\":{\"sessionId\":\"s1\",\"status\":\"initializing\"}}", true));
        assertThat(gateway.only()).isInstanceOf(RestartSession.class);
    }

    @Test
    void restartIgnoresTheBackendsEmptyJsonBody() throws Exception {
        directory.put(session("s1", SessionStatus.DISCONNECTED));
        mvc.perform(postJson("/api/session/s1/restart", "{}")).andExpect(status().isOk());
    }

    @Test
    void disconnectAnswersTheSpecMessage() throws Exception {
        directory.put(session("s1", SessionStatus.CONNECTED));
        mvc.perform(postJson("/api/session/s1/disconnect", "{}"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"success\":true,\"message\":\"Session disconnected\"}", true));
        assertThat(gateway.only()).isInstanceOf(DisconnectSession.class);
    }

    @Test
    void logoutAnswersTheSpecMessage() throws Exception {
        directory.put(session("s1", SessionStatus.CONNECTED));
        mvc.perform(authed(HttpMethod.POST, "/api/session/s1/logout"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"success\":true,\"message\":\"Session logged out successfully\"}",
                        true));
        assertThat(gateway.only()).isInstanceOf(LogoutSession.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"restart", "disconnect", "logout"})
    void lifecycleOfUnknownSessionIs404(String action) throws Exception {
        mvc.perform(authed(HttpMethod.POST, "/api/session/nope/" + action))
                .andExpect(status().isNotFound())
                .andExpect(content().json("{\"success\":false,\"error\":\"Session not found: nope\"}", true));
        assertThat(gateway.commands).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /api/session/s1/restart", "POST /api/session/s1/disconnect",
            "POST /api/session/s1/logout", "DELETE /api/session/s1"})
    void lifecycleIs503WhenKafkaDoesNotAck(String call) throws Exception {
        directory.put(session("s1", SessionStatus.CONNECTED));
        gateway.rejecting = true;
        String[] parts = call.split(" ");
        mvc.perform(authed(HttpMethod.valueOf(parts[0]), parts[1]))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.error").value(
                        "Command bus unavailable: the request was not accepted, retry later"));
    }
}
