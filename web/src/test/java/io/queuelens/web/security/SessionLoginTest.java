package io.queuelens.web.security;

import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SessionLoginTest {

    /** A session that keeps its attributes in a map, as far as SessionLogin uses it. */
    private static HttpSession session(Map<String, Object> attributes) {
        return (HttpSession) Proxy.newProxyInstance(HttpSession.class.getClassLoader(), new Class<?>[]{HttpSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getAttribute" -> attributes.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aRememberedLoginComesBackWithItsRolesAfterTheAttributesTravelledAsBytes() throws Exception {
        Map<String, Object> attributes = new HashMap<>();
        SessionLogin.remember(session(attributes), "maria", List.of("REPORTS", "DASHBOARD"));

        // what a data grid does with a replicated session's attributes
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new HashMap<>(attributes));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();

        SessionLogin.Login login = SessionLogin.of(session(copy)).orElseThrow();
        assertThat(login.username()).isEqualTo("maria");
        assertThat(login.roles()).isEqualTo(Set.of("REPORTS", "DASHBOARD"));
    }

    @Test
    void aSessionWithoutBothAttributesCarriesNoLogin() {
        assertThat(SessionLogin.of(null)).isEmpty();
        assertThat(SessionLogin.of(session(new HashMap<>()))).isEmpty();
        assertThat(SessionLogin.of(session(new HashMap<>(Map.of(SessionLogin.CALLER, "maria"))))).isEmpty();
    }

    @Test
    void aUserWithoutRolesHasNoneRatherThanAnEmptyName() {
        Map<String, Object> attributes = new HashMap<>();
        SessionLogin.remember(session(attributes), "nobody", List.of());
        assertThat(SessionLogin.of(session(attributes)).orElseThrow().roles()).isEmpty();
    }
}
