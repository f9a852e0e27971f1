package io.queuelens.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API, version 1. Same login and roles as the pages. (A JAX-RS resource in the WAR also
 * makes Payara Server activate MicroProfile Health for the EAR, whose checks live in the ejb module.)
 */
@ApplicationPath("/api/v1")
public class ApiApplication extends Application {
}
