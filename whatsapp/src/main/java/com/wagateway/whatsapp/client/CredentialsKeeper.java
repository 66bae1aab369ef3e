package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.auth.Credentials;
import java.io.IOException;

/** The client's current credentials and the one way to change them: written to the store, then kept. */
interface CredentialsKeeper {

    /** Entry names in the {@link CredentialStore}. */
    String CREDS = "creds";
    String PREKEYS = "prekeys";

    Credentials credentials();

    /** Writes {@code updated} to the store and makes it current; on failure the current ones stay. */
    void save(Credentials updated) throws IOException;
}
