package io.queuelens.bench;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The only class of the WAR {@link BareSocketHeap} deploys: a WebSocket endpoint with nothing behind it
 * (no page, no HTTP session, no CDI bean, no OmniFaces). It greets each socket once, so the benchmark
 * knows every socket was opened and served.
 */
@ServerEndpoint("/ws")
public class BareEndpoint {

    @OnOpen
    public void open(Session session) {
        session.getAsyncRemote().sendText("open");
    }
}
