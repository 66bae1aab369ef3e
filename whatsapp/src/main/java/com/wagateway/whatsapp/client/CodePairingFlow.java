package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.jid.Jid;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The companion's steps of phone-number code pairing (fact sheet §7) on a registration connection:
 * companion_hello with the code-wrapped ephemeral key, then, on the phone's {@code link_code_companion_reg}
 * notification, the key bundle, the derived ADV secret (stored) and companion_finish. The server then continues
 * as for a QR scan (pair-success). PBKDF2 runs on the common pool, everything else on the serial executor.
 */
final class CodePairingFlow {

    private static final System.Logger LOG = System.getLogger(CodePairingFlow.class.getName());

    private final ClientContext context;
    private final Executor serial;
    private final CredentialsKeeper keeper;
    private String code;
    private Jid phone;

    CodePairingFlow(ClientContext context, Executor serial, CredentialsKeeper keeper) {
        this.context = context;
        this.serial = serial;
        this.keeper = keeper;
    }

    /** Forgets a pending code (the connection it was announced on ended, or pairing finished). */
    void reset() {
        code = null;
        phone = null;
    }

    /** Sends companion_hello on {@code c} (open, unpaired); completes with the code as {@code ABCD-1234}. */
    void request(NodeConnection c, String digits, CompletableFuture<String> result) {
        String newCode = CodePairing.newCode(context.runtime().random());
        Jid newPhone = Jid.of(digits, Jid.WHATSAPP);
        byte[] ephemeralPub = keeper.credentials().pairingEphemeralKey().publicKey();
        CompletableFuture.supplyAsync(() -> CodePairing.wrap(newCode, ephemeralPub, context.runtime().random()))
                .whenComplete((wrapped, error) -> serial.execute(() -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                        return;
                    }
                    if (!c.isOpen()) {
                        result.completeExceptionally(new IllegalStateException("connection ended"));
                        return;
                    }
                    code = newCode;
                    phone = newPhone;
                    c.query(CodePairing.companionHello(c.nextId(), newPhone, wrapped,
                            keeper.credentials().noiseKey().publicKey(), context.config().browser()))
                            .whenComplete((answer, iqError) -> {
                                if (iqError != null) {
                                    result.completeExceptionally(iqError);
                                } else {
                                    result.complete(CodePairing.display(newCode));
                                }
                            });
                }));
    }

    /** The phone entered the code: {@code reg} is the notification's {@code link_code_companion_reg} child. */
    void onNotification(NodeConnection c, Node reg) {
        String pendingCode = code;
        Jid pendingPhone = phone;
        if (reg == null || pendingCode == null || keeper.credentials().isPaired()) {
            return;
        }
        byte[] ref = bytesOf(reg.child("link_code_pairing_ref"));
        byte[] primaryIdentity = bytesOf(reg.child("primary_identity_pub"));
        byte[] wrappedPrimary = bytesOf(reg.child("link_code_pairing_wrapped_primary_ephemeral_pub"));
        if (ref == null || primaryIdentity == null || primaryIdentity.length != 32 || wrappedPrimary == null) {
            LOG.log(System.Logger.Level.WARNING, "event=code_pairing_malformed sessionId={0}", context.sessionId());
            return;
        }
        CompletableFuture.supplyAsync(() -> {
            try {
                return CodePairing.unwrap(pendingCode, wrappedPrimary);
            } catch (CryptoException e) {
                throw new CompletionException(e);
            }
        }).whenComplete((primaryEphemeral, error) -> serial.execute(() -> {
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "event=code_pairing_failed sessionId={0} error={1}",
                        context.sessionId(), LoginSequence.rootMessage(error));
                return;
            }
            if (!c.isOpen()) {
                return;
            }
            try {
                CodePairing.Finish finish = CodePairing.finish(keeper.credentials(), primaryIdentity,
                        primaryEphemeral, context.runtime().random());
                // the phone HMACs pair-success with the derived secret: keep it before answering
                keeper.save(keeper.credentials().withAdvSecret(finish.advSecret()));
                c.query(CodePairing.companionFinish(c.nextId(), pendingPhone, finish.wrappedKeyBundle(),
                        keeper.credentials().identityKey().publicKey(), ref)).whenComplete((ok, iqError) -> {
                            if (iqError != null) {
                                LOG.log(System.Logger.Level.WARNING,
                                        "event=companion_finish_failed sessionId={0} error={1}",
                                        context.sessionId(), iqError.getMessage());
                            }
                        });
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "event=code_pairing_failed sessionId={0} error={1}",
                        context.sessionId(), e.toString());
            }
        }));
    }

    private static byte[] bytesOf(Node node) {
        return node == null ? null : node.contentBytes();
    }
}
