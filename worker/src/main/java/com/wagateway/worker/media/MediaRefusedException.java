package com.wagateway.worker.media;

/**
 * A media send stopped before anything went to WhatsApp, for a reason the caller can act on (the URL, the host,
 * the size, the content). The message is the reason as the {@code failed} status carries it, e.g.
 * {@code media refused: address 10.0.0.1 is private} or {@code media content is not an image}.
 */
public class MediaRefusedException extends Exception {

    public MediaRefusedException(String reason) {
        super(reason);
    }

    public MediaRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
