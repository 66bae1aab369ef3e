package com.wagateway.worker.api;

import static com.wagateway.worker.api.ContractFakes.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.wagateway.worker.api.ContractFakes.FakePairingCodes;
import com.wagateway.worker.command.RequestPairingCode;
import com.wagateway.worker.session.PairingCodes;
import com.wagateway.worker.session.SessionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code POST /api/session/{id}/pairing-code}: validation, state checks and the answer in the spec's envelope. */
class PairingCodeControllerTest extends ApiSliceTest {

    private static final String PATH = "/api/session/pc-1/pairing-code";

    @Autowired
    FakePairingCodes pairingCodes;

    @BeforeEach
    void answer() {
        pairingCodes.answer = new PairingCodes.Answer("ABCD-1234", null);
        pairingCodes.expected.clear();
    }

    @Test
    void answersTheCodeTheEngineGotAndProducesTheCommand() throws Exception {
        directory.put(session("pc-1", SessionStatus.QR_REQUIRED));
        mvc.perform(postJson(PATH, "{\"phoneNumber\":\"6281234567890\"}"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"success\":true,\"data\":{\"pairingCode\":\"ABCD-1234\"}}", true));
        RequestPairingCode command = (RequestPairingCode) gateway.only();
        assertThat(command.sessionId()).isEqualTo("pc-1");
        assertThat(command.phoneNumber()).isEqualTo("6281234567890");
        assertThat(pairingCodes.expected).containsExactly(command.commandId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"phoneNumber\":\"+6281234567890\"}", "{\"phoneNumber\":\"1234567\"}",
            "{\"phoneNumber\":\"1234567890123456\"}", "{\"phoneNumber\":\"62 812 3456\"}", "{}",
            "{\"phoneNumber\":6281234567890}"})
    void anInvalidNumberIs400AndProducesNothing(String body) throws Exception {
        directory.put(session("pc-1", SessionStatus.QR_REQUIRED));
        mvc.perform(postJson(PATH, body)).andExpect(status().isBadRequest())
                .andExpect(content().json("{\"success\":false}"));
        assertThat(gateway.commands).isEmpty();
    }

    @Test
    void anUnknownSessionIs404() throws Exception {
        mvc.perform(postJson(PATH, "{\"phoneNumber\":\"6281234567890\"}")).andExpect(status().isNotFound());
        assertThat(gateway.commands).isEmpty();
    }

    @Test
    void aSessionNotWaitingForAScanIs409() throws Exception {
        directory.put(session("pc-1", SessionStatus.CONNECTED));
        mvc.perform(postJson(PATH, "{\"phoneNumber\":\"6281234567890\"}")).andExpect(status().isConflict())
                .andExpect(content().json("{\"success\":false,\"error\":\"Session pc-1 is not waiting to be linked "
                        + "(status connected); request a pairing code while it is qr_required\"}", true));
        assertThat(gateway.commands).isEmpty();
    }

    @Test
    void theEnginesRefusalIs409WithItsReason() throws Exception {
        directory.put(session("pc-1", SessionStatus.QR_REQUIRED));
        pairingCodes.answer = new PairingCodes.Answer(null, "pairing code request failed: bad number");
        mvc.perform(postJson(PATH, "{\"phoneNumber\":\"6281234567890\"}")).andExpect(status().isConflict())
                .andExpect(content().json("{\"success\":false,\"error\":\"Pairing code not available for session "
                        + "pc-1: pairing code request failed: bad number\"}", true));
    }

    @Test
    void noAnswerInTimeIs504() throws Exception {
        directory.put(session("pc-1", SessionStatus.QR_REQUIRED));
        pairingCodes.answer = null;
        mvc.perform(postJson(PATH, "{\"phoneNumber\":\"6281234567890\"}")).andExpect(status().isGatewayTimeout())
                .andExpect(content().json("{\"success\":false}"));
    }

    @Test
    void kafkaRefusingTheCommandIs503AndTheWaitIsDropped() throws Exception {
        directory.put(session("pc-1", SessionStatus.QR_REQUIRED));
        gateway.rejecting = true;
        mvc.perform(postJson(PATH, "{\"phoneNumber\":\"6281234567890\"}")).andExpect(status().isServiceUnavailable());
        assertThat(pairingCodes.expected).isEmpty();
    }
}
