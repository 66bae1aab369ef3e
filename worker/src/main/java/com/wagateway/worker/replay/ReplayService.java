package com.wagateway.worker.replay;

import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One replay at a time per worker (two operators re-sending the same range would only double the calls). */
public final class ReplayService {

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);

    private final Replayer replayer;
    private final ReentrantLock one = new ReentrantLock();

    ReplayService(Replayer replayer) {
        this.replayer = replayer;
    }

    public boolean available() {
        return replayer != null;
    }

    /** @throws IllegalStateException when another replay runs or there is no Backend */
    public ReplaySummary replay(ReplayRequest request) {
        if (replayer == null) {
            throw new IllegalStateException("no BACKEND_URL: nothing to replay to");
        }
        if (!one.tryLock()) {
            throw new IllegalStateException("a replay is already running");
        }
        try {
            return replayer.replay(request, line -> log.info(line));
        } finally {
            one.unlock();
        }
    }
}
