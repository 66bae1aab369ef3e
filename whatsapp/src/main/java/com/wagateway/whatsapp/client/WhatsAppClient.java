package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.auth.LidMappingStore;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BinaryDecoder;
import com.wagateway.whatsapp.binary.CodecLimits;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.client.messaging.MessageSendException;
import com.wagateway.whatsapp.client.messaging.Messaging;
import com.wagateway.whatsapp.client.messaging.Stanzas;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.media.MediaHashes;
import com.wagateway.whatsapp.media.MediaSource;
import com.wagateway.whatsapp.media.MediaTransferException;
import com.wagateway.whatsapp.media.MediaTransfers;
import com.wagateway.whatsapp.media.UploadedMedia;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * One WhatsApp Web companion session: connects, pairs (QR or phone code) when the store holds no credentials,
 * logs in, keeps the connection alive and reconnects by its {@link ReconnectPolicy}. Everything it learns arrives
 * on the {@link SessionListener}.
 *
 * <p>All state lives on one {@link SerialExecutor} over the shared scheduler: transport callbacks, timers and API
 * calls are posted there, so no locks and no thread per session. Each end of a connection is classified once by
 * {@link CloseReasons}; {@link #afterEnd} is the only place that acts on a {@link CloseAction} (retryable ones through
 * {@link Reconnects}). Stanzas are routed by {@link StanzaDispatch}; media transfers live in {@link MediaTransfers}.
 */
public final class WhatsAppClient {

    private static final System.Logger LOG = System.getLogger(WhatsAppClient.class.getName());
    private static final Pattern PHONE_DIGITS = Pattern.compile("[1-9][0-9]{4,19}");
    /** 401s classified as retryable after a pairing, before a 401 counts as a logout again. */
    static final int PAIRING_GRACE_401S = 3;
    /** Thread-safe and stateless: one for all clients. */
    private static final BinaryDecoder DECODER = new BinaryDecoder(CodecLimits.DEFAULT);

    private final ClientContext context;
    private final SessionListener listener;
    private final SerialExecutor serial;
    private final Keeper keeper = new Keeper();
    private final PreKeyUploader preKeys;
    private final LoginSequence loginSequence;
    private final QrPairing qrPairing;
    private final CodePairingFlow codePairing;
    private final Reconnects reconnects;
    private final ClientMediaLink mediaLink;
    private final MediaTransfers media;
    private final StanzaDispatch dispatch;
    private final ServerClock serverClock;

    // state below: touched only on the serial executor
    private Credentials creds;
    private NodeConnection current;
    private boolean loggedIn;
    private boolean closed;
    private int pairingGrace;
    private CompletableFuture<Void> logoutResult;
    private Messaging messaging; // from the first login on

    private WhatsAppClient(ClientContext context, SessionListener listener, Credentials creds) {
        this.context = context;
        this.listener = new GuardedListener(listener, context.sessionId());
        this.serial = new SerialExecutor(context.runtime().tasks(), context.sessionId());
        this.preKeys = new PreKeyUploader(context, keeper);
        this.loginSequence = new LoginSequence(context, preKeys);
        this.qrPairing = new QrPairing(context, serial, keeper, this.listener, this::onPaired);
        this.codePairing = new CodePairingFlow(context, serial, keeper);
        this.creds = creds;
        this.reconnects = new Reconnects(context, serial, this.listener, this::connect, this::finish);
        this.mediaLink = new ClientMediaLink(serial,
                () -> loggedIn && !closed && current != null && current.isOpen() ? current : null);
        ClientRuntime runtime = context.runtime();
        this.media = new MediaTransfers(context.sessionId(), context.config().media(), mediaLink, runtime.media(),
                runtime.scheduler(), runtime.random(), runtime.clock());
        this.serverClock = new ServerClock(context);
        this.dispatch = new StanzaDispatch(context, new DispatchSession(), qrPairing, codePairing, preKeys, media);
        if (creds.isPaired()) {
            mediaLink.loggedIn(creds.me());
        }
    }

