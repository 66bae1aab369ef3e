package com.wagateway.emulator;

import com.wagateway.emulator.http.AdminApi;
import com.wagateway.emulator.http.Faults;
import com.wagateway.emulator.http.MediaAdmin;
import com.wagateway.emulator.media.MediaAuth;
import com.wagateway.emulator.media.MediaBlobs;
import com.wagateway.emulator.media.MediaCertificate;
import com.wagateway.emulator.media.MediaConnAnswer;
import com.wagateway.emulator.media.MediaFaults;
import com.wagateway.emulator.media.MediaServer;
import com.wagateway.emulator.media.MediaStore;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import com.wagateway.emulator.http.HttpFrontend;
import com.wagateway.emulator.protocol.ChatServer;
import com.wagateway.emulator.protocol.ConnectionRegistry;
import com.wagateway.emulator.phone.VirtualPhones;
import com.wagateway.emulator.protocol.DeviceLinks;
import com.wagateway.emulator.protocol.DeviceNotices;
import com.wagateway.emulator.protocol.Directory;
import com.wagateway.emulator.protocol.KeyBundles;
import com.wagateway.emulator.protocol.MessageRouter;
import com.wagateway.emulator.protocol.Outbox;
import com.wagateway.emulator.protocol.Peers;
import com.wagateway.emulator.store.GroupStore;
import com.wagateway.emulator.protocol.PairingService;
import com.wagateway.emulator.store.JsonFiles;
import com.wagateway.emulator.store.MessageQueueStore;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.emulator.store.PreKeyStore;
import com.wagateway.emulator.store.ServerKeys;
import com.wagateway.whatsapp.crypto.RandomSource;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running emulator: a local WhatsApp server with virtual phones. Start one in-process with
 * {@link #start(EmulatorConfig)}; point a client at {@link #wsUrl()} trusting {@link #rootPublicKey()},
 * drive the phones through {@link #adminUrl()} (docs/emulator.md), and {@link #close()} it.
 * <pre>{@code
 * try (Emulator emulator = Emulator.start(EmulatorConfig.defaults(tempDir).withPort(0))) {
 *     URI ws = emulator.wsUrl();              // ws://127.0.0.1:<port>/ws/chat
 *     byte[] root = emulator.rootPublicKey(); // the WA_SERVER_ROOT_KEY
 *     URI admin = emulator.adminUrl();        // http://127.0.0.1:<port>/
 * }
 * }</pre>
 */
public final class Emulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Emulator.class);
    /** How long a {@code media_conn} upload token stays valid. */
    private static final Duration MEDIA_AUTH_LIFETIME = Duration.ofHours(1);

    private final EmulatorConfig config;
    private final HttpFrontend frontend;
    private final ExecutorService adminExecutor;
    private final byte[] rootPublicKey;
    private final boolean keysCreated;
    private final ConnectionRegistry registry;
    private final VirtualPhones phones;
    private final MediaServer mediaServer;
    private final MediaCertificate mediaCertificate;
    private final MediaConnAnswer mediaConn;

    private Emulator(EmulatorConfig config, HttpFrontend frontend, MediaServer mediaServer,
                     MediaCertificate mediaCertificate, MediaConnAnswer mediaConn, ExecutorService adminExecutor,
                     byte[] rootPublicKey, boolean keysCreated, ConnectionRegistry registry, VirtualPhones phones) {
        this.phones = phones;
        this.mediaServer = mediaServer;
        this.mediaCertificate = mediaCertificate;
        this.mediaConn = mediaConn;
        this.config = config;
        this.frontend = frontend;
        this.adminExecutor = adminExecutor;
        this.rootPublicKey = rootPublicKey;
        this.keysCreated = keysCreated;
        this.registry = registry;
    }

    /**
     * Loads (or on first start creates) the keys and state in {@code config.dataDir()} and starts
     * listening. Returns once the port is bound.
     *
     * @throws EmulatorStartException if the port cannot be bound or the data folder is unusable
     */
    public static Emulator start(EmulatorConfig config) {
        RandomSource random = RandomSource.secure();
        JsonFiles files = new JsonFiles();
        ExecutorService adminExecutor = Executors.newVirtualThreadPerTaskExecutor();
        HttpFrontend frontend = null;
        MediaServer mediaServer = null;
        VirtualPhones virtualPhones = null;
        try {
            files.ensureDirectory(config.dataDir());
            ServerKeys.Loaded keys = ServerKeys.loadOrCreate(files, config.dataDir(), random);
            PhoneStore phones = new PhoneStore(files, config.dataDir(), random, config.clock());
            PreKeyStore preKeys = new PreKeyStore(files, config.dataDir());
            MessageQueueStore queues = new MessageQueueStore(files, config.dataDir());
            ConnectionRegistry registry = new ConnectionRegistry();
            Supplier<String> ids = ChatServer.idGenerator(random);
            GroupStore groups = new GroupStore(files, config.dataDir(), random, config.clock());
            Directory directory = new Directory(phones);
            Outbox outbox = new Outbox(queues);
            Peers peers = new Peers();
            DeviceNotices notices = new DeviceNotices(phones, directory, peers, outbox, ids, config.clock());
            PairingService pairing = new PairingService(config, phones, queues, registry, random, ids, notices);
            DeviceLinks links = new DeviceLinks(phones, preKeys, queues, registry, notices);
            KeyBundles bundles = new KeyBundles(phones, preKeys, outbox, ids, config.clock());
            MessageRouter router = new MessageRouter(directory, groups, outbox, peers, config.clock());
            ChatServer chat = new ChatServer(config, keys.keys().staticKey(), keys.keys().certChain(), random, phones,
                    preKeys, queues, registry, pairing, links, router, outbox, bundles, groups, directory);
            MediaCertificate certificate = MediaCertificate.loadOrCreate(files, config.dataDir(), config.clock());
            MediaStore mediaStore = new MediaStore(files, config.dataDir(), random, config.clock());
            MediaFaults mediaFaults = new MediaFaults();
            MediaAuth mediaAuth = new MediaAuth(random, config.clock(), MEDIA_AUTH_LIFETIME);
            virtualPhones = new VirtualPhones(files, config.dataDir(), phones, directory, groups, bundles, router,
                    outbox, new MediaBlobs(mediaStore, mediaFaults), config.maxMediaBytes(), random, config.clock());
            outbox.phones(virtualPhones);
            bundles.phones(virtualPhones);
            chat.primaryPhones(virtualPhones);
            byte[] root = keys.keys().root().publicKey();
            Faults faults = new Faults(config.clock());
            Map<String, Object> info = new LinkedHashMap<>();
            mediaServer = new MediaServer(config.bindAddress(), config.mediaPort(), certificate, mediaStore, mediaAuth,
                    mediaFaults, config.maxMediaBytes(), files.mapper());
            mediaServer.start();
            MediaConnAnswer mediaConn = new MediaConnAnswer(mediaAuth, mediaServer.port(), config.maxMediaBytes());
            chat.mediaConn(mediaConn);
            virtualPhones.mediaHost(mediaConn.hosts().getFirst());
            AdminApi admin = new AdminApi(files.mapper(), phones, pairing, links, registry, chat, faults, random, info,
                    new com.wagateway.emulator.http.Messaging(virtualPhones, groups, directory, phones,
                            config.maxMediaBytes()),
                    new MediaAdmin(certificate, mediaFaults, mediaStore, virtualPhones, mediaConn::hosts));
            frontend = new HttpFrontend(config.bindAddress(), config.port(), config.maxFrameLength(), chat,
                    admin, files.mapper(), faults, adminExecutor);
            frontend.start();
            Emulator emulator = new Emulator(config, frontend, mediaServer, certificate, mediaConn, adminExecutor,
                    root, keys.created(), registry, virtualPhones);
            info.put("wsUrl", emulator.wsUrl().toString());
            info.put("rootPublicKey", Base64.getEncoder().encodeToString(root));
            info.put("mediaHosts", mediaConn.hosts());
            info.put("mediaCertificatePath", certificate.certificatePath().toString());
            log.info("event=emulator_started port={} mediaPort={} dataDir={} keysCreated={} phones={}", frontend.port(),
                    mediaServer.port(), config.dataDir().toAbsolutePath(), keys.created(), phones.list().size());
            log.info("event=media_certificate path={} created={} (clients trust this PEM: WA_MEDIA_TRUST_CERT, "
                    + "NODE_EXTRA_CA_CERTS)", certificate.certificatePath(), certificate.created());
            return emulator;
        } catch (Exception e) {
            if (mediaServer != null) {
                try {
                    mediaServer.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (frontend != null) {
                try {
                    frontend.close(); // a failed start may have started Jetty's threads
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            adminExecutor.shutdownNow();
            if (virtualPhones != null) {
                virtualPhones.close();
            }
            throw new EmulatorStartException("emulator did not start on " + config.bindAddress() + ":" + config.port()
                    + " with data in " + config.dataDir().toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return frontend.port();
    }

    /** {@code ws://<bind>:<port>/ws/chat}: the {@code WA_SERVER_URL}. */
    public URI wsUrl() {
        return URI.create("ws://" + host() + ":" + port() + HttpFrontend.CHAT_PATH);
    }

    /** The root public key (32 bytes) the server chain is signed with: the {@code WA_SERVER_ROOT_KEY}. */
    public byte[] rootPublicKey() {
        return rootPublicKey.clone();
    }

    public String rootPublicKeyBase64() {
        return Base64.getEncoder().encodeToString(rootPublicKey);
    }

    /** {@code http://<bind>:<port>/}: base of the admin API. */
    public URI adminUrl() {
        return URI.create("http://" + host() + ":" + port() + "/");
    }

    /** The HTTPS media hosts' port. */
    public int mediaPort() {
        return mediaServer.port();
    }

    /** The media hosts {@code media_conn} names: {@code 127.0.0.1:<mediaPort>} and {@code localhost:<mediaPort>}. */
    public List<String> mediaHosts() {
        return mediaConn.hosts();
    }

    /**
     * The PEM file of the media hosts' own certificate (in the data folder, kept across restarts): what a client
     * trusts to reach them ({@code WA_MEDIA_TRUST_CERT}, Node's {@code NODE_EXTRA_CA_CERTS}).
     */
    public Path mediaCertificatePath() {
        return mediaCertificate.certificatePath();
    }

    /** The media certificate as PEM text. */
    public String mediaCertificatePem() {
        return mediaCertificate.pem();
    }

    /** The media certificate. */
    public X509Certificate mediaCertificate() {
        return mediaCertificate.certificate();
    }

    /** Whether this start generated the keys (first start in this data folder). */
    public boolean keysCreated() {
        return keysCreated;
    }

    /** Open client connections (for load runs and tests). */
    public int connectionCount() {
        return registry.size();
    }

    public EmulatorConfig config() {
        return config;
    }

    /** The worker settings, exactly as the worker reads them. */
    public String workerSettings() {
        return "WA_SERVER_URL=" + wsUrl() + System.lineSeparator() + "WA_SERVER_ROOT_KEY=" + rootPublicKeyBase64()
                + System.lineSeparator() + "WA_MEDIA_TRUST_CERT=" + mediaCertificatePath();
    }

    private String host() {
        String host = config.bindAddress();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Stops listening and closes every connection; the state stays on disk for the next start. */
    @Override
    public void close() {
        try {
            mediaServer.close();
        } catch (Exception e) {
            log.warn("event=media_server_stop_failed error={}", e.toString());
        }
        try {
            frontend.close();
        } catch (Exception e) {
            log.warn("event=emulator_stop_failed error={}", e.toString());
        } finally {
            adminExecutor.shutdownNow();
            phones.close();
        }
        log.info("event=emulator_stopped");
    }

    /** The emulator could not start. */
    public static final class EmulatorStartException extends RuntimeException {
        EmulatorStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
