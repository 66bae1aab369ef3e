package com.wagateway.worker.session;

import java.util.Collection;
import java.util.Optional;

/** Read side of session state, answered from the local view of {@code wa.session-state}, never from the engine. */
public interface SessionDirectory {

    /** Empty when the session was never created or was deleted. */
    Optional<SessionView> find(String sessionId);

    Collection<SessionView> all();
}
