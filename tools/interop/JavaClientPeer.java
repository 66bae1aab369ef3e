// Our own Java client (the whatsapp module's WhatsAppClient) as a peer for baileys-messaging-vs-emulator.mjs.
// A single-file program run with the emulator jar on the class path (the jar bundles the whatsapp module):
//
//   java -cp emulator/target/emulator-0.1.0.jar tools/interop/JavaClientPeer.java <wsUrl> <rootKeyBase64> <adminUrl> <phone>
//
// It pairs a new companion with virtual phone <phone> by QR (admin POST /phones/<phone>/link), then speaks a line
// protocol, fields separated by TAB:
//   out: READY <me> <lid> | RECEIVED <id> <chat> <sender> <type> <text> | STATUS <id> <status> | SENT <id>
//        | SEND_FAILED <id> <error> | UNDECRYPTABLE <id> <from> <reason> | CLOSED <reason>
//   in:  send <id> <to jid> <text>
// Logs (System.Logger) go to stderr.
import com.wagateway.whatsapp.client.ClientConfig;
import com.wagateway.whatsapp.client.ClientRuntime;
import com.wagateway.whatsapp.client.CloseReason;
import com.wagateway.whatsapp.client.CredentialStore;
import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.client.MessageStatusUpdate;
import com.wagateway.whatsapp.client.SessionListener;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.noise.TrustRoot;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

public class JavaClientPeer {

    private static synchronized void out(String... fields) {
        System.out.println(String.join("\t", fields).replace("\n", " "));
        System.out.flush();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    public static void main(String[] args) throws Exception {
        URI wsUrl = URI.create(args[0]);
        byte[] root = Base64.getDecoder().decode(args[1]);
        String admin = args[2].endsWith("/") ? args[2] : args[2] + "/";
        String phone = args[3];
        HttpClient http = HttpClient.newHttpClient();
        var scheduler = Executors.newScheduledThreadPool(2);
        ClientRuntime runtime = new ClientRuntime(http, scheduler, RandomSource.secure(), Clock.systemUTC());
        Map<String, byte[]> entries = new ConcurrentHashMap<>();
        CredentialStore store = new CredentialStore() {
            @Override
            public Optional<byte[]> read(String name) {
                byte[] b = entries.get(name);
                return b == null ? Optional.empty() : Optional.of(b.clone());
            }

            @Override
            public void write(String name, byte[] content) {
                entries.put(name, content.clone());
            }

            @Override
            public void delete(String name) {
                entries.remove(name);
            }
        };
        AtomicBoolean linking = new AtomicBoolean();
        SessionListener listener = new SessionListener() {
            @Override
            public void qr(String qrString) {
                if (linking.compareAndSet(false, true)) {
                    Thread.ofVirtual().start(() -> {
                        try {
                            String body = "{\"qr\":\"" + qrString.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(admin + "phones/" + phone
                                    + "/link")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) {
                                out("CLOSED", "link answered " + r.statusCode() + " " + r.body());
                            }
                        } catch (Exception e) {
                            out("CLOSED", "link failed: " + e);
                        }
                    });
                }
            }

            @Override
            public void connected(Jid me, Jid lid) {
                out("READY", str(me), str(lid));
            }

            @Override
            public void reconnecting(CloseReason reason, int attempt, Duration delay) {
            }

            @Override
            public void closed(CloseReason reason) {
                out("CLOSED", str(reason));
            }

            @Override
            public void messageStatus(MessageStatusUpdate update) {
                out("STATUS", update.messageId(), str(update.status()));
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> messageReceived(IncomingMessage m) {
                out("RECEIVED", m.messageId(), str(m.chat()), str(m.sender()), str(m.type()), str(m.text()));
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }

            @Override
            public void messageUndecryptable(String messageId, Jid from, String reason) {
                out("UNDECRYPTABLE", messageId, str(from), str(reason));
            }
        };
        ClientConfig config = ClientConfig.defaults().withServer(wsUrl, TrustRoot.of(root)).withPushName("JavaPeer");
        WhatsAppClient client = WhatsAppClient.start("interop-" + phone, config, runtime, store, listener);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.split("\t", 4);
            if (f.length == 4 && f[0].equals("send")) {
                String id = f[1];
                client.sendText(id, Jid.parse(f[2]), f[3]).whenComplete((sent, error) -> {
                    if (error != null) {
                        out("SEND_FAILED", id, str(error));
                    } else {
                        out("SENT", sent.messageId());
                    }
                });
            }
        }
        client.close();
        scheduler.shutdownNow();
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
    }
}
