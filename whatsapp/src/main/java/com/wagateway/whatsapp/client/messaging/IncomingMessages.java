package com.wagateway.whatsapp.client.messaging;

import com.google.protobuf.Descriptors;
import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.media.MediaInfo;
import com.wagateway.whatsapp.media.MediaMessages;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import java.time.Instant;
import java.util.Map;

/**
 * What the application is told about a decrypted message ({@link IncomingMessage}): type and text from the proto,
 * chat and sender as phone-number JIDs where the mapping is known (the LID alongside), the stanza's time and push
 * name.
 */
final class IncomingMessages {

    private final MessagingContext context;
    private final Addressing addressing;

    IncomingMessages(MessagingContext context, Addressing addressing) {
        this.context = context;
        this.addressing = addressing;
    }

    IncomingMessage incoming(Node node, MessageReceiver.Envelope env, Credentials creds, Message message) {
        String type;
        String text = null;
        MediaInfo media = MediaMessages.read(message);
        if (message.hasConversation()) {
            type = "text";
            text = message.getConversation();
        } else if (message.hasExtendedTextMessage()) {
            type = "text";
            text = message.getExtendedTextMessage().getText();
        } else if (media != null) {
            type = media.type().wireName();
            text = media.caption();
        } else {
            type = contentCase(message);
            if (message.hasImageMessage() && message.getImageMessage().hasCaption()) {
                text = message.getImageMessage().getCaption();
            } else if (message.hasVideoMessage() && message.getVideoMessage().hasCaption()) {
                text = message.getVideoMessage().getCaption();
            } else if (message.hasDocumentMessage() && message.getDocumentMessage().hasCaption()) {
                text = message.getDocumentMessage().getCaption();
            }
        }
        Jid senderUser = env.author().toNormalizedUser();
        Jid chat = env.group() ? env.chat() : addressing.preferPn(env.chat());
        Jid to = env.group() ? env.chat() : env.fromMe() ? chat : creds.me().toNormalizedUser();
        return new IncomingMessage(env.id(), chat, addressing.preferPn(senderUser),
                addressing.lidOf(senderUser), to, type, text, timestamp(node), node.attr("notify"), env.fromMe(),
                media);
    }

    private static String contentCase(Message message) {
        for (Map.Entry<Descriptors.FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            int n = e.getKey().getNumber();
            if (n != Message.SENDERKEYDISTRIBUTIONMESSAGE_FIELD_NUMBER
                    && n != Message.MESSAGECONTEXTINFO_FIELD_NUMBER) {
                return e.getKey().getJsonName();
            }
        }
        return "unknown";
    }

    private Instant timestamp(Node node) {
        try {
            String t = node.attr("t");
            if (t != null) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
        } catch (NumberFormatException e) {
            // fall through: the arrival time
        }
        return context.clock().instant();
    }
}
