package com.wagateway.worker.api;

import com.wagateway.worker.config.WorkerProperties;
import java.util.Base64;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the token the API requires. Configured: used as is (surrounding whitespace dropped, since secrets read
 * from files often end in a newline), never logged. Missing in production: start-up fails naming the variable.
 * Missing elsewhere: 32 random bytes, base64url, printed once so a developer can call the API without setting
 * anything, with the hint how to fix it; the API is never open.
 */
public final class ApiTokenResolver {

    private static final Logger log = LoggerFactory.getLogger(ApiTokenResolver.class);
    private static final int GENERATED_BYTES = 32;

    private final RandomGenerator random;

    public ApiTokenResolver(RandomGenerator random) {
        this.random = random;
    }

    public BearerToken resolve(WorkerProperties properties) {
        String configured = properties.authToken() == null ? "" : properties.authToken().strip();
        if (!configured.isEmpty()) {
            return BearerToken.configured(configured);
        }
        if (properties.production()) {
            throw new MissingAuthTokenException();
        }
        byte[] bytes = new byte[GENERATED_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        log.warn("api.token.generated BACKEND_AUTH_TOKEN is not set, so this run generated a Bearer token: {} "
                + "(environment={}; set BACKEND_AUTH_TOKEN to choose one, it is required when NODE_ENV=production)",
                token, properties.environment());
        return BearerToken.generated(token);
    }
}
