package com.wagateway.worker.media;

import com.wagateway.worker.connector.OutboundMessage;
import com.wagateway.worker.media.content.InspectedMedia;
import com.wagateway.worker.media.content.MediaContentException;
import com.wagateway.worker.media.content.MediaInspector;
import com.wagateway.worker.media.fetch.FetchedMedia;
import com.wagateway.worker.media.fetch.MediaFetchException;
import com.wagateway.worker.media.fetch.MediaFetcher;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's {@link MediaPreparation}: the SSRF-safe fetch of {@code media.url} (its temporary file under
 * {@code MEDIA_STORAGE_PATH/.tmp}), then the content check (the bytes fit the type and the declared Content-Type;
 * mimetype, file name, dimensions, thumbnail, duration, voice note). The reasons keep the fetcher's and the
 * inspector's codes, prefixed so the Backend reads what happened: {@code media refused: …} (the URL or its host),
 * {@code media too large: …}, {@code media content refused: …} (the bytes), {@code media fetch failed: …}.
 */
public final class FetchAndInspect implements MediaPreparation {

    private static final Logger log = LoggerFactory.getLogger(FetchAndInspect.class);

    private final MediaFetcher fetcher;
    private final MediaInspector inspector;

    public FetchAndInspect(MediaFetcher fetcher, MediaInspector inspector) {
        this.fetcher = fetcher;
        this.inspector = inspector;
    }

    @Override
    public PreparedMedia prepare(OutboundMessage m) throws MediaRefusedException, IOException {
        FetchedMedia fetched;
        try {
            fetched = fetcher.fetch(m.mediaUrl(), m.type());
        } catch (MediaFetchException e) {
            if (refusal(e.reason())) {
                throw new MediaRefusedException((e.reason() == MediaFetchException.Reason.TOO_LARGE
                        ? "media too large: " : "media refused: ") + e.getMessage(), e);
            }
            throw new IOException(e.getMessage(), e); // "media fetch failed: …" (MediaSender)
        }
        try {
            InspectedMedia inspected = inspector.inspect(fetched.file(), m.type(), fetched.contentType(),
                    m.filename(), fetched.urlFileName());
            return new PreparedMedia(fetched.file(), fetched.size(), inspected.mimetype(), inspected.fileName(),
                    inspected.width(), inspected.height(), inspected.jpegThumbnail(), inspected.seconds(),
                    inspected.voiceNote());
        } catch (MediaContentException e) {
            delete(fetched);
            throw new MediaRefusedException("media content refused: " + e.reason().code() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            delete(fetched);
            throw e;
        }
    }

    /** The URL, its address or its size is not allowed; the others are failures of a fetch that was allowed. */
    private static boolean refusal(MediaFetchException.Reason reason) {
        return switch (reason) {
            case UNSUPPORTED_SCHEME, MALFORMED_URL, BLOCKED_ADDRESS, REDIRECT_REFUSED, TOO_LARGE -> true;
            case HTTP_STATUS, UNKNOWN_HOST, TIMEOUT, CONNECTION_FAILED, STORAGE_FAILED -> false;
        };
    }

    private static void delete(FetchedMedia fetched) {
        try {
            fetched.close();
        } catch (RuntimeException e) {
            // not deletable now (the disk refused): it stays in MEDIA_STORAGE_PATH/.tmp as fetch-*.part, which the
            // retention sweeper's temporary-file pass removes once it is an hour old (the fetcher too, at start)
            log.warn("media temporary file not deleted file={} error={}", fetched.file().getFileName(),
                    e.getClass().getSimpleName());
        }
    }
}
