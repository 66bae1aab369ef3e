package com.wagateway.worker.api;

import com.wagateway.worker.command.CommandRejectedException;
import com.wagateway.worker.command.SendMessage;
import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.message.MessageHistory;
import com.wagateway.worker.message.MessageIdGenerator;
import com.wagateway.worker.message.MessageStatus;
import com.wagateway.worker.message.SendOutcome;
import com.wagateway.worker.message.SendOutcomes;
import com.wagateway.worker.session.SessionView;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sending and history. A send gets its WhatsApp message id here, before the command is produced, so the caller
 * has an id to track even when the outcome is still {@code pending} after {@code worker.send-timeout}.
 */
@Service
class MessageService {

    private static final Logger log = LoggerFactory.getLogger(MessageService.class);
    static final int MAX_LIMIT = 200;

    private final CommandSubmitter commands;
    private final SendOutcomes outcomes;
    private final MessageHistory history;
    private final SessionService sessions;
    private final SendRequestValidator validator;
    private final MessageIdGenerator ids;
    private final WorkerFeatures features;
    private final WorkerProperties properties;
    private final Clock clock = Clock.systemUTC();

    MessageService(CommandSubmitter commands, SendOutcomes outcomes, MessageHistory history, SessionService sessions,
                   SendRequestValidator validator, MessageIdGenerator ids, WorkerFeatures features,
                   WorkerProperties properties) {
        this.commands = commands;
        this.outcomes = outcomes;
        this.history = history;
        this.sessions = sessions;
        this.validator = validator;
        this.ids = ids;
        this.features = features;
        this.properties = properties;
    }

    SendResult send(String sessionId, SendMessageRequest request) throws CommandRejectedException {
        ValidatedSend send = validator.validate(request, sessionId);
        SessionView session = sessions.require(sessionId);
        if (!features.supported().contains(send.type())) {
            throw new UnsupportedMessageTypeException(send.type().wire(), features.capabilities(), sessionId);
        }
        // Before pairing the account's number is unknown; the generator then zeroes that field, as Baileys does.
        String messageId = ids.generate(session.phoneNumber());
        commands.submit(new SendMessage(CommandSubmitter.newCommandId(), sessionId, clock.instant(), messageId,
                send.to(), send.type(), send.text(), send.media()));
        SendOutcome outcome = outcomes.await(messageId, properties.sendTimeout());
        if (outcome == null || outcome.status() == null) {
            outcome = new SendOutcome(messageId, MessageStatus.PENDING, clock.instant(), null);
        } else if (outcome.timestamp() == null) {
            outcome = new SendOutcome(messageId, outcome.status(), clock.instant(), outcome.error());
        }
        log.info("api.send sessionId={} messageId={} type={} status={}", sessionId, messageId, send.type().wire(),
                outcome.status().wire());
        return SendResult.of(outcome);
    }

    MessagePageBody page(String sessionId, int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT, sessionId);
        }
        if (offset < 0) {
            throw new InvalidRequestException("offset must be 0 or greater", sessionId);
        }
        sessions.require(sessionId);
        return MessagePageBody.of(history.page(sessionId, limit, offset));
    }
}
