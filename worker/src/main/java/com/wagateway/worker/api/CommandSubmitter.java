package com.wagateway.worker.api;

import com.wagateway.worker.command.CommandGateway;
import com.wagateway.worker.command.CommandRejectedException;
import com.wagateway.worker.command.SessionCommand;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The facade's one way to {@link CommandGateway}: one log line per command, accepted or rejected, with the
 * session and command id (the exception alone does not say which session a 503 was about).
 */
@Component
class CommandSubmitter {

    private static final Logger log = LoggerFactory.getLogger(CommandSubmitter.class);

    private final CommandGateway gateway;

    CommandSubmitter(CommandGateway gateway) {
        this.gateway = gateway;
    }

    void submit(SessionCommand command) throws CommandRejectedException {
        String type = command.getClass().getSimpleName();
        try {
            gateway.submit(command);
        } catch (CommandRejectedException e) {
            log.warn("api.command.rejected type={} sessionId={} commandId={} cause=\"{}\"", type,
                    command.sessionId(), command.commandId(), e.getMessage());
            throw e;
        }
        log.info("api.command.accepted type={} sessionId={} commandId={}", type, command.sessionId(),
                command.commandId());
    }

    static String newCommandId() {
        return UUID.randomUUID().toString();
    }
}
