package com.wagateway.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** The token guards every route, unknown ones included, and answers 401 in the envelope. */
class BearerAuthFilterTest extends ApiSliceTest {

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/api/health", "/info", "/api/info", "/api/session/abc/status",
            "/api/session/abc/messages", "/no/such/route", "/v3/api-docs", "/swagger-ui/index.html", "/error",
            "/actuator/prometheus", "/actuator/health/../env"})
    void missingTokenIs401Everywhere(String path) throws Exception {
        mvc.perform(get(path))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                .andExpect(content().contentTypeCompatibleWith(JSON))
                .andExpect(content().json("{\"success\":false,\"error\":\"Unauthorized\"}", true));
    }

    @Test
    void wrongTokenIs401AndNothingHappens() throws Exception {
        mvc.perform(post("/api/session/create").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN + "x")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sessionId\":\"s1\",\"userId\":\"u1\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""))
                .andExpect(jsonPath("$.error").value("Unauthorized"));
        assertThat(gateway.commands).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {TOKEN, "Basic " + TOKEN, "Bearer", "Bearer ", "Bearer  ", "Token " + TOKEN,
            "Bearer " + TOKEN + " extra", "Bearer" + TOKEN})
    void malformedHeaderIs401(String header) throws Exception {
        mvc.perform(get("/health").header(HttpHeaders.AUTHORIZATION, header))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.error").value("Unauthorized"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer " + TOKEN, "bearer " + TOKEN, "BEARER " + TOKEN, "Bearer   " + TOKEN + " "})
    void schemeIsCaseInsensitive(String header) throws Exception {
        mvc.perform(get("/health").header(HttpHeaders.AUTHORIZATION, header)).andExpect(status().isOk());
    }

    @Test
    void tokenPrefixOrEmptyTokenDoesNotPass() throws Exception {
        mvc.perform(get("/health").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN.substring(0, 5)))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void unknownRouteWithTokenIs404InTheEnvelope() throws Exception {
        mvc.perform(authed(HttpMethod.GET, "/no/such/route"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(JSON))
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.error").value("No such route: GET /no/such/route (see docs/api.md or /v3/api-docs)"));
    }

    @Test
    void errorPathCalledDirectlyIsANotFoundEnvelope() throws Exception {
        mvc.perform(authed(HttpMethod.GET, "/error"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.success").value(false));
    }

    @Test
    void livenessProbeSkipsTheToken() throws Exception {
        // No actuator in this slice, so the route is unknown: what matters is that the filter let it through.
        mvc.perform(get("/actuator/health")).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isNotFound());
    }

    @Test
    void presentedTokenParsing() {
        assertThat(BearerAuthFilter.presentedToken("Bearer abc")).isEqualTo("abc");
        assertThat(BearerAuthFilter.presentedToken("bearer abc ")).isEqualTo("abc");
        assertThat(BearerAuthFilter.presentedToken(null)).isNull();
        assertThat(BearerAuthFilter.presentedToken("Bearer a b")).isNull();
        assertThat(BearerAuthFilter.presentedToken("Bearerabc")).isNull();
    }

    @Test
    void publicPathsAreExact() {
        PublicPaths closed = new PublicPaths(false);
        assertThat(closed.isPublic("/actuator/health")).isTrue();
        assertThat(closed.isPublic("/actuator/health/readiness")).isTrue();
        assertThat(closed.isPublic("/actuator/healthx")).isFalse();
        assertThat(closed.isPublic("/actuator/health/db")).isFalse();
        assertThat(closed.isPublic("/actuator/env")).isFalse();
        assertThat(closed.isPublic("/v3/api-docs")).isFalse();
        PublicPaths open = new PublicPaths(true);
        assertThat(open.isPublic("/v3/api-docs")).isTrue();
        assertThat(open.isPublic("/swagger-ui/index.html")).isTrue();
        assertThat(open.isPublic("/swagger-ui/../api/session/x/status")).isFalse();
        assertThat(open.isPublic("/v3/api-docsx")).isFalse();
        assertThat(open.isPublic("/api/health")).isFalse();
    }
}
