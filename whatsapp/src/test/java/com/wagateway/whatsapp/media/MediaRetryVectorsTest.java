package com.wagateway.whatsapp.media;

import static com.wagateway.whatsapp.crypto.VectorFile.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.VectorFile;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.proto.MediaRetryProtos.MediaRetryNotification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The client's media-retry code ({@link MediaRetryNodes}, {@link MediaRetryCrypto}) against Baileys 7.0.0-rc14's
 * {@code encryptMediaRetryRequest} / {@code decryptMediaRetryData} output (vectors/media/media-retry.json).
 */
class MediaRetryVectorsTest {

    private static final JsonNode RETRY = VectorFile.read("media/media-retry.json");

    private static Map<String, String> attrs(JsonNode object) {
        Map<String, String> map = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            map.put(e.getKey(), e.getValue().asString());
        }
        return map;
    }

    @Test
    void requestNodesEqualTheReferenceNodes() {
        assertThat(RETRY.get("requests").size()).isEqualTo(3);
        for (JsonNode r : RETRY.get("requests")) {
            JsonNode key = r.get("key");
            String id = key.get("id").asString();
            Jid participant = key.has("participant") ? Jid.parse(key.get("participant").asString()) : null;
            assertThat(hex(MediaRetryCrypto.retryKey(hex(r.get("mediaKey"))))).isEqualTo(r.get("retryKey").asString());

            Node request = MediaRetryNodes.request(id, hex(r.get("mediaKey")), hex(r.get("encIv")),
                    Jid.parse(r.get("meId").asString()), Jid.parse(key.get("remoteJid").asString()),
                    key.get("fromMe").asBoolean(), participant);

            String name = r.get("name").asString();
            assertThat(request.tag()).isEqualTo(r.get("tag").asString());
            assertThat(request.attrs().asMap()).as(name).isEqualTo(attrs(r.get("attrs")));
            assertThat(request.children()).extracting(Node::tag).containsExactly("encrypt", "rmr");
            Node encrypt = request.child("encrypt");
            assertThat(encrypt.children()).extracting(Node::tag).containsExactly("enc_p", "enc_iv");
            assertThat(hex(encrypt.child("enc_p").contentBytes())).as(name).isEqualTo(r.get("encP").asString());
            assertThat(hex(encrypt.child("enc_iv").contentBytes())).isEqualTo(r.get("encIv").asString());
            assertThat(request.child("rmr").attrs().asMap()).as(name).isEqualTo(attrs(r.get("rmrAttrs")));
        }
    }

    @Test
    void notificationsDecryptAsTheReferenceDecodesThem() throws Exception {
        assertThat(RETRY.get("notifications").size()).isEqualTo(4);
        for (JsonNode n : RETRY.get("notifications")) {
            String id = n.get("msgId").asString();
            byte[] mediaKey = hex(n.get("mediaKey"));
            MediaRetryNotification decoded = MediaRetryCrypto.decryptNotification(hex(n.get("ciphertext")),
                    hex(n.get("iv")), mediaKey, id);
            JsonNode expected = n.get("decoded");
            assertThat(decoded.getStanzaId()).isEqualTo(expected.get("stanzaId").asString());
            assertThat(decoded.getResult().getNumber()).isEqualTo(expected.get("result").asInt());
            assertThat(decoded.getResult().name()).isEqualTo(expected.get("resultName").asString());

            Node notification = Node.of("notification", Attributes.of("type", "mediaretry", "id", id), List.of(
                    Node.of("rmr", Attributes.of("jid", "15550002222@s.whatsapp.net", "from_me", "false")),
                    Node.of("encrypt", Attributes.empty(), List.of(
                            Node.of("enc_p", Attributes.empty(), hex(n.get("ciphertext"))),
                            Node.of("enc_iv", Attributes.empty(), hex(n.get("iv")))))));
            if (decoded.getResult() == MediaRetryNotification.ResultType.SUCCESS) {
                assertThat(MediaRetryNodes.directPath(notification, mediaKey))
                        .isEqualTo(expected.get("directPath").asString());
            } else {
                assertThatThrownBy(() -> MediaRetryNodes.directPath(notification, mediaKey))
                        .isInstanceOfSatisfying(MediaTransferException.class, e -> assertThat(e.reason())
                                .isEqualTo(MediaTransferException.Reason.RETRY_FAILED))
                        .hasMessageContaining(decoded.getResult().name());
            }
            // sealed for another message id (the AAD) it does not open
            assertThatThrownBy(() -> MediaRetryCrypto.decryptNotification(hex(n.get("ciphertext")), hex(n.get("iv")),
                    mediaKey, id + "X")).isInstanceOf(MediaTransferException.class);
        }
    }
}
