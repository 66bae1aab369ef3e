package com.wagateway.worker.media.fetch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import org.apache.hc.client5.http.io.DetachedSocketFactory;

/**
 * Makes the HTTP client's sockets: plain sockets whose connect goes through the {@link Dialer}. TLS is layered on top
 * of these by the client (no second connect), so every connection of a fetch passes the dialer.
 */
final class DialingSocketFactory implements DetachedSocketFactory {

    private final Dialer dialer;

    DialingSocketFactory(Dialer dialer) {
        this.dialer = dialer;
    }

    @Override
    public Socket create(Proxy proxy) throws IOException {
        if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
            // a proxy would connect on our behalf to a name we never vetted
            throw new IOException("media fetches do not use proxies");
        }
        return new DialingSocket(dialer);
    }

    private static final class DialingSocket extends Socket {

        private final Dialer dialer;

        DialingSocket(Dialer dialer) {
            // NO_PROXY: a plain Socket would follow socksProxyHost / the default ProxySelector, and a proxy connects
            // from its own network on our behalf
            super(Proxy.NO_PROXY);
            this.dialer = dialer;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress address) || address.isUnresolved()) {
                throw new IOException("media fetches connect to resolved addresses only");
            }
            dialer.dial(address, timeout, this::connectDirectly);
        }

        private void connectDirectly(InetSocketAddress address, int timeout) throws IOException {
            super.connect(address, timeout);
        }
    }
}
