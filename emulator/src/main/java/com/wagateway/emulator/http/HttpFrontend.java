package com.wagateway.emulator.http;

import com.wagateway.emulator.protocol.ChatServer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * One Jetty server (core handlers, no servlets) on one port: {@code /ws/chat} upgrades to the chat
 * WebSocket, everything else is the admin API. Idle WebSockets cost no thread (NIO selectors,
 * auto-demand), so tens of thousands fit.
 */
public final class HttpFrontend implements AutoCloseable {

    public static final String CHAT_PATH = "/ws/chat";
    /** Clients ping every 30 s (fact sheet §8.3); a socket silent for this long is dead. */
    private static final Duration WEBSOCKET_IDLE_TIMEOUT = Duration.ofMinutes(5);

    private final Server server;
    private final ServerConnector connector;

    public HttpFrontend(String host, int port, int maxFrameLength, ChatServer chat, AdminApi admin,
                        tools.jackson.databind.json.JsonMapper mapper, Faults faults, ExecutorService adminExecutor) {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("emulator");
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);

        WebSocketUpgradeHandler websockets = WebSocketUpgradeHandler.from(server, container -> {
            // A frame may be 2^24-1 bytes plus its 3-byte header, in one WebSocket message (§2.3).
            container.setMaxBinaryMessageSize(maxFrameLength + 3L);
            container.setMaxFrameSize(maxFrameLength + 3L);
            container.setIdleTimeout(WEBSOCKET_IDLE_TIMEOUT);
            container.addMapping(CHAT_PATH, (request, response, callback) -> new ChatSocket(chat));
        });
        websockets.setHandler(new AdminHandler(admin, mapper, adminExecutor));
        server.setHandler(new RefusalGate(faults, websockets));
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** While a refusal fault is active, WebSocket upgrades get 503 (the admin API keeps working). */
    private static final class RefusalGate extends Handler.Wrapper {
        private final Faults faults;

        RefusalGate(Faults faults, Handler next) {
            super(next);
            this.faults = faults;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (faults.refusing() && CHAT_PATH.equals(Request.getPathInContext(request))) {
                Response.writeError(request, response, callback, 503, "refusing connections (fault injected)");
                return true;
            }
            return super.handle(request, response, callback);
        }
    }
}
