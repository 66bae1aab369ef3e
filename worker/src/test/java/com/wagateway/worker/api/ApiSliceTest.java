package com.wagateway.worker.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.wagateway.worker.api.ContractFakes.FakeDirectory;
import com.wagateway.worker.api.ContractFakes.FakeHistory;
import com.wagateway.worker.api.ContractFakes.RecordingGateway;
import com.wagateway.worker.api.ContractFakes.ScriptedOutcomes;
import java.net.URI;
import com.wagateway.worker.media.fetch.MediaUrlGuardConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The MVC slice of the facade: controllers, advice, filters and services, with the contracts faked.
 * One context for all subclasses (same configuration), the fakes reset before each test.
 */
@WebMvcTest(controllers = {HealthController.class, SessionController.class, MessageController.class,
        MediaController.class, EnvelopeErrorController.class},
        properties = {"worker.auth-token=" + ApiSliceTest.TOKEN, "worker.id=worker-test",
                "worker.environment=test", "worker.max-sessions=10", "worker.send-timeout=3s",
                "worker.api.max-body-size=1KB"})
@Import({ApiConfiguration.class, CommandSubmitter.class, SessionService.class, MessageService.class,
        WorkerStatusService.class, SendRequestValidator.class, ContractFakes.class,
        MediaUrlGuardConfiguration.class})
@ImportAutoConfiguration(ProjectInfoAutoConfiguration.class)
abstract class ApiSliceTest {

    static final String TOKEN = "test-token-0123456789";
    static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    @Autowired
    MockMvc mvc;
    @Autowired
    FakeDirectory directory;
    @Autowired
    RecordingGateway gateway;
    @Autowired
    ScriptedOutcomes outcomes;
    @Autowired
    FakeHistory history;

    @BeforeEach
    void resetFakes() {
        ContractFakes.reset(directory, gateway, outcomes, history);
    }

    /** A request carrying the right token. */
    static MockHttpServletRequestBuilder authed(HttpMethod method, String path) {
        // A URI, not a template: paths like /api/session/%2e%2e/status must reach the app as written.
        return request(method, URI.create(path)).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
    }

    static MockHttpServletRequestBuilder postJson(String path, String body) {
        return authed(HttpMethod.POST, path).contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