    /**
     * Reads the credentials (none: a new device that will pair) and starts connecting; returns at once.
     *
     * @param sessionId for logs only
     * @throws IOException when the stored credentials cannot be read (a
     *                     {@link com.wagateway.whatsapp.auth.CredentialsFormatException} when they are corrupt)
     */
    public static WhatsAppClient start(String sessionId, ClientConfig config, ClientRuntime runtime,
                                       CredentialStore store, SessionListener listener) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(listener, "listener");
        Optional<byte[]> stored = store.read(CredentialsKeeper.CREDS);
        Credentials creds = stored.isPresent() ? Credentials.decode(stored.get())
                : Credentials.generate(runtime.random());
        WhatsAppClient client = new WhatsAppClient(new ClientContext(sessionId, config, runtime, store), listener,
                creds);
        LOG.log(System.Logger.Level.INFO, "event=client_start sessionId={0} paired={1}", sessionId,
                creds.isPaired());
        client.serial.execute(client::connect);
        return client;
    }

    /**
     * Phone-number pairing (§7) on the current unpaired connection: completes with the 8-character code shown as
     * {@code ABCD-1234}; fails when the session is already paired or not connected to the server.
     */
    public CompletableFuture<String> requestPairingCode(String phoneNumberDigits) {
        CompletableFuture<String> result = new CompletableFuture<>();
        if (phoneNumberDigits == null || !PHONE_DIGITS.matcher(phoneNumberDigits).matches()) {
            result.completeExceptionally(new IllegalArgumentException(
                    "phone number must be 5 to 20 digits with country code, no '+'"));
            return result;
        }
        serial.execute(() -> {
            NodeConnection c = current;
            if (closed || creds.isPaired()) {
                result.completeExceptionally(new IllegalStateException(closed ? "client is closed" : "already paired"));
            } else if (c == null || !c.isOpen()) {
                result.completeExceptionally(new IllegalStateException("not connected to the server"));
            } else {
                codePairing.request(c, phoneNumberDigits, result);
            }
        });
        return result;
    }

    /**
     * Tells the server to remove this companion device (§8.5), then closes; {@link SessionListener#closed} follows
     * with {@link CloseAction#CLOSED_BY_CLIENT}. Fails when the server did not confirm.
     */
    public CompletableFuture<Void> logout() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        serial.execute(() -> startLogout(result));
        return result;
    }

    /**
     * Sends a text message end to end encrypted (fact sheet §10.4, §10.5): to a user ({@code @s.whatsapp.net} or
     * {@code @lid}) or a group ({@code @g.us}). Completes with {@link SentMessage} on the server's ack; fails on a
     * nack, an error, no ack within the configured timeout, or when not logged in. Later receipts arrive as
     * {@link SessionListener#messageStatus}.
     *
     * @param messageId the id to use, in the reference's format (22 characters, {@code 3EB0} + 18 upper-case hex; the worker's {@code MessageIdGenerator} makes them)
     */
    public CompletableFuture<SentMessage> sendText(String messageId, Jid to, String text) {
        if (text == null) {
            return CompletableFuture.failedFuture(new MessageSendException(MessageSendException.INVALID_RECIPIENT,
                    "message id, recipient and text are required"));
        }
        return sendMessage(messageId, to, Message.newBuilder().setConversation(text).build());
    }

    /**
     * Sends any content message as {@link #sendText} does: a media message built by
     * {@link com.wagateway.whatsapp.media.MediaMessages} from an {@link #uploadMedia} result, for instance.
     */
    public CompletableFuture<SentMessage> sendMessage(String messageId, Jid to, Message content) {
        CompletableFuture<SentMessage> result = new CompletableFuture<>();
        serial.execute(() -> {
            NodeConnection c = current;
            if (closed || messaging == null || !loggedIn || c == null || !c.isOpen()) {
                result.completeExceptionally(new MessageSendException(MessageSendException.NOT_CONNECTED,
                        closed ? "client is closed" : "not logged in"));
                return;
            }
            messaging.send(messageId, to, content).whenComplete((sent, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(sent);
                }
            });
        });
        return result;
    }

    /**
     * Encrypts a file (streaming, fact sheet §11.3) on the runtime's media executor and uploads the blob to a media
     * host from the server's {@code media_conn} answer (cached until its TTL; the next host is tried when one fails,
     * then all once more with a fresh answer). The result feeds {@link com.wagateway.whatsapp.media.MediaMessages}.
     * Fails with a {@link MediaTransferException}: NOT_CONNECTED, TOO_LARGE (over {@code maxBytes} or every host's
     * limit), HOST_ERROR or TIMEOUT (no host took it), IO (the file cannot be read), TOO_BUSY (the runtime's media
     * queue is full).
     */
    public CompletableFuture<UploadedMedia> uploadMedia(Path plaintext, MediaType type, long maxBytes) {
        return media.upload(plaintext, type, maxBytes);
    }

    /**
     * Downloads a received message's media, verifies its MAC and hashes, and decrypts it to {@code target} (moved
     * into place only when everything verified). When the host answers 403, 404 or 410 the client sends the
     * media-retry request to the phone, waits for its answer ({@code MediaSettings.retryTimeout}) and downloads from
     * the new path once. Fails with a {@link MediaTransferException}: VERIFICATION, TOO_LARGE, GONE, RETRY_FAILED,
     * HOST_ERROR, TIMEOUT, NOT_CONNECTED (a retry needs the connection), IO or TOO_BUSY (the runtime's media queue is
     * full); never leaves a partial {@code target}.
     */
    public CompletableFuture<MediaHashes> downloadMedia(IncomingMessage message, Path target, long maxBytes) {
        Jid participant = message.chat() != null && Jid.GROUP.equals(message.chat().server()) ? message.sender() : null;
        return media.download(new MediaSource(message.messageId(), message.chat(), message.fromMe(), participant,
                message.media()), target, maxBytes);
    }

    /** Closes the connection and stops reconnecting; credentials stay (a later start logs in without a QR). */
    public void close() {
        serial.execute(() -> finish(CloseReasons.closedByClient()));
    }

    // ---- connecting and ending -------------------------------------------------------------------------------

    private void connect() {
        if (closed) {
            return;
        }
        reconnects.connecting();
        loggedIn = false;
        NodeConnection connection = new NodeConnection(context, serial, new Events(), DECODER);
        current = connection;
        ClientConfig config = context.config();
        byte[] payload = creds.isPaired()
                ? ClientPayloads.login(creds.me(), config.version(), config.browser(), config.pushName(),
                        ClientPayloads.DEFAULT_COUNTRY)
                : ClientPayloads.registration(creds, config.version(), config.browser(), config.pushName(),
                        ClientPayloads.DEFAULT_COUNTRY);
        LOG.log(System.Logger.Level.INFO, "event=connecting sessionId={0} mode={1}", context.sessionId(),
                creds.isPaired() ? "login" : "registration");
        connection.open(creds.noiseKey(), payload, creds.routingInfo()).whenComplete((ok, error) -> {
            if (error != null && connection == current) {
                current = null;
                afterEnd(CloseReasons.connectFailed(error));
            }
        });
    }

    /** The one place a {@link CloseAction} is acted on. */
    private void afterEnd(CloseReason reason) {
        qrPairing.stop();
        codePairing.reset();
        if (messaging != null) {
            messaging.disconnected(reason.description());
        }
        if (closed) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "event=connection_ended sessionId={0} action={1} code={2} reason=\"{3}\"",
                context.sessionId(), reason.action(), String.valueOf(reason.code()), reason.description());
        if (logoutResult != null && reason.action() == CloseAction.LOGGED_OUT) {
            // the server unlinked us while confirming our own logout: that is the confirmation
            deleteCredentials();
            logoutResult.complete(null);
            finish(CloseReasons.loggedOutByClient());
            return;
        }
        if (Reconnects.isRetryable(reason.action())) {
            reconnects.ended(reason);
            return;
        }
        if (reason.action() == CloseAction.LOGGED_OUT) {
            deleteCredentials();
        }
        finish(reason);
    }

    /** Stops for good: one {@link SessionListener#closed} call, nothing after it. */
    private void finish(CloseReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        qrPairing.stop();
        codePairing.reset();
        reconnects.cancel();
        NodeConnection connection = current;
        current = null;
        if (connection != null) {
            connection.end(reason);
        }
        if (messaging != null) {
            messaging.disconnected(reason.description());
        }
        if (logoutResult != null && !logoutResult.isDone()) {
            logoutResult.completeExceptionally(new IllegalStateException("closed: " + reason.description()));
        }
        LOG.log(System.Logger.Level.INFO, "event=client_closed sessionId={0} action={1} code={2} reason=\"{3}\"",
                context.sessionId(), reason.action(), String.valueOf(reason.code()), reason.description());
        listener.closed(reason);
    }

    private void deleteCredentials() {
        try {
            context.store().delete(CredentialsKeeper.CREDS);
            context.store().delete(CredentialsKeeper.PREKEYS);
            // sessions, identities and sender keys cannot be listed through a CredentialStore; the application
            // drops the session's storage (the worker deletes its folder), the mapping's fixed entries go here
            new LidMappingStore(context.store()).clear();
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "event=credentials_delete_failed sessionId={0} error={1}",
                    context.sessionId(), e.toString());
        }
    }

    // ---- the client's side of the stanza dispatch ----------------------------------------------------------------

    /** A 401 let through by the post-pairing grace uses up one retry of it. */
    private CloseReason classify401(CloseReason reason) {
        if (reason.code() == CloseReasons.LOGGED_OUT && reason.action() == CloseAction.RECONNECT) {
            pairingGrace--;
        }
        return reason;
    }

    /** The client state {@link StanzaDispatch} reads, as it is at each stanza. */
    private final class DispatchSession implements StanzaDispatch.Session {
        @Override
        public Jid me() {
            return creds.me();
        }

        @Override
        public boolean loggedIn() {
            return loggedIn;
        }

        @Override
        public Messaging messaging() {
            return messaging;
        }

        @Override
        public boolean inPairingGrace() {
            return pairingGrace > 0;
        }

        @Override
        public CloseReason counted(CloseReason reason) {
            return classify401(reason);
        }

        @Override
        public void onSuccess(NodeConnection c, Node success) {
            WhatsAppClient.this.onSuccess(c, success);
        }

        @Override
        public void routingInfo(byte[] info) {
            save(creds.withRoutingInfo(info));
        }
    }

    // ---- login (§8.1) -----------------------------------------------------------------------------------------

    private void onSuccess(NodeConnection c, Node success) {
        if (!creds.isPaired() || loggedIn) {
            return;
        }
        loggedIn = true;
        pairingGrace = 0;
        qrPairing.stop();
        serverClock.update(success.attr("t"));
        Jid lid = Jid.tryParse(success.attr("lid"));
        if (lid != null && !lid.equals(creds.meLid())) {
            save(creds.withMeLid(lid));
        }
        if (messaging == null) {
            messaging = MessagingFactory.create(context, keeper, preKeys, listener, serial, new ClientStanzas());
        }
        messaging.loggedIn(creds.me(), creds.meLid());
        mediaLink.loggedIn(creds.me());
        loginSequence.run(c).whenComplete((ok, error) -> {
            if (c != current || !c.isOpen() || closed) {
                return;
            }
            if (!save(creds)) {
                c.end(CloseReasons.corruptCredentials("credentials could not be written"));
                return;
            }
            reconnects.connected();
            LOG.log(System.Logger.Level.INFO, "event=connected sessionId={0} me={1}", context.sessionId(),
                    creds.me());
            listener.connected(creds.me(), creds.meLid());
            c.send(serverClock.unifiedSession());
        });
    }

    /** After a pair-success was stored and answered: the 515 restart follows. */
    private void onPaired(NodeConnection c, Node pairSuccess) {
        codePairing.reset();
        pairingGrace = PAIRING_GRACE_401S;
        reconnects.paired();
        serverClock.update(pairSuccess.attr("t"));
        c.send(serverClock.unifiedSession());
    }

    // ---- logout -----------------------------------------------------------------------------------------------

    private void startLogout(CompletableFuture<Void> result) {
        NodeConnection c = current;
        if (closed || c == null || !c.isOpen() || !loggedIn || logoutResult != null) {
            result.completeExceptionally(new IllegalStateException(
                    closed ? "client is closed" : logoutResult != null ? "logout already running" : "not connected"));
            return;
        }
        logoutResult = result;
        c.query(Node.of("iq", Attributes.of("to", NodeConnection.SERVER, "type", "set", "xmlns", "md"),
                        List.of(Node.of("remove-companion-device",
                                Attributes.of("jid", creds.me().toString(), "reason", "user_initiated")))))
                .whenComplete((answer, error) -> {
                    if (result.isDone()) {
                        return;
                    }
                    if (error != null) {
                        logoutResult = null;
                        result.completeExceptionally(error);
                        return;
                    }
                    deleteCredentials();
                    result.complete(null);
                    finish(CloseReasons.loggedOutByClient());
                });
    }

    // ---- credentials ------------------------------------------------------------------------------------------

    private boolean save(Credentials updated) {
        try {
            keeper.save(updated);
            return true;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "event=credentials_write_failed sessionId={0} error={1}",
                    context.sessionId(), e.toString());
            return false;
        }
    }

    private final class Keeper implements CredentialsKeeper {
        @Override
        public Credentials credentials() {
            return creds;
        }

        @Override
        public void save(Credentials updated) throws IOException {
            context.store().write(CREDS, updated.encode());
            creds = updated;
        }
    }

    /** Messaging's view of the connection: always the current one. */
    private final class ClientStanzas implements Stanzas {
        @Override
        public boolean isOpen() {
            NodeConnection c = current;
            return c != null && c.isOpen();
        }

        @Override
        public void send(Node node) {
            NodeConnection c = current;
            if (c != null) {
                c.send(node);
            }
        }

        @Override
        public CompletableFuture<Node> query(Node iq) {
            NodeConnection c = current;
            return c != null ? c.query(iq) : CompletableFuture.failedFuture(
                    new IqException(IqException.CONNECTION_ENDED, null, "not connected"));
        }

        @Override
        public String nextId() {
            NodeConnection c = current;
            return c != null ? c.nextId() : Long.toString(context.runtime().clock().millis());
        }

        @Override
        public void ack(Node stanza) {
            send(Acks.of(stanza, creds.me()));
        }
    }

    private final class Events implements NodeConnection.Handler {
        @Override
        public void onNode(NodeConnection connection, Node node) {
            if (connection == current) {
                dispatch.onNode(connection, node);
            }
        }

        @Override
        public void onEnded(NodeConnection connection, CloseReason reason) {
            if (connection == current) {
                current = null;
                afterEnd(reason);
            }
        }
    }
}
