package io.queuelens.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API, version 1. Same login and roles as the pages. (A JAX-RS resource in the WAR also
 * makes Payara Server activate MicroProfile Health for the EAR, whose checks live in the ejb module.)
 * Payara serves its OpenAPI document at {@code /openapi}, to logged-in users and API tokens only.
 */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(
        info = @Info(title = "QueueLens API", version = "1",
                description = "Contact-center history: reports with the figures of KPI.md, calls, CDR recordings, "
                        + "queue_log imports, sources and settings. Times are ISO-8601; ranges are from inclusive, "
                        + "to exclusive; visits are attributed by the time they entered the queue. Errors are "
                        + "{\"error\": ..., \"parameter\": ...} with 400 for bad parameters, 404 for an unknown tenant."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "QUEUELENS_API_TOKEN (server administrator); a logged-in browser session works too")
public class ApiApplication extends Application {
}
