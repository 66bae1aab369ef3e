package com.wagateway.worker.media;

import com.wagateway.worker.connector.OutboundMessage;
import java.io.IOException;

/**
 * Fetches an outbound message's {@code mediaUrl} safely and inspects the bytes (type fits, dimensions, thumbnail,
 * duration). Blocking: runs on the media executor, never on a session's mailbox or the client's threads.
 */
public interface MediaPreparation {

    /**
     * @return the file, which the caller closes (deletes) whatever happens next
     * @throws MediaRefusedException the URL, its host, its size or its content is refused (the reason says which)
     * @throws IOException           the fetch failed (connection, timeout, disk)
     */
    PreparedMedia prepare(OutboundMessage message) throws MediaRefusedException, IOException;
}
