package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.noise.HandshakeError;
import com.wagateway.whatsapp.noise.HandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one table of how a connection can end and what the client does then (fact sheet §8.5; codes are Baileys'
 * {@code DisconnectReason} numbers). Every end of a connection is classified here and nowhere else; the first
 * classified reason of a connection wins (the socket close that follows a stream error does not override it).
 *
 * <pre>
 * stream:error code=515                          RESTART          515 restart required (after pairing)
 * stream:error code=401 conflict type=device_removed  LOGGED_OUT  401
 * stream:error conflict type=replaced (no code)  REPLACED         440
 * stream:error / failure 401 (other)             LOGGED_OUT       401, but RECONNECT during the grace after pairing
 * failure 405 / 409, stream:error 405            CLIENT_OUTDATED  405/409 version or user agent refused
 * failure 403 / 402, stream:error 403            FATAL            banned or locked
 * failure 406                                    LOGGED_OUT       406 logged out for an unknown reason
 * ib downgrade_webclient                         FATAL            411 multi-device mismatch
 * 408, 428, 500, 503 and any other code          RECONNECT
 * xmlstreamend                                   RECONNECT        428
 * socket closed, network error, timeout          RECONNECT        428 / 408
 * garbage frame, undecodable or oversized node   RECONNECT        500
 * nothing received for keep-alive + 5 s          RECONNECT        408 connection was lost
 * handshake: certificate chain did not verify    FATAL            0 "server certificate did not verify: …"
 * handshake: other failure                       RECONNECT        0
 * all pairing refs expired                       QR_EXPIRED       408 QR code was not scanned in time
 * pair-success failed verification               FATAL            401/500
 * close() / logout()                             CLOSED_BY_CLIENT 0
 * </pre>
 */
public final class CloseReasons {

    public static final int RESTART_REQUIRED = 515;
    public static final int LOGGED_OUT = 401;
    public static final int FORBIDDEN = 403;
    public static final int CLIENT_OUTDATED = 405;
    public static final int TIMED_OUT = 408;
    public static final int MULTIDEVICE_MISMATCH = 411;
    public static final int CONNECTION_CLOSED = 428;
    public static final int REPLACED = 440;
    public static final int BAD_SESSION = 500;

    /** The description fragment every certificate failure carries (the worker shows it to users). */
    public static final String CERTIFICATE_NOT_VERIFIED = "server certificate did not verify";

    private CloseReasons() {
    }

    /**
     * {@code <stream:error>}: status is the {@code code} attribute, else 440 for a conflict, else 500 (Baileys
     * {@code getErrorCodeFromStreamError}); reason is the first child's tag.
     *
     * @param freshPairing true while the client is in the restart that follows a pairing (see class doc)
     */
    public static CloseReason streamError(Node node, boolean freshPairing) {
        String code = node.attr("code");
        Node first = node.children().isEmpty() ? null : node.children().getFirst();
        String reasonTag = first == null ? "unknown" : first.tag();
        String conflictType = first != null && first.tag().equals("conflict") ? first.attr("type") : null;
        if ("515".equals(code)) {
            return new CloseReason(CloseAction.RESTART, RESTART_REQUIRED, "restart required");
        }
        if ("device_removed".equals(conflictType)) {
            return new CloseReason(CloseAction.LOGGED_OUT, LOGGED_OUT,
                    "device removed: the phone unlinked this device (stream error)");
        }
        if (code == null && "conflict".equals(reasonTag)) {
            // Baileys CODE_MAP: conflict → 440 connectionReplaced; "replaced" is the type the server sends
            return new CloseReason(CloseAction.REPLACED, REPLACED, "connection replaced: another connection took "
                    + "over this device" + (conflictType == null || conflictType.equals("replaced") ? ""
                    : " (conflict " + conflictType + ")"));
        }
        int status = code != null ? parseStatus(code) : BAD_SESSION;
        return byStatus(status, "stream error " + status + " (" + reasonTag + ")", freshPairing);
    }

    /** {@code <failure reason=…>}: login refused with that status (default 500). */
    public static CloseReason failure(Node node, boolean freshPairing) {
        String reason = node.attr("reason");
        int status = reason == null ? BAD_SESSION : parseStatus(reason);
        String message = node.attr("message");
        return byStatus(status, "login failure " + status + (message == null ? "" : " (" + message + ")"),
                freshPairing);
    }

    private static CloseReason byStatus(int status, String what, boolean freshPairing) {
        return switch (status) {
            case LOGGED_OUT -> freshPairing
                    ? new CloseReason(CloseAction.RECONNECT, LOGGED_OUT,
                            what + " right after pairing: retried, the fresh pairing is kept")
                    : new CloseReason(CloseAction.LOGGED_OUT, LOGGED_OUT, what + ": logged out");
            case 406 -> new CloseReason(CloseAction.LOGGED_OUT, 406, what + ": logged out for an unknown reason");
            case 402 -> new CloseReason(CloseAction.FATAL, 402, what + ": account temporarily banned");
            case FORBIDDEN -> new CloseReason(CloseAction.FATAL, FORBIDDEN, what + ": account banned or locked");
            case CLIENT_OUTDATED -> new CloseReason(CloseAction.CLIENT_OUTDATED, CLIENT_OUTDATED,
                    what + ": client outdated, the server refused the announced WhatsApp Web version");
            case 409 -> new CloseReason(CloseAction.CLIENT_OUTDATED, 409,
                    what + ": client user agent refused by the server");
            case RESTART_REQUIRED -> new CloseReason(CloseAction.RESTART, RESTART_REQUIRED, "restart required");
            case MULTIDEVICE_MISMATCH -> multideviceMismatch();
            default -> new CloseReason(CloseAction.RECONNECT, status, what);
        };
    }

