package io.queuelens.web.live;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON provider the live path builds its messages with, looked up once. Jakarta JSON's static
 * {@code Json.createObjectBuilder()} calls {@code JsonProvider.provider()} every time, and that is a
 * ServiceLoader look-up through the application's class loader (Payara reads jar entries for it): 11% of
 * the server's CPU under the 5,000-subscriber push bench, on the very thread that builds each push.
 */
final class LiveJson {

    static final JsonProvider PROVIDER = JsonProvider.provider();

    private LiveJson() {
    }
}
