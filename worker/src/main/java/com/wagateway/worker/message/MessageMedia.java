package com.wagateway.worker.message;

/**
 * The file of a received media message as the history shows it: where the worker serves it ({@code url}) and what
 * it is, or why it was not stored ({@code error}). Null parts are unknown.
 */
public record MessageMedia(String mimetype, Long size, String fileName, String sha256, String url, String error) {}
