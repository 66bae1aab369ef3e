package com.wagateway.worker.connector;

/** The session a connection is for, as the create command named it. */
public record SessionSpec(String sessionId, String userId, String sessionName) {}
