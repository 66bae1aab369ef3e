package com.wagateway.whatsapp.proto;

import static com.wagateway.whatsapp.crypto.VectorFile.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.UnknownFieldSet;
import com.wagateway.whatsapp.crypto.VectorFile;
import com.wagateway.whatsapp.proto.ClientPayloadProtos.ClientPayload;
import com.wagateway.whatsapp.proto.ClientPayloadProtos.DeviceProps;
import com.wagateway.whatsapp.proto.MessageProtos.Message.ProtocolMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Our schemas/proto classes decode what Baileys' WAProto encodes and re-encode it to the same bytes
 * (vectors/proto.json): with no unknown fields at any depth, that proves every field number and type we keep.
 */
class ProtoVectorsTest {

    private final JsonNode vectors = VectorFile.read("proto.json");

    @Test
    void clientPayloadsRoundTripAndCarryTheFactSheetValues() throws Exception {
        JsonNode payloads = vectors.get("clientPayload");
        ClientPayload registration = roundTrip(ClientPayload.parser(), payloads.get("registration"));
        assertThat(registration.getPassive()).isFalse();
        assertThat(registration.getConnectType()).isEqualTo(ClientPayload.ConnectType.WIFI_UNKNOWN);
        assertThat(registration.getUserAgent().getPlatform()).isEqualTo(ClientPayload.UserAgent.Platform.WEB);
        assertThat(registration.getUserAgent().getAppVersion().getTertiary()).isEqualTo(1043857760);
        assertThat(registration.getDevicePairingData().getEKeytype().toByteArray()).containsExactly(5);
        assertThat(java.util.Base64.getEncoder().encodeToString(registration.getDevicePairingData().getBuildHash().toByteArray()))
                .isEqualTo("9vZcBgehzf/YdSsFH8le3w=="); // §4.2
        DeviceProps props = roundTrip(DeviceProps.parser(), payloads.get("registrationDeviceProps"));
        assertThat(props.getOs()).isEqualTo("Mac OS");
        assertThat(props.getPlatformType()).isEqualTo(DeviceProps.PlatformType.CHROME);
        assertThat(registration.getDevicePairingData().getDeviceProps()).isEqualTo(props.toByteString());

        ClientPayload login = roundTrip(ClientPayload.parser(), payloads.get("login"));
        assertThat(login.getUsername()).isEqualTo(15551234567L);
        assertThat(login.getDevice()).isEqualTo(7);
        assertThat(login.getPassive()).isTrue();
        assertThat(login.hasLidDbMigrated()).isTrue();
        ClientPayload pushName = roundTrip(ClientPayload.parser(), payloads.get("loginWithPushName"));
        assertThat(pushName.getPushName()).isEqualTo("Gateway");
        assertThat(pushName.getUserAgent().getLocaleCountryIso31661Alpha2()).isEqualTo("DE");
    }

    @Test
    void messagesRoundTrip() throws Exception {
        JsonNode messages = vectors.get("messages");
        assertThat(messages.size()).isGreaterThanOrEqualTo(10);
        for (Map.Entry<String, JsonNode> entry : messages.properties()) {
            MessageProtos.Message message = roundTrip(MessageProtos.Message.parser(), entry.getValue());
            assertThat(unknownFieldPaths(message)).as(entry.getKey()).isEmpty();
        }
        MessageProtos.Message image = MessageProtos.Message.parseFrom(hex(messages.get("image")));
        assertThat(image.getImageMessage().getMimetype()).isEqualTo("image/jpeg");
        assertThat(image.getImageMessage().getMediaKey().size()).isEqualTo(32);
        assertThat(MessageProtos.Message.parseFrom(hex(messages.get("audio"))).getAudioMessage().getPtt()).isTrue();
        assertThat(MessageProtos.Message.parseFrom(hex(messages.get("edit"))).getProtocolMessage().getType())
                .isEqualTo(ProtocolMessage.Type.MESSAGE_EDIT);
        assertThat(MessageProtos.Message.parseFrom(hex(messages.get("extendedText"))).getExtendedTextMessage()
                .getContextInfo().getQuotedMessage().getConversation()).isEqualTo("original");
    }

