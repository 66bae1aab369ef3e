package com.wagateway.emulator.http;

import com.wagateway.emulator.protocol.ChatServer;
import com.wagateway.emulator.protocol.ClientConnection;
import com.wagateway.emulator.protocol.SocketLink;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Jetty's side of one {@code /ws/chat} WebSocket: binary messages go to the connection's Noise stream,
 * sends go out as binary messages. Auto-demanding, so no thread waits on an idle socket.
 */
public final class ChatSocket implements Session.Listener.AutoDemanding, SocketLink {

    private final ChatServer server;
    private volatile Session session;
    private volatile ClientConnection connection;

    ChatSocket(ChatServer server) {
        this.server = server;
    }

    @Override
    public void onWebSocketOpen(Session newSession) {
        this.session = newSession;
        this.connection = server.open(this);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            connection.onBytes(payload);
            callback.succeed();
        } catch (RuntimeException e) {
            callback.fail(e);
        }
    }

    @Override
    public void onWebSocketText(String message) {
        close(); // the protocol is binary only
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        ClientConnection c = connection;
        if (c != null) {
            c.onSocketClosed();
        }
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        ClientConnection c = connection;
        if (c != null) {
            c.onSocketClosed();
        }
    }

    @Override
    public void send(byte[] bytes) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendBinary(ByteBuffer.wrap(bytes), Callback.NOOP);
        }
    }

    @Override
    public void close() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(1000, "", Callback.NOOP);
        }
    }

    @Override
    public void abort() {
        Session s = session;
        if (s != null) {
            s.disconnect();
        }
    }

    @Override
    public String remote() {
        Session s = session;
        return s == null ? "?" : String.valueOf(s.getRemoteSocketAddress());
    }
}
