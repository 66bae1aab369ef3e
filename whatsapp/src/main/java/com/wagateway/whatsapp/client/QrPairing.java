package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import com.wagateway.whatsapp.pairing.PairingQr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * QR pairing on a registration connection (fact sheet §6): answers {@code pair-device}, shows one QR per ref
 * (the first for {@code firstQrTimeout}, each next for {@code nextQrTimeout}), ends the connection with
 * QR_EXPIRED when the refs run out, and handles {@code pair-success}: verified, stored, then acknowledged.
 * Runs on the client's serial executor.
 */
final class QrPairing {

    private static final System.Logger LOG = System.getLogger(QrPairing.class.getName());

    private final ClientContext context;
    private final Executor serial;
    private final CredentialsKeeper keeper;
    private final SessionListener listener;
    private final java.util.function.BiConsumer<NodeConnection, Node> onPaired;
    private ArrayDeque<String> refs;
    private ScheduledFuture<?> timer;

    /** @param onPaired runs after pair-success (the iq) was stored and answered */
    QrPairing(ClientContext context, Executor serial, CredentialsKeeper keeper, SessionListener listener,
              java.util.function.BiConsumer<NodeConnection, Node> onPaired) {
        this.context = context;
        this.serial = serial;
        this.keeper = keeper;
        this.listener = listener;
        this.onPaired = onPaired;
    }

    void onPairDevice(NodeConnection c, Node iq) {
        c.send(Node.of("iq", Attributes.of("to", NodeConnection.SERVER, "type", "result", "id",
                String.valueOf(iq.attr("id")))));
        if (keeper.credentials().isPaired()) {
            return;
        }
        ArrayDeque<String> received = new ArrayDeque<>();
        for (Node ref : iq.child("pair-device").children()) {
            String text = !ref.tag().equals("ref") ? null : switch (ref.content()) {
                case NodeContent.Bytes b -> new String(b.data(), StandardCharsets.UTF_8);
                case NodeContent.Text t -> t.text();
                default -> null;
            };
            if (text != null && !text.isEmpty() && text.indexOf(',') < 0 && text.indexOf('#') < 0) {
                received.add(text);
            }
        }
        stop();
        refs = received;
        showNext(c, context.config().firstQrTimeout());
    }

    /** Stops the rotation (pairing done, connection ended, client closed). */
    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        refs = null;
    }

    private void showNext(NodeConnection c, Duration lifetime) {
        timer = null;
        if (!c.isOpen() || refs == null) {
            return;
        }
        String ref = refs.poll();
        if (ref == null) {
            refs = null;
            c.end(CloseReasons.qrExpired());
            return;
        }
        Credentials creds = keeper.credentials();
        listener.qr(PairingQr.of(ref, creds.noiseKey().publicKey(), creds.identityKey().publicKey(),
                creds.advSecret(), context.config().browser().os(), context.config().browser().name()).text());
        timer = context.runtime().scheduler().schedule(
                () -> serial.execute(() -> showNext(c, context.config().nextQrTimeout())),
                lifetime.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onPairSuccess(NodeConnection c, Node iq) {
        if (keeper.credentials().isPaired()) {
            return;
        }
        switch (PairSuccess.verify(iq, keeper.credentials())) {
            case PairSuccess.Accepted accepted -> {
                try {
                    keeper.save(accepted.credentials()); // stored before the phone hears we accepted
                } catch (IOException e) {
                    c.send(Node.of("iq", Attributes.of("to", NodeConnection.SERVER, "type", "error", "id",
                                    String.valueOf(iq.attr("id"))),
                            List.of(Node.of("error", Attributes.of("code", "500", "text", "internal-error")))));
                    c.end(CloseReasons.pairingRejected(500, "credentials could not be stored: " + e.getMessage()));
                    return;
                }
                stop();
                LOG.log(System.Logger.Level.INFO, "event=paired sessionId={0} me={1} platform={2}",
                        context.sessionId(), accepted.credentials().me(), accepted.credentials().platform());
                c.send(accepted.reply());
                onPaired.accept(c, iq);
            }
            case PairSuccess.Rejected rejected -> {
                LOG.log(System.Logger.Level.WARNING, "event=pairing_refused sessionId={0} why=\"{1}\"",
                        context.sessionId(), rejected.why());
                c.send(rejected.reply());
                c.end(CloseReasons.pairingRejected(rejected.code(), rejected.why()));
            }
        }
    }
}
