package com.wagateway.worker.engine;

import com.wagateway.worker.command.SendMessage;
import com.wagateway.worker.connector.SendResult;
import com.wagateway.worker.engine.SessionEngine.Position;
import com.wagateway.worker.events.EventPublisher.OutboundDetails;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A send handed to the connection whose outcome (the server's ack, or a failure) is not known yet. The command
 * counts as running until the outcome is published: its offset is not committed and it is not in the session's
 * applied-command memory, so after a crash it is redelivered and sent again (same message id).
 *
 * @param outcomeDueNanos {@code System.nanoTime()} by which the connection promised the outcome
 *                        ({@link com.wagateway.worker.connector.Connection#sendOutcomeBound}), from the send on
 * @param finished runs once with the command's metric outcome after the outcome is published (commits the offset)
 */
record InFlightSend(SendMessage command, Position at, OutboundDetails details, CompletableFuture<SendResult> result,
                    long outcomeDueNanos, Consumer<String> finished) {}
