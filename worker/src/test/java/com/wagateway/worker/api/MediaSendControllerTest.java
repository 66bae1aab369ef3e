package com.wagateway.worker.api;

import static com.wagateway.worker.api.ContractFakes.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.wagateway.worker.command.SendMessage;
import com.wagateway.worker.message.MessageType;
import com.wagateway.worker.session.SessionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;

/** With media switched on by configuration, capabilities say so and media sends go through. */
@TestPropertySource(properties = "worker.features.message-types=text,image,document")
class MediaSendControllerTest extends ApiSliceTest {

    @Test
    void capabilitiesFollowTheConfiguration() throws Exception {
        mvc.perform(authed(HttpMethod.GET, "/info"))
                .andExpect(jsonPath("$.data.capabilities", contains("text", "image", "document")));
    }

    @Test
    void imageSendCarriesTheMediaReference() throws Exception {
        directory.put(session("s1", SessionStatus.CONNECTED));
        mvc.perform(postJson("/api/session/s1/send", """
                        {"to": "6281234567890@s.whatsapp.net", "type": "image", "message": "fallback",
                         "media": {"url": "https://example.com/image.jpg", "filename": "image.jpg",
                                   "caption": "Image caption"}}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.status").value("sent"));
        SendMessage command = (SendMessage) gateway.only();
        assertThat(command.type()).isEqualTo(MessageType.IMAGE);
        assertThat(command.text()).isEqualTo("fallback");
        assertThat(command.media()).isEqualTo(
                new SendMessage.MediaRef("https://example.com/image.jpg", "image.jpg", "Image caption"));
    }

    @Test
    void typesOutsideTheConfigurationStay400() throws Exception {
        directory.put(session("s1", SessionStatus.CONNECTED));
        mvc.perform(postJson("/api/session/s1/send", """
                        {"to": "6281234567890", "type": "video", "media": {"url": "https://example.com/v.mp4"}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(
                        "type 'video' is not supported by this worker; supported: text, image, document"));
    }
}