    @Test
    void advKeyIndexListRoundTrips() throws Exception {
        AdvProtos.ADVKeyIndexList list = roundTrip(AdvProtos.ADVKeyIndexList.parser(), vectors.get("keyIndexList"));
        assertThat(list.getValidIndexesList()).containsExactly(0, 3, 4);
    }

    @Test
    void advMessagesRoundTrip() throws Exception {
        JsonNode adv = VectorFile.read("adv.json").get("pairing");
        roundTrip(AdvProtos.ADVSignedDeviceIdentityHMAC.parser(), adv.get("signedDeviceIdentityHmac"));
        roundTrip(AdvProtos.ADVSignedDeviceIdentity.parser(), adv.get("signedDeviceIdentity"));
        roundTrip(AdvProtos.ADVSignedDeviceIdentity.parser(), adv.get("replyDeviceIdentity"));
        roundTrip(AdvProtos.ADVDeviceIdentity.parser(), adv.get("deviceIdentity"));
    }

    @Test
    void handshakeAndCertChainRoundTrip() throws Exception {
        JsonNode handshake = VectorFile.read("noise.json").get("handshakes").get(0);
        for (String field : new String[] {"clientHello", "serverHello", "clientFinish"}) {
            roundTrip(HandshakeProtos.HandshakeMessage.parser(), handshake.get(field));
        }
        HandshakeProtos.CertChain chain = roundTrip(HandshakeProtos.CertChain.parser(), handshake.get("certChain"));
        byte[] leafDetails = chain.getLeaf().getDetails().toByteArray();
        HandshakeProtos.CertChain.NoiseCertificate.Details details =
                HandshakeProtos.CertChain.NoiseCertificate.Details.parseFrom(leafDetails);
        assertThat(details.toByteArray()).isEqualTo(leafDetails);
        assertThat(details.getIssuerSerial()).isEqualTo(1);
    }

    @Test
    void unknownFieldsAreFoundAtAnyDepth() throws Exception {
        UnknownFieldSet stray = UnknownFieldSet.newBuilder()
                .addField(999, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build();
        MessageProtos.Message nested = MessageProtos.Message.parseFrom(hex(vectors.get("messages").get("extendedText")));
        MessageProtos.Message.Builder b = nested.toBuilder();
        b.getExtendedTextMessageBuilder().getContextInfoBuilder().getQuotedMessageBuilder().setUnknownFields(stray);
        MessageProtos.Message withStray = MessageProtos.Message.parseFrom(b.build().toByteArray());
        assertThat(withStray.getUnknownFields().asMap()).isEmpty(); // the top level alone looks clean
        assertThat(unknownFieldPaths(withStray))
                .containsExactly("Message.extendedTextMessage.contextInfo.quotedMessage#999");
        assertThat(unknownFieldPaths(nested)).isEmpty();
    }

    /**
     * Every unknown field in {@code message} and the messages nested in it (repeated ones
     * included), as {@code Type.field.field#number}. Bytes fields that hold serialized messages
     * (DeviceProps, certificate Details, ADV details) are round-tripped on their own.
     */
    static List<String> unknownFieldPaths(Message message) {
        List<String> out = new ArrayList<>();
        collectUnknown(message, message.getDescriptorForType().getName(), out);
        return out;
    }

    private static void collectUnknown(Message message, String path, List<String> out) {
        for (Integer number : message.getUnknownFields().asMap().keySet()) {
            out.add(path + "#" + number);
        }
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            FieldDescriptor d = field.getKey();
            if (d.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (d.isRepeated()) {
                List<?> items = (List<?>) field.getValue();
                for (int i = 0; i < items.size(); i++) {
                    collectUnknown((Message) items.get(i), path + "." + d.getName() + "[" + i + "]", out);
                }
            } else {
                collectUnknown((Message) field.getValue(), path + "." + d.getName(), out);
            }
        }
    }

    private static <T extends Message> T roundTrip(Parser<T> parser, JsonNode hexBytes) throws InvalidProtocolBufferException {
        byte[] bytes = hex(hexBytes);
        T message = parser.parseFrom(bytes);
        assertThat(unknownFieldPaths(message)).as("unknown fields in %s", message.getClass().getSimpleName()).isEmpty();
        assertThat(hex(message.toByteArray())).isEqualTo(hexBytes.asString());
        return message;
    }
}
