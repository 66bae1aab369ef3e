package com.wagateway.worker.api;

/** Response bodies shown in the OpenAPI document; the same shapes the spec (ref/worker-spec.md) shows. */
final class ApiExamples {

    private ApiExamples() {}

    static final String HEALTH = """
            {"success": true, "data": {"status": "online", "sessionCount": 25, "cpuUsage": 45.5, "memoryUsage": 67.8,
             "uptime": 3600, "maxSessions": 50, "availableSlots": 25}}""";
    static final String INFO = """
            {"success": true, "data": {"workerId": "worker-001", "version": "0.1.0", "environment": "production",
             "capabilities": ["text", "image", "document", "audio", "video"], "baileys_version": "2.3000.1043857760", "protocolVersion": "2.3000.1043857760"}}""";
    static final String CREATE_BODY = """
            {"sessionId": "user123-personal", "userId": "user123", "sessionName": "Personal WhatsApp"}""";
    static final String INITIALIZING = """
            {"success": true, "data": {"sessionId": "user123-personal", "status": "initializing"}}""";
    static final String STATUS_CONNECTED = """
            {"success": true, "data": {"sessionId": "user123-personal", "status": "connected",
             "phoneNumber": "+6281234567890", "lastActivity": "2024-01-15T10:30:00Z"}}""";
    static final String STATUS_QR = """
            {"success": true, "data": {"sessionId": "user123-personal", "status": "qr_required",
             "qrCode": "data:image/png;base64,iVBORw0KGgo...", "qrString": "2@ABC123XYZ...",
             "lastActivity": "2024-01-15T10:30:00Z"}}""";
    static final String DELETED = """
            {"success": true, "message": "Session deleted successfully"}""";
    static final String DISCONNECTED = """
            {"success": true, "message": "Session disconnected"}""";
    static final String LOGGED_OUT = """
            {"success": true, "message": "Session logged out successfully"}""";
    static final String SEND_TEXT = """
            {"to": "6281234567890", "type": "text", "message": "Hello World!"}""";
    static final String SEND_IMAGE = """
            {"to": "6281234567890@s.whatsapp.net", "type": "image", "message": "fallback caption",
             "media": {"url": "https://example.com/image.jpg", "filename": "image.jpg", "caption": "Image caption"}}""";
    static final String SENT = """
            {"success": true, "data": {"messageId": "3EB0692231D7D76958F4FE", "status": "sent",
             "timestamp": "2024-01-15T10:30:00Z"}}""";
    static final String PENDING = """
            {"success": true, "data": {"messageId": "3EB0692231D7D76958F4FE", "status": "pending",
             "timestamp": "2024-01-15T10:30:00Z"}}""";
    static final String FAILED = """
            {"success": false, "error": "Session not connected", "data": {"messageId": "3EB0692231D7D76958F4FE",
             "status": "failed", "timestamp": "2024-01-15T10:30:00Z", "error": "Session not connected"}}""";
    static final String MESSAGES = """
            {"success": true, "data": {"messages": [{"id": "3EB0692231D7D76958F4FE", "direction": "outbound",
             "from": "6281234567890@s.whatsapp.net", "to": "6289876543210@s.whatsapp.net", "type": "text",
             "content": "Hello!", "timestamp": "2024-01-15T10:30:00Z", "status": "delivered"}],
             "total": 150, "hasMore": true}}""";

    static final String UNAUTHORIZED = """
            {"success": false, "error": "Unauthorized"}""";
    static final String PAIRING_CODE_BODY = """
            {"phoneNumber": "6281234567890"}""";
    static final String PAIRING_CODE = """
            {"success": true, "data": {"pairingCode": "ABCD-1234"}}""";
    static final String BAD_PAIRING_NUMBER = """
            {"success": false, "error": "phoneNumber must be the account's number with its country code, digits only (8 to 15 digits, no + or spaces)"}""";
    static final String PAIRING_CONFLICT = """
            {"success": false, "error": "Session user123-personal is not waiting to be linked (status connected); request a pairing code while it is qr_required"}""";
    static final String PAIRING_TIMEOUT = """
            {"success": false, "error": "No pairing code for session user123-personal within 30s; WhatsApp did not answer in time, try again"}""";
    static final String NOT_FOUND = """
            {"success": false, "error": "Session not found: user123-personal"}""";
    static final String CONFLICT = """
            {"success": false, "error": "Session already exists: user123-personal (status connected); restart it or delete it first"}""";
    static final String BAD_REQUEST = """
            {"success": false, "error": "userId is required"}""";
    static final String BAD_SEND = """
            {"success": false, "error": "type must be one of: text, image, document, audio, video"}""";
    static final String BAD_SESSION_ID = """
            {"success": false, "error": "sessionId must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-', starting with a letter or digit"}""";
    static final String BAD_PAGE = """
            {"success": false, "error": "limit must be between 1 and 200"}""";
    static final String TOO_LARGE = """
            {"success": false, "error": "Request body too large: the limit is 65536 bytes"}""";
    static final String UNSUPPORTED_MEDIA = """
            {"success": false, "error": "Content-Type must be application/json"}""";
    static final String UNSUPPORTED_TYPE = """
            {"success": false, "error": "type 'video' is not supported by this worker; supported: text, image, document"}""";
    static final String UNAVAILABLE = """
            {"success": false, "error": "Command bus unavailable: the request was not accepted, retry later"}""";
    static final String BAD_ID = """
            {"success": false, "error": "messageId must be 1-128 characters of A-Z, a-z, 0-9, '_' or '-', starting with a letter or digit"}""";
    static final String MEDIA_NOT_FOUND = """
            {"success": false, "error": "Media not found: 3EB0C431C26A1916E07A"}""";
}
