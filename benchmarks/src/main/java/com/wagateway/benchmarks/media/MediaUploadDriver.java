package com.wagateway.benchmarks.media;

import com.wagateway.benchmarks.messaging.ChildJvm;
import com.wagateway.benchmarks.messaging.CpuTime;
import com.wagateway.benchmarks.sessions.EmulatorAdmin;
import com.wagateway.benchmarks.sessions.SessionFleetDriver;
import com.wagateway.whatsapp.client.ClientConfig;
import com.wagateway.whatsapp.client.ClientRuntime;
import com.wagateway.whatsapp.client.CloseReason;
import com.wagateway.whatsapp.client.DirectoryCredentialStore;
import com.wagateway.whatsapp.client.SessionListener;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.media.MediaSettings;
import com.wagateway.whatsapp.media.MediaTrust;
import com.wagateway.whatsapp.media.UploadedMedia;
import com.wagateway.whatsapp.noise.TrustRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Upload throughput: {@link WhatsAppClient#uploadMedia} (encrypt to a temporary blob, then HTTPS POST to a host from
 * the {@code media_conn} answer, fact sheet §11.4) against the emulator's HTTPS media host, the emulator running as
 * its own JVM on the same machine (it verifies the token hash and streams the blob to its disk). One client, one
 * upload at a time; MB/s = plaintext bytes per wall-clock second. The plaintext is random bytes in a temp file.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.wagateway.benchmarks.media.MediaUploadDriver \
 *      [--seconds 10] [--sizes 1048576,16777216] [--emulator-jar emulator/target/emulator-0.1.0.jar] [--dir /tmp/wa-media-bench]
 * </pre>
 */
public final class MediaUploadDriver {

    private MediaUploadDriver() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Map<String, String> o = SessionFleetDriver.parse(args);
        double seconds = Double.parseDouble(o.getOrDefault("seconds", "10"));
        List<Integer> sizes = Stream.of(o.getOrDefault("sizes", "1048576,16777216").split(","))
                .map(Integer::parseInt).toList();
        Path dir = Path.of(o.getOrDefault("dir", "/tmp/wa-media-bench"));
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Map<String, String> env = Map.of("EMULATOR_PORT", "0", "EMULATOR_MEDIA_PORT", "0",
                "EMULATOR_DATA", dir.resolve("emulator/data").toString());
        try (ChildJvm emulator = ChildJvm.start("emulator", Path.of(o.getOrDefault("emulator-jar",
                "emulator/target/emulator-0.1.0.jar")), dir.resolve("emulator"), List.of("-Xmx1g"), env)) {
            URI ws = URI.create(emulator.awaitStdoutValue("WA_SERVER_URL", Duration.ofSeconds(60)));
            TrustRoot root = TrustRoot.of(Base64.getDecoder().decode(
                    emulator.awaitStdoutValue("WA_SERVER_ROOT_KEY", Duration.ofSeconds(10))));
            Path cert = Path.of(emulator.awaitStdoutValue("WA_MEDIA_TRUST_CERT", Duration.ofSeconds(10)));
            EmulatorAdmin admin = new EmulatorAdmin(URI.create("http://" + ws.getHost() + ":" + ws.getPort() + "/"));
            String phone = "62811000001";
            admin.createPhone(phone);

            ClientConfig config = ClientConfig.defaults().withServer(ws, root)
                    .withMedia(MediaSettings.defaults().withSslContext(MediaTrust.fromPem(cert)));
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            ClientRuntime runtime = new ClientRuntime(http, scheduler, RandomSource.secure(), Clock.systemUTC());
            CompletableFuture<Jid> connected = new CompletableFuture<>();
            WhatsAppClient client = WhatsAppClient.start("media-bench", config, runtime,
                    new DirectoryCredentialStore(dir.resolve("client")), new Linker(admin, phone, connected));
            try {
                connected.get(60, TimeUnit.SECONDS);
                System.out.printf("upload benchmark: emulator pid %d on %s, %s per size, load average %s%n",
                        emulator.pid(), ws, seconds + " s", CpuTime.loadAverage());
                System.out.println("| size | uploads | MB/s | ms per upload | emulator CPU ms per upload |");
                System.out.println("|---|---|---|---|---|");
                for (int size : sizes) {
                    run(client, emulator, dir, size, seconds);
                }
            } finally {
                client.close();
                scheduler.shutdownNow();
                http.close();
            }
        }
        deleteRecursively(dir);
    }

    private static void run(WhatsAppClient client, ChildJvm emulator, Path dir, int size, double seconds)
            throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path file = Files.write(dir.resolve("plain-" + size), bytes);
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < 2 || System.nanoTime() < warmUntil; i++) {
            upload(client, file, size);
        }
        double cpuBefore = emulator.cpuSeconds();
        long start = System.nanoTime();
        int uploads = 0;
        while (uploads < 3 || System.nanoTime() - start < seconds * 1e9) {
            upload(client, file, size);
            uploads++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double emulatorCpu = emulator.cpuSeconds() - cpuBefore;
        System.out.printf("| %s | %d | %.1f | %.1f | %.1f |%n", size >= 1 << 20 ? (size >> 20) + " MiB"
                : (size >> 10) + " KiB", uploads, uploads * (double) size / elapsed / 1e6, elapsed * 1000 / uploads,
                emulatorCpu * 1000 / uploads);
        Files.delete(file);
    }

    private static void upload(WhatsAppClient client, Path file, int size) throws Exception {
        UploadedMedia uploaded = client.uploadMedia(file, MediaType.VIDEO, size).get(5, TimeUnit.MINUTES);
        if (uploaded.hashes().fileLength() != size || uploaded.directPath() == null) {
            throw new IllegalStateException("unexpected upload result " + uploaded);
        }
    }

    /** Links on the first QR through the emulator's admin API; completes with our JID once connected. */
    private record Linker(EmulatorAdmin admin, String phone, CompletableFuture<Jid> connected)
            implements SessionListener {

        @Override
        public void qr(String qrString) {
            Thread.ofVirtual().start(() -> {
                try {
                    admin.link(phone, qrString);
                } catch (Exception e) {
                    connected.completeExceptionally(e);
                }
            });
        }

        @Override
        public void connected(Jid me, Jid lid) {
            connected.complete(me);
        }

        @Override
        public void reconnecting(CloseReason reason, int attempt, Duration delay) {
            // the emulator restarts nothing during a run; a reconnect shows up as a slower upload
        }

        @Override
        public void closed(CloseReason reason) {
            connected.completeExceptionally(new IOException("session closed: " + reason));
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
