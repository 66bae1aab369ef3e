package com.wagateway.worker.api;

import com.wagateway.worker.command.CommandRejectedException;
import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.DeleteSession;
import com.wagateway.worker.command.DisconnectSession;
import com.wagateway.worker.command.LogoutSession;
import com.wagateway.worker.command.RequestPairingCode;
import com.wagateway.worker.command.RestartSession;
import com.wagateway.worker.session.PairingCodes;
import com.wagateway.worker.session.SessionDirectory;
import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.session.SessionView;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Session lifecycle as the REST facade sees it: checks against the read model ({@link SessionDirectory}), then one
 * command to Kafka. Nothing here waits for the engine; the session's progress shows in {@code /status} and webhooks.
 */
@Service
class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    static final String INITIALIZING = SessionStatus.INITIALIZING.wire();

    /** The engine answers within WA_REQUEST_TIMEOUT (20 s by default); this leaves room for Kafka both ways. */
    static final java.time.Duration PAIRING_CODE_WAIT = java.time.Duration.ofSeconds(30);

    private final CommandSubmitter commands;
    private final SessionDirectory directory;
    private final PairingCodes pairingCodes;
    private final Clock clock = Clock.systemUTC();

    SessionService(CommandSubmitter commands, SessionDirectory directory, PairingCodes pairingCodes) {
        this.commands = commands;
        this.directory = directory;
        this.pairingCodes = pairingCodes;
    }

    /**
     * 409 when the id is live: initializing, qr_required, connected, or disconnected / error while its client retries by
     * itself. A session that holds no connection ({@code disconnected} by the user or a replacing connection,
     * {@code error}, {@code logged_out}) may be created again: with stored credentials it logs in without a QR
     * (issue 6), without them it pairs anew. The Node worker forgets a session on logout and on its own restart, so a
     * Backend that re-creates one must succeed here too.
     */
    SessionAccepted create(CreateSessionRequest request) throws CommandRejectedException {
        String sessionId = request.sessionId();
        directory.find(sessionId).filter(SessionService::holdsConnection).ifPresent(view -> {
            throw new SessionAlreadyExistsException(sessionId, view.status().wire());
        });
        commands.submit(new CreateSession(commandId(), sessionId, clock.instant(), request.userId(),
                request.sessionName()));
        return new SessionAccepted(sessionId, INITIALIZING);
    }

    private static boolean holdsConnection(SessionView view) {
        return switch (view.status()) {
            case INITIALIZING, QR_REQUIRED, CONNECTED -> true;
            case DISCONNECTED, ERROR -> view.reconnecting(); // error while retrying a refused version holds one
            case LOGGED_OUT -> false;
        };
    }

    SessionStatusBody status(String sessionId) {
        return SessionStatusBody.of(require(sessionId));
    }

    SessionAccepted restart(String sessionId) throws CommandRejectedException {
        require(sessionId);
        commands.submit(new RestartSession(commandId(), sessionId, clock.instant()));
        return new SessionAccepted(sessionId, INITIALIZING);
    }

    void disconnect(String sessionId) throws CommandRejectedException {
        require(sessionId);
        commands.submit(new DisconnectSession(commandId(), sessionId, clock.instant()));
    }

    void logout(String sessionId) throws CommandRejectedException {
        require(sessionId);
        commands.submit(new LogoutSession(commandId(), sessionId, clock.instant()));
    }

    /**
     * Phone-number pairing (beyond the spec): the owning worker's engine asks WhatsApp for the code on the session's
     * connection waiting for a scan; this call waits for the answer on {@code wa.session-events}, bounded.
     */
    PairingCodeBody pairingCode(String sessionId, PairingCodeRequest request) throws CommandRejectedException {
        SessionView view = require(sessionId);
        if (view.status() != SessionStatus.QR_REQUIRED) {
            throw new SessionStateConflictException(sessionId, "Session " + sessionId + " is not waiting to be "
                    + "linked (status " + view.status().wire() + "); request a pairing code while it is qr_required");
        }
        String commandId = commandId();
        pairingCodes.expect(commandId);
        try {
            commands.submit(new RequestPairingCode(commandId, sessionId, clock.instant(), request.phoneNumber()));
        } catch (CommandRejectedException | RuntimeException e) {
            pairingCodes.forget(commandId);
            throw e;
        }
        PairingCodes.Answer answer = pairingCodes.await(commandId, PAIRING_CODE_WAIT);
        if (answer == null) {
            throw new AnswerTimeoutException(sessionId, "No pairing code for session " + sessionId + " within "
                    + PAIRING_CODE_WAIT.toSeconds() + "s; WhatsApp did not answer in time, try again");
        }
        if (answer.pairingCode() == null) {
            throw new SessionStateConflictException(sessionId, "Pairing code not available for session " + sessionId
                    + ": " + answer.failure());
        }
        log.info("api.session.pairing_code sessionId={} commandId={}", sessionId, commandId);
        return new PairingCodeBody(answer.pairingCode());
    }

    /**
     * Idempotent, like the Node worker's {@code destroySession} ("already destroyed" is success). The command is
     * produced even for an id the read model does not know: the read model may lag a create that was just accepted,
     * and deleting nothing is harmless, while skipping it could leave that session (and its files) behind.
     */
    void delete(String sessionId) throws CommandRejectedException {
        if (directory.find(sessionId).isEmpty()) {
            log.info("api.session.delete.unknown sessionId={} answer=deleted command=produced", sessionId);
        }
        commands.submit(new DeleteSession(commandId(), sessionId, clock.instant()));
    }

    SessionView require(String sessionId) {
        return directory.find(sessionId).orElseThrow(() -> new SessionNotFoundException(sessionId));
    }

    private static String commandId() {
        return CommandSubmitter.newCommandId();
    }
}
