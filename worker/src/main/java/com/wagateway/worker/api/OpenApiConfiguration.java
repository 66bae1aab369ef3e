package com.wagateway.worker.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The document at {@code /v3/api-docs}: title, version from the build, Bearer auth on every operation. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String SCHEME = "bearerAuth";

    @Bean
    OpenAPI workerOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties info = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("WhatsApp gateway worker API")
                        .version(info == null ? WorkerStatusService.UNKNOWN_VERSION : info.getVersion())
                        .description("The Backend's worker contract (ref/worker-spec.md). Every answer is the "
                                + "envelope {success, data | message | error}. See docs/api.md."))
                .components(new Components().addSecuritySchemes(SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("BACKEND_AUTH_TOKEN, sent as Authorization: Bearer <token>")))
                .addSecurityItem(new SecurityRequirement().addList(SCHEME));
    }

    private static Map<String, Object> unauthorizedExample() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", "Unauthorized");
        return body;
    }

    /** Every operation can answer 401; saying it once here keeps the controllers readable. */
    @Bean
    OpenApiCustomizer unauthorizedResponses() {
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                operation.getResponses().addApiResponse("401", new ApiResponse()
                        .description("Missing or wrong Bearer token")
                        .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                new MediaType().example(unauthorizedExample()))))));
    }
}
