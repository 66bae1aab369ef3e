package com.wagateway.worker.command;

import java.time.Instant;

/**
 * A request to change a session, as the REST facade accepted it. Every command travels on
 * {@code wa.commands} keyed by {@link #sessionId()} and is executed at most once per {@link #commandId()}.
 */
public sealed interface SessionCommand
        permits CreateSession, RestartSession, DisconnectSession, LogoutSession, DeleteSession, SendMessage,
        RequestPairingCode {

    String commandId();

    String sessionId();

    Instant issuedAt();
}
