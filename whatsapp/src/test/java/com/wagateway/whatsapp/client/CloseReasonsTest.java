package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BinaryDecodeException;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.noise.HandshakeError;
import com.wagateway.whatsapp.noise.HandshakeException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The close table, row by row. */
class CloseReasonsTest {

    private static Node streamError(String code, Node child) {
        Attributes attrs = code == null ? Attributes.empty() : Attributes.of("code", code);
        return child == null ? Node.of("stream:error", attrs) : Node.of("stream:error", attrs, List.of(child));
    }

    private static Node conflict(String type) {
        return Node.of("conflict", Attributes.of("type", type));
    }

    private static Node failure(String reason) {
        return Node.of("failure", Attributes.of("reason", reason));
    }

    private static void assertRow(CloseReason reason, CloseAction action, int code) {
        assertThat(reason.action()).as(reason.description()).isEqualTo(action);
        assertThat(reason.code()).as(reason.description()).isEqualTo(code);
    }

    @Test
    void streamError515IsRestart() {
        assertRow(CloseReasons.streamError(streamError("515", null), false), CloseAction.RESTART, 515);
        assertRow(CloseReasons.streamError(streamError("515", null), true), CloseAction.RESTART, 515);
    }

    @Test
    void deviceRemovedIsLoggedOutEvenRightAfterPairing() {
        assertRow(CloseReasons.streamError(streamError("401", conflict("device_removed")), false),
                CloseAction.LOGGED_OUT, 401);
        assertRow(CloseReasons.streamError(streamError("401", conflict("device_removed")), true),
                CloseAction.LOGGED_OUT, 401);
    }

    @Test
    void conflictReplacedWithoutCodeIsReplaced440() {
        assertRow(CloseReasons.streamError(streamError(null, conflict("replaced")), false), CloseAction.REPLACED, 440);
    }

    @Test
    void failure401IsLoggedOutExceptRightAfterPairing() {
        assertRow(CloseReasons.failure(failure("401"), false), CloseAction.LOGGED_OUT, 401);
        CloseReason afterPairing = CloseReasons.failure(failure("401"), true);
        assertRow(afterPairing, CloseAction.RECONNECT, 401);
        assertThat(afterPairing.description()).contains("after pairing");
        assertRow(CloseReasons.streamError(streamError("401", null), true), CloseAction.RECONNECT, 401);
    }

    @Test
    void clientOutdatedIsItsOwnAction() {
        assertRow(CloseReasons.failure(failure("405"), false), CloseAction.CLIENT_OUTDATED, 405);
        assertRow(CloseReasons.streamError(streamError("405", null), false), CloseAction.CLIENT_OUTDATED, 405);
        assertThat(CloseReasons.failure(failure("405"), false).description()).contains("client outdated");
        assertRow(CloseReasons.failure(failure("409"), false), CloseAction.CLIENT_OUTDATED, 409);
    }

    @Test
    void bannedIsFatal() {
        assertRow(CloseReasons.failure(failure("403"), false), CloseAction.FATAL, 403);
        assertRow(CloseReasons.streamError(streamError("403", null), false), CloseAction.FATAL, 403);
        assertRow(CloseReasons.failure(failure("402"), false), CloseAction.FATAL, 402);
    }

    @Test
    void transientCodesReconnect() {
        for (String code : new String[] {"408", "428", "500", "503", "418"}) {
            assertRow(CloseReasons.failure(failure(code), false), CloseAction.RECONNECT, Integer.parseInt(code));
            assertRow(CloseReasons.streamError(streamError(code, null), false), CloseAction.RECONNECT,
                    Integer.parseInt(code));
        }
        assertRow(CloseReasons.failure(Node.of("failure"), false), CloseAction.RECONNECT, 500);
        assertRow(CloseReasons.streamError(streamError(null, Node.of("ack")), false), CloseAction.RECONNECT, 500);
        assertRow(CloseReasons.streamError(streamError("garbage", null), false), CloseAction.RECONNECT, 500);
    }

    @Test
    void streamEndSocketCloseAndNetworkErrorsReconnect() {
        assertRow(CloseReasons.streamEnd(), CloseAction.RECONNECT, 428);
        assertRow(CloseReasons.socketClosed(1000), CloseAction.RECONNECT, 428);
        assertRow(CloseReasons.streamFailure(new IOException("reset")), CloseAction.RECONNECT, 428);
        assertRow(CloseReasons.connectFailed(new CompletionException(new IOException("refused"))),
                CloseAction.RECONNECT, 428);
        assertRow(CloseReasons.connectFailed(new TimeoutException()), CloseAction.RECONNECT, 408);
        assertRow(CloseReasons.connectionLost(), CloseAction.RECONNECT, 408);
    }

    @Test
    void decodeErrorsReconnect() {
        assertRow(CloseReasons.undecodableNode(new BinaryDecodeException("bad tag", 0, 7)), CloseAction.RECONNECT,
                500);
    }

    @Test
    void certificateFailuresAreFatalAndSaySo() {
        CloseReason reason = CloseReasons.connectFailed(new CompletionException(
                new HandshakeException(new HandshakeError.BadIntermediateSignature())));
        assertRow(reason, CloseAction.FATAL, 0);
        assertThat(reason.description()).contains("server certificate did not verify");
        assertRow(CloseReasons.connectFailed(new HandshakeException(new HandshakeError.LeafKeyMismatch())),
                CloseAction.FATAL, 0);
        assertRow(CloseReasons.connectFailed(new HandshakeException(
                new HandshakeError.CertificateNotValidNow("leaf", 0, 1, 2))), CloseAction.FATAL, 0);
        assertRow(CloseReasons.connectFailed(new HandshakeException(new HandshakeError.DecryptionFailed("static"))),
                CloseAction.RECONNECT, 0);
    }

    @Test
    void clientSideEnds() {
        assertRow(CloseReasons.qrExpired(), CloseAction.QR_EXPIRED, 408);
        assertThat(CloseReasons.qrExpired().description()).isEqualTo("QR code was not scanned in time");
        assertRow(CloseReasons.closedByClient(), CloseAction.CLOSED_BY_CLIENT, 0);
        assertRow(CloseReasons.loggedOutByClient(), CloseAction.CLOSED_BY_CLIENT, 0);
        assertRow(CloseReasons.pairingRejected(401, "x"), CloseAction.FATAL, 401);
        assertRow(CloseReasons.multideviceMismatch(), CloseAction.FATAL, 411);
        CloseReason gaveUp = CloseReasons.gaveUp(CloseReasons.connectionLost(), 3);
        assertRow(gaveUp, CloseAction.RECONNECT, 408);
        assertThat(gaveUp.description()).startsWith("gave up after 3 attempts: ");
    }

    @Test
    void failure406IsLoggedOut() {
        assertRow(CloseReasons.failure(failure("406"), false), CloseAction.LOGGED_OUT, 406);
    }
}
