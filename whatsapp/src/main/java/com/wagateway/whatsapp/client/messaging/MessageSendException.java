package com.wagateway.whatsapp.client.messaging;

/** Why a {@code sendText} failed; {@link #reason()} is a stable word for callers, the message says more. */
public final class MessageSendException extends RuntimeException {

    public static final String NOT_CONNECTED = "not_connected";
    public static final String CONNECTION_ENDED = "connection_ended";
    public static final String TIMEOUT = "timeout";
    public static final String SERVER_ERROR = "server_error";
    public static final String NO_DEVICES = "no_devices";
    public static final String ENCRYPTION_FAILED = "encryption_failed";
    public static final String INVALID_RECIPIENT = "invalid_recipient";

    private final String reason;

    public MessageSendException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MessageSendException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
