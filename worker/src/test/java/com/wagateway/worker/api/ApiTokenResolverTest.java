package com.wagateway.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.worker.config.WorkerProperties;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ApiTokenResolverTest {

    private static final Pattern GENERATED_LINE =
            Pattern.compile("api\\.token\\.generated .*Bearer token: ([A-Za-z0-9_-]+) ");

    private final ApiTokenResolver resolver = new ApiTokenResolver(new SecureRandom());

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
            .withUserConfiguration(ApiConfiguration.class);

    private static WorkerProperties props(String environment, String token) {
        return new WorkerProperties("w", environment, 50, "", token, null, null, Duration.ofSeconds(10),
                Duration.ofSeconds(5));
    }

    @Test
    void configuredTokenIsUsedTrimmedAndNeverLogged(CapturedOutput output) {
        BearerToken token = resolver.resolve(props("production", "  s3cret-value\n"));
        assertThat(token.generated()).isFalse();
        assertThat(token.matches("s3cret-value")).isTrue();
        assertThat(output.getAll()).doesNotContain("s3cret-value");
    }

    @Test
    void missingTokenInProductionFailsNamingTheVariable() {
        assertThatThrownBy(() -> resolver.resolve(props("production", "")))
                .isInstanceOf(MissingAuthTokenException.class).hasMessageContaining("BACKEND_AUTH_TOKEN");
        assertThatThrownBy(() -> resolver.resolve(props("PRODUCTION", null)))
                .isInstanceOf(MissingAuthTokenException.class);
        assertThatThrownBy(() -> resolver.resolve(props("production", "   ")))
                .isInstanceOf(MissingAuthTokenException.class);
    }

    @Test
    void missingTokenElsewhereIsGeneratedAndPrintedOnce(CapturedOutput output) {
        BearerToken token = resolver.resolve(props("development", ""));
        assertThat(token.generated()).isTrue();
        String printed = printedToken(output.getAll());
        // 32 random bytes in unpadded base64url are 43 characters, and the printed value is the one that works.
        assertThat(printed).hasSize(43).matches("^[A-Za-z0-9_-]+$");
        assertThat(token.matches(printed)).isTrue();
        assertThat(output.getAll()).contains("set BACKEND_AUTH_TOKEN");
        assertThat(resolver.resolve(props("development", "")).matches(printed)).as("fresh per run").isFalse();
    }

    @Test
    void productionContextDoesNotStartWithoutToken() {
        context.withPropertyValues("worker.environment=production", "worker.auth-token=").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(MissingAuthTokenException.class)
                    .hasMessageContaining("BACKEND_AUTH_TOKEN");
        });
    }

    @Test
    void developmentContextStartsWithAGeneratedTokenLoggedOnce(CapturedOutput output) {
        context.withPropertyValues("worker.environment=development", "worker.auth-token=").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            BearerToken token = ctx.getBean(BearerToken.class);
            assertThat(token.generated()).isTrue();
            String all = output.getAll();
            assertThat(all.split("api\\.token\\.generated", -1)).as("exactly one line").hasSize(2);
            assertThat(token.matches(printedToken(all))).isTrue();
        });
    }

    @Test
    void configuredContextStartsSilently(CapturedOutput output) {
        context.withPropertyValues("worker.environment=production", "worker.auth-token=prod-secret-123").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(BearerToken.class).matches("prod-secret-123")).isTrue();
            assertThat(output.getAll()).doesNotContain("prod-secret-123").doesNotContain("api.token.generated");
        });
    }

    private static String printedToken(String output) {
        Matcher m = GENERATED_LINE.matcher(output);
        assertThat(m.find()).as("generated-token line in: %s", output).isTrue();
        return m.group(1);
    }
}