    private static int parseStatus(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return BAD_SESSION;
        }
    }

    /** {@code <xmlstreamend/>}: the server ended the stream. */
    public static CloseReason streamEnd() {
        return new CloseReason(CloseAction.RECONNECT, CONNECTION_CLOSED, "connection terminated by the server");
    }

    /** The WebSocket closed without a protocol reason first. */
    public static CloseReason socketClosed(int webSocketStatus) {
        return new CloseReason(CloseAction.RECONNECT, CONNECTION_CLOSED,
                "connection closed (WebSocket status " + webSocketStatus + ")");
    }

    /** An I/O or stream failure after the handshake: network error, garbage frame, bad decryption. */
    public static CloseReason streamFailure(Throwable error) {
        Throwable cause = unwrap(error);
        return new CloseReason(CloseAction.RECONNECT, CONNECTION_CLOSED, "connection failed: " + describe(cause));
    }

    /** A frame whose node does not decode or breaks the codec's limits. */
    public static CloseReason undecodableNode(Throwable error) {
        return new CloseReason(CloseAction.RECONNECT, BAD_SESSION, "undecodable node from the server: "
                + describe(unwrap(error)));
    }

    /** Nothing arrived for keep-alive interval + 5 s (§8.3). */
    public static CloseReason connectionLost() {
        return new CloseReason(CloseAction.RECONNECT, TIMED_OUT, "connection was lost (no traffic from the server)");
    }

    /** Opening the socket or the Noise handshake failed. */
    public static CloseReason connectFailed(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof HandshakeException handshake && isCertificateError(handshake.error())) {
            return new CloseReason(CloseAction.FATAL, 0,
                    CERTIFICATE_NOT_VERIFIED + ": " + handshake.error().describe());
        }
        if (cause instanceof HandshakeException handshake) {
            return new CloseReason(CloseAction.RECONNECT, 0, "handshake failed: " + handshake.error().describe());
        }
        if (cause instanceof TimeoutException) {
            return new CloseReason(CloseAction.RECONNECT, TIMED_OUT, "handshake timed out");
        }
        return new CloseReason(CloseAction.RECONNECT, CONNECTION_CLOSED, "could not connect: " + describe(cause));
    }

    private static boolean isCertificateError(HandshakeError error) {
        return switch (error) {
            case HandshakeError.MalformedCertificate e -> true;
            case HandshakeError.BadIntermediateSignature e -> true;
            case HandshakeError.BadLeafSignature e -> true;
            case HandshakeError.IssuerSerialMismatch e -> true;
            case HandshakeError.LeafKeyMismatch e -> true;
            case HandshakeError.CertificateNotValidNow e -> true;
            case HandshakeError.MalformedMessage e -> false;
            case HandshakeError.DecryptionFailed e -> false;
            case HandshakeError.InvalidPeerKey e -> false;
        };
    }

    /** {@code <ib><downgrade_webclient/></ib>} (Baileys: 411). */
    public static CloseReason multideviceMismatch() {
        return new CloseReason(CloseAction.FATAL, MULTIDEVICE_MISMATCH,
                "multi-device mismatch: the server downgraded this web client");
    }

    /** The pairing refs ran out unscanned (§6 step 4). */
    public static CloseReason qrExpired() {
        return new CloseReason(CloseAction.QR_EXPIRED, TIMED_OUT, "QR code was not scanned in time");
    }

    /** pair-success did not verify (HMAC, account signature) or could not be stored. */
    public static CloseReason pairingRejected(int code, String why) {
        return new CloseReason(CloseAction.FATAL, code, "pairing refused: " + why);
    }

    /** The stored credentials cannot be used. */
    public static CloseReason corruptCredentials(String why) {
        return new CloseReason(CloseAction.FATAL, 0, "stored credentials unusable: " + why);
    }

    public static CloseReason closedByClient() {
        return new CloseReason(CloseAction.CLOSED_BY_CLIENT, 0, "closed by the client");
    }

    public static CloseReason loggedOutByClient() {
        return new CloseReason(CloseAction.CLOSED_BY_CLIENT, 0, "logged out by the client");
    }

    /** {@code RECONNECT} after the policy's last attempt. */
    public static CloseReason gaveUp(CloseReason last, int attempts) {
        return new CloseReason(CloseAction.RECONNECT, last.code(),
                "gave up after " + attempts + " attempts: " + last.description());
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
