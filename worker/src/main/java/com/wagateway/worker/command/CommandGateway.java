package com.wagateway.worker.command;

/**
 * The facade's only way to change anything: hands a command to Kafka and returns once the broker
 * acknowledged it ({@code acks=all}).
 */
public interface CommandGateway {

    /**
     * @throws CommandRejectedException when Kafka did not acknowledge within the configured bound;
     *                                  the command was then not accepted and nothing was half-done
     */
    void submit(SessionCommand command) throws CommandRejectedException;
}
