package com.wagateway.emulator.phone;

import com.wagateway.emulator.protocol.Directory;
import com.wagateway.emulator.protocol.KeyBundles;
import com.wagateway.emulator.protocol.MessageRouter;
import com.wagateway.emulator.protocol.Outbox;
import com.wagateway.emulator.protocol.PrimaryPhones;
import com.wagateway.emulator.store.GroupStore;
import com.wagateway.emulator.store.JsonFiles;
import com.wagateway.emulator.store.PhoneRecord;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.emulator.media.MediaBlobs;
import com.wagateway.emulator.protocol.DeviceRef;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import java.io.IOException;
import java.io.UncheckedIOException;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every virtual phone, created on first use from its {@link PhoneRecord}. Each phone runs its work one task
 * at a time, in order, on a shared pool of virtual threads; when its queue runs empty it writes its Signal
 * state, at most once per {@link #FLUSH_INTERVAL} (a phone hearing a message every few milliseconds would
 * otherwise serialize and fsync its whole state for nearly every message: that was most of the emulator's CPU in
 * the messaging benchmark, docs/performance.md). A write skipped for that reason happens when the interval is
 * over, and at {@link #close()}. The admin API's calls run on the same worker, so they never race the phone's
 * receiving.
 */
public final class VirtualPhones implements PrimaryPhones, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VirtualPhones.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 30;
    private static final long KEY_SHARE_TIMEOUT_SECONDS = 5;
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    private final JsonFiles files;
    private final Path dataDir;
    private final PhoneStore phones;
    private final Directory directory;
    private final GroupStore groups;
    private final KeyBundles bundles;
    private final MessageRouter router;
    private final Outbox outbox;
    private final RandomSource random;
    private final Clock clock;
    private final Tampering tampering = new Tampering();
    private final MediaBlobs mediaBlobs;
    private final long maxMediaBytes;
    /** The media host the url of sent media names; set once the media hosts listen. */
    private volatile String mediaHost = "127.0.0.1";
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService flushTimer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("phone-keys-flush").daemon().factory());
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    /** Companions that first logged in while their phone was offline: the phone shares the key when back. */
    private final Map<String, Set<Integer>> pendingKeyShares = new ConcurrentHashMap<>();

    public VirtualPhones(JsonFiles files, Path dataDir, PhoneStore phones, Directory directory, GroupStore groups,
                         KeyBundles bundles, MessageRouter router, Outbox outbox, MediaBlobs mediaBlobs,
                         long maxMediaBytes, RandomSource random, Clock clock) {
        this.files = files;
        this.mediaBlobs = mediaBlobs;
        this.maxMediaBytes = maxMediaBytes;
        this.dataDir = dataDir;
        this.phones = phones;
        this.directory = directory;
        this.groups = groups;
        this.bundles = bundles;
        this.router = router;
        this.outbox = outbox;
        this.random = random;
        this.clock = clock;
        files.ensureDirectory(dataDir.resolve("phone-keys"));
    }

    public Tampering tampering() {
        return tampering;
    }

    @Override
    public void deliver(String phoneNumber, Node stanza) {
        worker(phoneNumber).ifPresent(w -> w.execute(() -> w.phone.receive(stanza)));
    }

    @Override
    public Optional<PreKeyBundle> takeBundle(String phoneNumber) {
        return worker(phoneNumber).map(w -> w.phone.keys().takeBundle());
    }

    /**
     * §8.6: the phone shares the app-state sync key with its new companion. Waits (bounded) until the share
     * is routed, so the server's login, which calls this before delivering the offline queue, puts it ahead
     * of {@code <ib><offline/>}.
     */
    @Override
    public void companionFirstLogin(String phoneNumber, int deviceId) {
        Optional<Worker> worker = worker(phoneNumber);
        if (worker.isEmpty()) {
            return;
        }
        CompletableFuture<Optional<String>> shared = new CompletableFuture<>();
        worker.get().execute(() -> {
            try {
                if (outbox.phoneHeld(phoneNumber)) {
                    // an offline phone sends nothing: it shares the key when it comes back (online)
                    pendingKeyShares.computeIfAbsent(phoneNumber, n -> ConcurrentHashMap.newKeySet()).add(deviceId);
                    shared.complete(Optional.empty());
                    return;
                }
                shared.complete(worker.get().phone.shareAppStateKey(deviceId));
            } catch (RuntimeException e) {
                shared.completeExceptionally(e);
            }
        });
        try {
            shared.get(KEY_SHARE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the share still goes out when the phone gets to it, only after the end-of-queue marker
            log.warn("event=app_state_key_share_late phone={} device={} error={}", phoneNumber, deviceId, e.toString());
        }
    }

    /**
     * The phone sends text (admin API); returns the message id.
     *
     * @throws PhoneOfflineException while the phone is offline
     */
    public String sendText(String phoneNumber, String to, String text) {
        return call(phoneNumber, phone -> phone.sendText(to, text), true);
    }

    /**
     * The phone sends media (admin API); returns the message id.
     *
     * @throws PhoneOfflineException while the phone is offline
     */
    public String sendMedia(String phoneNumber, String to, MediaSend request) {
        return call(phoneNumber, phone -> {
            try {
                return phone.sendMedia(to, request);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, true);
    }

    /** The media hosts listen at {@code host} ({@code 127.0.0.1:<port>}): the url sent media names. */
    public void mediaHost(String host) {
        this.mediaHost = host;
    }

    /**
     * The direct path of the media of a message a phone sent or received, searched over every phone that has run
     * (for the admin faults that name a message id).
     */
    public Optional<String> mediaPath(String messageId) {
        for (String number : List.copyOf(workers.keySet())) {
            Optional<String> path = call(number, phone -> phone.log().mediaPath(messageId));
            if (path.isPresent()) {
                return path;
            }
        }
        return Optional.empty();
    }

    /**
     * Routes a media retry to the phone that sent the message (it has the media key and the blob): on real
     * WhatsApp the requesting account's own phone re-uploads; here the author's virtual phone does, the account's
     * own one for {@code from_me}. An author that is no phone of this emulator gets {@code <error code="2"/>}.
     */
    @Override
    public void mediaRetry(DeviceRef requester, Node receipt) {
        String requesterUser = directory.userJid(requester.phoneNumber(), false).toString();
        Node rmr = receipt.child("rmr");
        Optional<Worker> author = author(requester, rmr).flatMap(this::worker);
        if (author.isEmpty()) {
            log.info("event=media_retry_unroutable requester={} id={}", requester, receipt.attr("id"));
            outbox.deliver(requester, Node.of("notification", Attributes.builder().put("from", requesterUser)
                    .put("type", "mediaretry").put("id", receipt.attr("id"))
                    .put("t", Long.toString(clock.instant().getEpochSecond())).build(),
                    List.of(rmr, Node.of("error", Attributes.of("code", "2")))));
            return;
        }
        Worker worker = author.get();
        worker.execute(() -> outbox.deliver(requester, worker.phone.mediaRetry(receipt, requesterUser)));
    }

    private Optional<String> author(DeviceRef requester, Node rmr) {
        if ("true".equals(rmr.attr("from_me"))) {
            return Optional.of(requester.phoneNumber());
        }
        Jid chat = Jid.tryParse(rmr.attr("jid"));
        Jid author = chat != null && Jid.GROUP.equals(chat.server()) ? Jid.tryParse(rmr.attr("participant")) : chat;
        return author == null ? Optional.empty() : directory.account(author).map(PhoneRecord::phoneNumber);
    }

    /**
     * The phone sends read receipts; returns the ids it knew.
     *
     * @throws PhoneOfflineException while the phone is offline
     */
    public List<String> read(String phoneNumber, List<String> ids) {
        return call(phoneNumber, phone -> phone.read(ids), true);
    }

    /** What the phone received and sent, after everything handed to it so far was processed. */
    public Messages messages(String phoneNumber) {
        PhoneLog.Snapshot snapshot = call(phoneNumber, phone -> phone.log().snapshot());
        return new Messages(snapshot.received().stream().map(r -> new Messages.In(r.id(), r.from(), r.fromLid(),
                        r.chat(), r.type(), r.text(), r.timestamp().getEpochSecond(), r.pushName(), r.fromMe(),
                        Messages.MediaView.of(r.media()))).toList(),
                snapshot.sent().stream().map(s -> new Messages.Out(s.id(), s.to(), s.type(), s.text(),
                        s.timestamp().getEpochSecond(), s.status(), s.error(), Messages.MediaView.of(s.media())))
                        .toList(),
                snapshot.undecryptable());
    }

    /**
     * The phone goes offline (admin API): it has processed what it was handed before, then its stanzas are held
     * in its persistent queue and it sends nothing until {@link #online}. Idempotent.
     */
    public void offline(String phoneNumber) {
        call(phoneNumber, phone -> {
            outbox.holdPhone(phoneNumber);
            return null;
        });
    }

    /**
     * The phone comes back (admin API): it processes the held stanzas in order (answering them with its
     * delivery receipts, retries…) and this returns once it has. Idempotent.
     *
     * @return how many held stanzas it processed
     */
    public int online(String phoneNumber) {
        worker(phoneNumber).orElseThrow(() -> new IllegalArgumentException("no phone " + phoneNumber));
        int released = outbox.releasePhone(phoneNumber);
        call(phoneNumber, phone -> {
            Set<Integer> devices = pendingKeyShares.remove(phoneNumber);
            if (devices != null) {
                devices.forEach(phone::shareAppStateKey);
            }
            return null;
        });
        return released;
    }

    /** Whether the phone is online (not held by {@link #offline}). */
    public boolean isOnline(String phoneNumber) {
        return !outbox.phoneHeld(phoneNumber);
    }

    private <T> T call(String phoneNumber, Function<VirtualPhone, T> task, boolean sends) {
        return call(phoneNumber, phone -> {
            // checked on the phone's worker, where offline() takes effect, so no send slips past it
            if (sends && outbox.phoneHeld(phoneNumber)) {
                throw new PhoneOfflineException(phoneNumber);
            }
            return task.apply(phone);
        });
    }

    private <T> T call(String phoneNumber, Function<VirtualPhone, T> task) {
        Worker worker = worker(phoneNumber).orElseThrow(() -> new IllegalArgumentException("no phone " + phoneNumber));
        CompletableFuture<T> result = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                result.complete(task.apply(worker.phone));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("phone " + phoneNumber + " is busy", e);
        }
    }

    private Optional<Worker> worker(String phoneNumber) {
        Worker existing = workers.get(phoneNumber);
        if (existing != null) {
            return Optional.of(existing);
        }
        Optional<PhoneRecord> record = phones.get(phoneNumber);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(workers.computeIfAbsent(phoneNumber, n -> {
            PhoneRecord phone = record.get();
            PhoneKeys keys = PhoneKeys.loadOrCreate(files, dataDir, n, phone.identity(), phone.registrationId(), random);
            PhoneMedia media = new PhoneMedia(mediaBlobs, () -> mediaHost, maxMediaBytes, random, clock);
            return new Worker(n, new VirtualPhone(n, keys, directory, groups, bundles, router, tampering, media, random,
                    clock));
        }));
    }

    /** Writes every phone's state and stops the workers. */
    @Override
    public void close() {
        flushTimer.shutdownNow();
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Worker worker : workers.values()) {
            worker.phone.keys().flush();
        }
    }

    /** Runs one phone's tasks in order, one at a time; flushes its keys when the queue runs empty. */
    private final class Worker {
        private final String number;
        private final VirtualPhone phone;
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private boolean running;
        private long lastFlushNanos = System.nanoTime() - FLUSH_INTERVAL.toNanos();
        private boolean flushScheduled;

        Worker(String number, VirtualPhone phone) {
            this.number = number;
            this.phone = phone;
        }

        void execute(Runnable task) {
            synchronized (this) {
                queue.add(task);
                if (running) {
                    return;
                }
                running = true;
            }
            executor.execute(this::drain);
        }

        private void drain() {
            while (true) {
                Runnable task;
                synchronized (this) {
                    task = queue.poll();
                    if (task == null) {
                        running = false;
                        break;
                    }
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("event=phone_task_failed phone={} error={}", number, e.toString());
                }
            }
            flushOrDefer();
        }

        /** On the phone's own worker: writes now if the interval is over, else once it is. */
        private void flushOrDefer() {
            long wait = lastFlushNanos + FLUSH_INTERVAL.toNanos() - System.nanoTime();
            if (wait <= 0) {
                lastFlushNanos = System.nanoTime();
                try {
                    phone.keys().flush();
                } catch (RuntimeException e) {
                    log.warn("event=phone_keys_flush_failed phone={} error={}", number, e.toString());
                }
                return;
            }
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
            try {
                flushTimer.schedule(() -> execute(() -> flushScheduled = false), wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                flushScheduled = false; // closing: close() writes every phone
            }
        }
    }

    /** The admin view of a phone's messages. */
    public record Messages(List<In> messages, List<Out> sent, int undecryptable) {

        public record In(String id, String from, String fromLid, String chat, String type, String text, long timestamp,
                         String pushName, boolean fromMe, MediaView media) {
        }

        public record Out(String id, String to, String type, String text, long timestamp, String status, String error,
                          MediaView media) {
        }

        /**
         * The media fields of a message (null for text): the file as the message names it and as the phone decrypted
         * it ({@code sha256}, {@code decryptedSize}: the plaintext's; {@code size}: the stated {@code fileLength}),
         * and what the message states about it. Numbers the message leaves out are null; {@code thumbnail*} are null
         * without a {@code jpegThumbnail} ({@code thumbnailWidth/Height} also when the bytes are no readable image).
         */
        public record MediaView(String mimetype, long size, Long decryptedSize, String sha256, String fileName,
                                String caption, String directPath, String error, Integer width, Integer height,
                                Integer seconds, boolean ptt, Long mediaKeyTimestamp, boolean thumbnail,
                                Integer thumbnailBytes, String thumbnailSha256, Integer thumbnailWidth,
                                Integer thumbnailHeight) {
            static MediaView of(PhoneLog.Media media) {
                if (media == null) {
                    return null;
                }
                StatedMedia stated = media.stated() == null ? StatedMedia.NONE : media.stated();
                StatedMedia.Thumbnail thumb = stated.thumbnail();
                return new MediaView(media.mimetype(), media.size(), media.decryptedSize(), media.sha256(),
                        media.fileName(), media.caption(), media.directPath(), media.error(), stated.width(),
                        stated.height(), stated.seconds(), stated.ptt(), stated.mediaKeyTimestamp(), thumb != null,
                        thumb == null ? null : thumb.bytes(), thumb == null ? null : thumb.sha256(),
                        thumb == null ? null : thumb.width(), thumb == null ? null : thumb.height());
            }
        }
    }
}
