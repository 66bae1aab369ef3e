package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the reference does after {@code <success>}, in its order (fact sheet §8.1, Baileys 7.x): prekey count and
 * upload, passive → active, key-bundle digest, then props, blocklist and privacy together, then presence when a
 * push name is set. Like Baileys, a failed step is logged and the sequence goes on; the connection counts as open
 * when it completes. Runs on the client's serial executor (IQ answers complete there).
 */
final class LoginSequence {

    private static final System.Logger LOG = System.getLogger(LoginSequence.class.getName());

    private final ClientContext context;
    private final PreKeyUploader preKeys;

    LoginSequence(ClientContext context, PreKeyUploader preKeys) {
        this.context = context;
        this.preKeys = preKeys;
    }

    CompletableFuture<Void> run(NodeConnection c) {
        return step("prekey_count", c.query(iq("encrypt", "get", Node.of("count")))
                .thenCompose(answer -> {
                    int count = countOf(answer);
                    LOG.log(System.Logger.Level.INFO, "event=prekey_count sessionId={0} serverCount={1}",
                            context.sessionId(), String.valueOf(count));
                    // Baileys 7.x also uploads when the newest prekey it handed out is missing locally
                    if (count <= PreKeyUploader.MIN_PREKEY_COUNT || !preKeys.currentPreKeyStored()) {
                        return preKeys.upload(c, count == 0 ? context.config().initialPreKeys()
                                : PreKeyUploader.MIN_PREKEY_COUNT);
                    }
                    return CompletableFuture.completedFuture(null);
                }))
                .thenCompose(v -> step("passive_active", c.query(iq("passive", "set", Node.of("active")))))
                .thenCompose(v -> step("digest", c.query(iq("encrypt", "get", Node.of("digest")))
                        .thenCompose(answer -> answer.child("digest") != null
                                ? CompletableFuture.completedFuture(null)
                                : preKeys.upload(c, PreKeyUploader.MIN_PREKEY_COUNT))))
                .thenCompose(v -> CompletableFuture.allOf(
                        step("props", c.query(iq("abt", "get", Node.of("props", Attributes.of("protocol", "1"))))),
                        step("blocklist", c.query(Node.of("iq", Attributes.of("xmlns", "blocklist", "to",
                                NodeConnection.SERVER, "type", "get")))),
                        step("privacy", c.query(iq("privacy", "get", Node.of("privacy"))))))
                .thenRun(() -> {
                    String pushName = context.config().pushName();
                    if (pushName != null && !pushName.isBlank()) {
                        c.send(Node.of("presence", Attributes.of("name", pushName.replace("@", ""), "type",
                                "available")));
                    }
                });
    }

    private CompletableFuture<Void> step(String name, CompletableFuture<?> future) {
        return future.handle((ok, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "event=login_step_failed sessionId={0} step={1} error={2}",
                        context.sessionId(), name, rootMessage(error));
            }
            return null;
        });
    }

    private static Node iq(String xmlns, String type, Node child) {
        return Node.of("iq", Attributes.of("xmlns", xmlns, "type", type, "to", NodeConnection.SERVER), List.of(child));
    }

    private static int countOf(Node answer) {
        Node count = answer.child("count");
        String value = count == null ? null : count.attr("value");
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t != t.getCause()) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
