package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.IncomingMessage;
import com.wagateway.whatsapp.client.WhatsAppClient;
import com.wagateway.whatsapp.media.MediaHashes;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * How the worker starts a received file's download: the client's own ({@link #CLIENT}) unless the application
 * context holds another bean of this type. The seam lets whole-worker tests make a real download (the client against
 * the emulator's media hosts) start late, which the emulator cannot do by itself, to show the timing rules: a message
 * kept unacknowledged past the client's ack timeout, the deadline, the download bound.
 */
@FunctionalInterface
public interface MediaDownload {

    MediaDownload CLIENT = WhatsAppClient::downloadMedia;

    /** As {@link WhatsAppClient#downloadMedia}: verified plaintext at {@code target}, or a failed future. */
    CompletableFuture<MediaHashes> start(WhatsAppClient client, IncomingMessage message, Path target, long maxBytes);
}
