package com.wagateway.emulator.phone;

import com.wagateway.emulator.media.MediaBlobs;
import com.wagateway.emulator.media.MediaStore;
import com.wagateway.whatsapp.crypto.MediaType;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.media.MediaCipher;
import com.wagateway.whatsapp.media.MediaHashes;
import com.wagateway.whatsapp.media.MediaInfo;
import com.wagateway.whatsapp.media.MediaMessages;
import com.wagateway.whatsapp.media.MediaTooLargeException;
import com.wagateway.whatsapp.media.MediaVerificationException;
import com.wagateway.whatsapp.media.UploadedMedia;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a virtual phone does with media: downloads received blobs from the media store in-process (faults applied as
 * for any downloader), verifies and decrypts them with {@link MediaCipher} (the plaintext only hashed, never kept),
 * records what received messages state about their files ({@link StatedMedia}), and encrypts what it sends with a
 * fresh media key straight into the store, as an upload would.
 */
final class PhoneMedia {

    private final MediaBlobs blobs;
    private final Supplier<String> host;
    private final long maxBytes;
    private final RandomSource random;
    private final Clock clock;

    /**
     * @param host the media host ({@code 127.0.0.1:<port>}) the {@code url} of sent media names
     */
    PhoneMedia(MediaBlobs blobs, Supplier<String> host, long maxBytes, RandomSource random, Clock clock) {
        this.blobs = blobs;
        this.host = host;
        this.maxBytes = maxBytes;
        this.random = random;
        this.clock = clock;
    }

    /**
     * Downloads, verifies and decrypts the media of a received message; the result holds the hash or the error and
     * what the message states about the file. Null when {@code content} carries no media (or no media key).
     */
    PhoneLog.Media receive(Message content) {
        MediaInfo info = MediaMessages.read(content);
        if (info == null) {
            return null;
        }
        String sha256 = null;
        Long decrypted = null;
        String error = null;
        String path = info.directPath() != null && !info.directPath().isEmpty() ? info.directPath()
                : pathOfUrl(info.url());
        if (info.mediaKey() == null || path == null) {
            error = "no media key or direct path in the message";
        } else {
            try (InputStream blob = blobs.open(path)) {
                MediaHashes hashes = MediaCipher.decrypt(blob, OutputStream.nullOutputStream(), info.mediaKey(),
                        info.type(), info.fileEncSha256(), info.fileSha256(), maxBytes + 32);
                sha256 = HexFormat.of().formatHex(hashes.fileSha256());
                decrypted = hashes.fileLength();
            } catch (MediaBlobs.Unavailable e) {
                error = "download failed: HTTP " + e.status();
            } catch (MediaVerificationException e) {
                error = "verification failed: " + e.reason();
            } catch (MediaTooLargeException e) {
                error = "larger than " + maxBytes + " bytes";
            } catch (IOException e) {
                error = "download failed: " + e.getMessage();
            }
        }
        return new PhoneLog.Media(info.mimetype(), info.fileLength(), decrypted, sha256, info.fileName(),
                info.caption(), info.directPath(), error, StatedMedia.of(content));
    }

    private static String pathOfUrl(String url) {
        try {
            java.net.URI uri = url == null || url.isEmpty() ? null : java.net.URI.create(url);
            return uri == null || uri.getRawPath() == null ? null
                    : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Encrypts the file under a fresh media key into the store (as an upload would) and builds the message with
     * {@link MediaMessages}; the phone states no dimensions, duration or thumbnail (it does not parse the file).
     */
    Outgoing prepare(MediaSend request) throws IOException {
        UploadedMedia uploaded = upload(request.type(), request.plaintext());
        Message message = switch (request.type()) {
            case IMAGE -> MediaMessages.image(uploaded, request.mimetype(), request.caption(), null, null, null);
            case VIDEO -> MediaMessages.video(uploaded, request.mimetype(), request.caption(), null, null, null, null);
            case AUDIO -> MediaMessages.audio(uploaded, request.mimetype(), null, request.ptt());
            case DOCUMENT -> MediaMessages.document(uploaded, request.mimetype(), request.fileName(), request.caption());
            default -> throw new IllegalArgumentException("unsupported media type " + request.type());
        };
        PhoneLog.Media logged = new PhoneLog.Media(request.mimetype(), uploaded.hashes().fileLength(),
                uploaded.hashes().fileLength(), HexFormat.of().formatHex(uploaded.hashes().fileSha256()),
                request.fileName(), request.caption(), uploaded.directPath(), null, StatedMedia.of(message));
        return new Outgoing(message, uploaded, logged);
    }

    private UploadedMedia upload(MediaType type, byte[] plaintext) throws IOException {
        byte[] mediaKey = random.bytes(32);
        MediaHashes[] hashes = new MediaHashes[1];
        MediaStore.StoredBlob blob = blobs.store().write(kind(type), out -> hashes[0] = MediaCipher.encrypt(
                new ByteArrayInputStream(plaintext), out, mediaKey, type, maxBytes));
        return new UploadedMedia(type, url(blob.directPath()), blob.directPath(), mediaKey, hashes[0],
                clock.instant().getEpochSecond());
    }

    /** A fresh copy of a blob under a new direct path (the phone "re-uploads" for a media retry). */
    Optional<String> reupload(String directPath) throws IOException {
        return blobs.store().copy(directPath).map(MediaStore.StoredBlob::directPath);
    }

    private String url(String directPath) {
        return "https://" + host.get() + directPath + "&mms3=true";
    }

    /** The upload path segment ({@code /mms/<kind>}) of a media type. */
    static String kind(MediaType type) {
        return switch (type) {
            case IMAGE, THUMBNAIL_LINK -> "image";
            case VIDEO, GIF, PTV -> "video";
            case AUDIO, PTT -> "audio";
            case DOCUMENT -> "document";
            case STICKER -> "sticker";
            default -> throw new IllegalArgumentException("phones send image, video, audio and document, not " + type);
        };
    }

    /**
     * A media message ready to send.
     *
     * @param uploaded what a media retry needs later (key, direct path)
     * @param logged   the media entry of the phone's sent log
     */
    record Outgoing(Message message, UploadedMedia uploaded, PhoneLog.Media logged) {
    }
}
