package com.wagateway.worker.command;

/**
 * A {@code send} command that decoded but breaks {@link SendCommandRules}: it carries what is needed to answer it
 * (a {@code failed} status for its message id and a {@code CommandFailed} for its command id).
 */
public final class InvalidSendCommandException extends IllegalArgumentException {

    private final String commandId;
    private final String sessionId;
    private final String messageId;
    private final String reason;

    public InvalidSendCommandException(String commandId, String sessionId, String messageId, String reason) {
        super(reason);
        this.commandId = commandId;
        this.sessionId = sessionId;
        this.messageId = messageId;
        this.reason = reason;
    }

    public String commandId() {
        return commandId;
    }

    public String sessionId() {
        return sessionId;
    }

    /** As the command gave it, possibly the invalid part (empty when it had none). */
    public String messageId() {
        return messageId;
    }

    public String reason() {
        return reason;
    }
}
