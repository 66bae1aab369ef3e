package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.auth.PreKey;
import java.io.IOException;

/** Hands out one fresh one-time prekey, stored locally with the ids advanced but not uploaded (retry receipts). */
public interface PreKeySource {

    PreKey reserve() throws IOException;
}
