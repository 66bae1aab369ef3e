package com.wagateway.worker.api;

import static com.wagateway.worker.api.ContractFakes.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.session.SessionView;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

class HealthControllerTest extends ApiSliceTest {

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/api/health"})
    void healthReportsRealFiguresAndCountsLiveSessions(String path) throws Exception {
        directory.put(session("a", SessionStatus.CONNECTED));
        directory.put(session("b", SessionStatus.QR_REQUIRED));
        directory.put(session("i", SessionStatus.INITIALIZING));
        directory.put(session("c", SessionStatus.DISCONNECTED)); // no connection, no slot: not counted
        directory.put(session("e", SessionStatus.ERROR)); // not counted
        directory.put(session("d", SessionStatus.LOGGED_OUT)); // not counted
        SessionView r = session("r", SessionStatus.DISCONNECTED); // dropped, the client reconnecting: holds its slot
        directory.put(new SessionView(r.sessionId(), r.userId(), r.sessionName(), r.status(), "+62811", null, null,
                "connection lost", r.lastActivity(), r.ownerWorkerId(), true));
        // another worker's sessions use that worker's MAX_SESSIONS, not ours
        directory.put(ContractFakes.session("o1", SessionStatus.CONNECTED, "worker-other"));
        directory.put(ContractFakes.session("o2", SessionStatus.QR_REQUIRED, "worker-other"));

        mvc.perform(authed(HttpMethod.GET, path))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(JSON))
                .andExpect(jsonPath("$.success").value(true))
                .andExpect(jsonPath("$.data.status").value("online"))
                .andExpect(jsonPath("$.data.sessionCount").value(4))
                .andExpect(jsonPath("$.data.maxSessions").value(10))
                .andExpect(jsonPath("$.data.availableSlots").value(6))
                .andExpect(jsonPath("$.data.cpuUsage", allOf(greaterThanOrEqualTo(0.0), lessThanOrEqualTo(100.0))))
                .andExpect(jsonPath("$.data.memoryUsage", allOf(greaterThanOrEqualTo(0.0), lessThanOrEqualTo(100.0))))
                .andExpect(jsonPath("$.data.uptime", greaterThanOrEqualTo(0)))
                .andExpect(jsonPath("$.message").doesNotExist())
                .andExpect(jsonPath("$.error").doesNotExist());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/api/health"})
    void availableSlotsNeverGoNegative(String path) throws Exception {
        for (int i = 0; i < 12; i++) {
            directory.put(session("s" + i, SessionStatus.CONNECTED));
        }
        mvc.perform(authed(HttpMethod.GET, path))
                .andExpect(jsonPath("$.data.sessionCount").value(12))
                .andExpect(jsonPath("$.data.availableSlots").value(0));
    }

    @Test
    void figuresAreMeasuredNotConstant() {
        // The heap is in use by this very test, so its share is above zero; uptime counts from JVM start.
        double heap = WorkerStatusService.heapPercent();
        assertThat(heap).isGreaterThan(0.0).isLessThanOrEqualTo(100.0);
        assertThat(WorkerStatusService.round1(45.549)).isEqualTo(45.5);
        assertThat(WorkerStatusService.round1(45.55)).isEqualTo(45.6);
        assertThat(WorkerStatusService.cpuPercent()).isBetween(0.0, 100.0);
    }

    @Test
    void nonJsonAcceptIs406InTheEnvelope() throws Exception {
        mvc.perform(authed(HttpMethod.GET, "/health").accept(MediaType.APPLICATION_XML))
                .andExpect(status().isNotAcceptable())
                .andExpect(content().json(
                        "{\"success\":false,\"error\":\"This API answers application/json only\"}", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/info", "/api/info"})
    void infoCarriesTheBuildVersionAndRealCapabilities(String path) throws Exception {
        String buildVersion = buildInfoVersion();
        mvc.perform(authed(HttpMethod.GET, path))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.success").value(true))
                .andExpect(jsonPath("$.data.workerId").value("worker-test"))
                .andExpect(jsonPath("$.data.version").value(buildVersion))
                .andExpect(jsonPath("$.data.environment").value("test"))
                .andExpect(jsonPath("$.data.capabilities", contains("text", "image", "document", "audio", "video")))
                .andExpect(jsonPath("$.data.baileys_version").value("2.3000.1043857760"))
                .andExpect(jsonPath("$.data.protocolVersion").value("2.3000.1043857760"));
    }

    /** The version the Maven build wrote (spring-boot-maven-plugin build-info), read independently of Spring. */
    private static String buildInfoVersion() throws Exception {
        try (InputStream in = HealthControllerTest.class.getResourceAsStream("/META-INF/build-info.properties")) {
            assertThat(in).as("build-info.properties on the classpath").isNotNull();
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("build.version");
            assertThat(version).isNotBlank().isNotEqualTo("unknown");
            return version;
        }
    }
}
