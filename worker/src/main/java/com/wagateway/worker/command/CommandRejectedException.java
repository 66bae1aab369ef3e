package com.wagateway.worker.command;

/** The command bus could not take a command in the bounded time; the REST caller gets a 503. */
public class CommandRejectedException extends Exception {
    public CommandRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
