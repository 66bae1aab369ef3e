package com.wagateway.whatsapp.media;

import java.io.IOException;

/** More bytes than the stated cap; reading stopped at the first byte past it. */
public final class MediaTooLargeException extends IOException {

    private final long limit;

    public MediaTooLargeException(long limit) {
        super("media exceeds the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
