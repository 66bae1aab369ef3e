package com.wagateway.worker.command;

import com.wagateway.worker.avro.CommandEnvelope;
import com.wagateway.worker.avro.CreateSessionCommand;
import com.wagateway.worker.avro.DeleteSessionCommand;
import com.wagateway.worker.avro.DisconnectSessionCommand;
import com.wagateway.worker.avro.LogoutSessionCommand;
import com.wagateway.worker.avro.MediaReference;
import com.wagateway.worker.avro.RestartSessionCommand;
import com.wagateway.worker.avro.SendMessageCommand;
import com.wagateway.worker.message.MessageType;
import java.time.Instant;

/** {@link SessionCommand} to and from its {@code wa.commands} record ({@link CommandEnvelope}). */
public final class CommandCodec {

    private CommandCodec() {}

    public static CommandEnvelope toAvro(SessionCommand command, String workerId, Instant notAfter) {
        Object payload = switch (command) {
            case CreateSession c -> CreateSessionCommand.newBuilder().setUserId(c.userId())
                    .setSessionName(c.sessionName()).build();
            // on the create branch: a new union branch would break older readers (docs/architecture.md)
            case RequestPairingCode p -> CreateSessionCommand.newBuilder().setPairingPhoneNumber(p.phoneNumber())
                    .build();
            case RestartSession r -> new RestartSessionCommand();
            case DisconnectSession d -> new DisconnectSessionCommand();
            case LogoutSession l -> new LogoutSessionCommand();
            case DeleteSession d -> new DeleteSessionCommand();
            case SendMessage s -> SendMessageCommand.newBuilder().setMessageId(s.messageId()).setTo(s.to())
                    .setType(s.type().wire()).setText(s.text())
                    .setMedia(s.media() == null ? null : MediaReference.newBuilder().setUrl(s.media().url())
                            .setFilename(s.media().filename()).setCaption(s.media().caption()).build())
                    .build();
        };
        return CommandEnvelope.newBuilder().setCommandId(command.commandId()).setSessionId(command.sessionId())
                .setWorkerId(workerId).setIssuedAt(command.issuedAt()).setNotAfter(notAfter).setPayload(payload).build();
    }

    /**
     * @throws InvalidSendCommandException for a send command breaking {@link SendCommandRules}
     * @throws IllegalArgumentException    for a payload this build does not know (a newer writer's command)
     */
    public static SessionCommand fromAvro(CommandEnvelope e) {
        String id = e.getCommandId();
        String session = e.getSessionId();
        Instant at = e.getIssuedAt();
        return switch (e.getPayload()) {
            case CreateSessionCommand c when c.getPairingPhoneNumber() != null ->
                    new RequestPairingCode(id, session, at, c.getPairingPhoneNumber());
            case CreateSessionCommand c -> new CreateSession(id, session, at, c.getUserId(), c.getSessionName());
            case RestartSessionCommand r -> new RestartSession(id, session, at);
            case DisconnectSessionCommand d -> new DisconnectSession(id, session, at);
            case LogoutSessionCommand l -> new LogoutSession(id, session, at);
            case DeleteSessionCommand d -> new DeleteSession(id, session, at);
            case SendMessageCommand s -> sendMessage(id, session, at, s);
            default -> throw new IllegalArgumentException("unknown command payload: "
                    + e.getPayload().getClass().getSimpleName());
        };
    }

    /**
     * A send command, checked against {@link SendCommandRules}: another service may produce one straight to the
     * topic, and a malformed id or recipient must not reach WhatsApp or the history's bounded columns.
     *
     * @throws InvalidSendCommandException naming the rule broken
     */
    private static SendMessage sendMessage(String id, String session, Instant at, SendMessageCommand s) {
        String problem = SendCommandRules.problem(s.getMessageId(), s.getTo(), s.getType(), s.getText());
        if (problem != null) {
            throw new InvalidSendCommandException(id, session, s.getMessageId() == null ? "" : s.getMessageId(),
                    problem);
        }
        return new SendMessage(id, session, at, s.getMessageId(), s.getTo(),
                MessageType.fromWire(s.getType()).orElseThrow(), s.getText(),
                s.getMedia() == null ? null : new SendMessage.MediaRef(s.getMedia().getUrl(),
                        s.getMedia().getFilename(), s.getMedia().getCaption()));
    }

    /** The short name logs and {@code CommandFailed} events use. */
    public static String typeName(SessionCommand command) {
        return switch (command) {
            case CreateSession c -> "create";
            case RestartSession r -> "restart";
            case DisconnectSession d -> "disconnect";
            case LogoutSession l -> "logout";
            case DeleteSession d -> "delete";
            case SendMessage s -> "send";
            case RequestPairingCode p -> "pairing_code";
        };
    }
}
