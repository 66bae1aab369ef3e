package com.wagateway.whatsapp.client;

/** What every part of one client shares: its id for logs, settings, the process-wide runtime and its store. */
record ClientContext(String sessionId, ClientConfig config, ClientRuntime runtime, CredentialStore store) {}
